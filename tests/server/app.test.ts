// The server around the sync endpoint: health, the school directory, the app served on the same origin with its
// security headers and cache policy, and CORS closed unless an origin is configured.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import type { DirectorySchool } from '../../src/model/school';
import { CONTENT_SECURITY_POLICY } from '../../server/src/web';
import { makeTempDir, removeTempDir, startServer } from './support';
import type { TestServer } from './support';

const INDEX_HTML = '<!doctype html><html lang="fr"><script type="module" src="/assets/index-abc123.js"></script></html>';

let dir: string;
let servers: TestServer[];

beforeEach(() => {
  dir = makeTempDir();
  servers = [];
});

afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  removeTempDir(dir);
});

async function start(options: Parameters<typeof startServer>[1] = {}): Promise<TestServer> {
  const server = await startServer(join(dir, 'tne13.sqlite'), options);
  servers.push(server);
  return server;
}

/** A built app in miniature: index.html, a hashed asset and the service worker. */
function makeStaticDir(): string {
  const root = join(dir, 'dist');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), INDEX_HTML);
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log("app");');
  writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  return root;
}

const APP_SCRIPT = Array.from({ length: 200 }, (_, i) => `export const label${i} = "Fiche de l'école n° ${i}";`).join('\n');

/** The same, with a real-sized script and the .br and .gz siblings that the build writes next to each file. */
function makePrecompressedDir(): string {
  const root = makeStaticDir();
  writeFileSync(join(root, 'assets', 'index-abc123.js'), APP_SCRIPT);
  for (const file of ['index.html', 'assets/index-abc123.js', 'sw.js']) {
    const bytes = readFileSync(join(root, file));
    writeFileSync(join(root, `${file}.br`), brotliCompressSync(bytes));
    writeFileSync(join(root, `${file}.gz`), gzipSync(bytes));
  }
  return root;
}

/** A GET with the browser's Accept-Encoding, the body as it came over the wire (fetch would decode it). */
function getRaw(url: string, acceptEncoding?: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

describe('health and directory', () => {
  it('answers the health probe without a token', async () => {
    const response = await fetch(`${(await start()).url}/api/v1/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('serves the demonstration directory of a new database, and 304 when the device holds its ETag', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/api/v1/schools`);
    const schools = (await response.json()) as DirectorySchool[];
    const etag = response.headers.get('etag');

    expect(response.status).toBe(200);
    expect(schools.map((s) => s.uai).sort()).toEqual(DEMO_SCHOOLS.map((s) => s.uai).sort());
    expect(schools.find((s) => s.uai === DEMO_SCHOOLS[0]?.uai)).toEqual(DEMO_SCHOOLS[0]);
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await fetch(`${server.url}/api/v1/schools`, { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const stale = await fetch(`${server.url}/api/v1/schools`, { headers: { 'if-none-match': '"ancienne"' } });
    expect(stale.status).toBe(200);
  });

  it('answers an unknown API path with a JSON 404, even when the app is served', async () => {
    const response = await fetch(`${(await start({ staticDir: makeStaticDir() })).url}/api/v1/inconnu`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_found', message: 'Adresse inconnue.' });
  });
});

describe('the app on the same origin', () => {
  it('serves index.html with the CSP and the security headers', async () => {
    const response = await fetch(`${(await start({ staticDir: makeStaticDir() })).url}/`);

    expect(await response.text()).toBe(INDEX_HTML);
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; worker-src 'self' blob:; " +
        "connect-src 'self'; manifest-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers a deep link with the app, but a missing file with a 404', async () => {
    const server = await start({ staticDir: makeStaticDir() });
    const deepLink = await fetch(`${server.url}/ecoles/0130569Y`);
    const missing = await fetch(`${server.url}/assets/index-disparu.js`);

    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toBe(INDEX_HTML);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('lets the browser look for a new service worker on every load, and keep hashed assets', async () => {
    const server = await start({ staticDir: makeStaticDir() });

    expect((await fetch(`${server.url}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${server.url}/`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${server.url}/assets/index-abc123.js`)).headers.get('cache-control')).toContain('immutable');
  });
});

describe('the app compressed ahead of time, for a first visit over a poor connection', () => {
  const CHROMIUM_ACCEPT = 'gzip, deflate, br, zstd';

  it('sends a hashed script as Brotli to a browser that accepts it, kept for a year, the same bytes once decoded', async () => {
    const server = await start({ staticDir: makePrecompressedDir() });
    const answer = await getRaw(`${server.url}/assets/index-abc123.js`, CHROMIUM_ACCEPT);

    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(answer.headers.vary).toMatch(/accept-encoding/i);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(answer.body.length).toBeLessThan(APP_SCRIPT.length / 4);
    expect(brotliDecompressSync(answer.body).toString()).toBe(APP_SCRIPT);
  });

  it('sends it gzip-compressed to a browser that accepts only gzip', async () => {
    const server = await start({ staticDir: makePrecompressedDir() });
    const answer = await getRaw(`${server.url}/assets/index-abc123.js`, 'gzip, deflate');

    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(answer.body).toString()).toBe(APP_SCRIPT);
  });

  it('sends it as it is to a client that accepts no compression', async () => {
    const server = await start({ staticDir: makePrecompressedDir() });
    const answer = await getRaw(`${server.url}/assets/index-abc123.js`);

    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers.vary).toMatch(/accept-encoding/i);
    expect(answer.body.toString()).toBe(APP_SCRIPT);
  });

  it('compresses index.html (deep links too) and the service worker, still revalidated on every load', async () => {
    const server = await start({ staticDir: makePrecompressedDir() });
    const home = await getRaw(`${server.url}/`, CHROMIUM_ACCEPT);
    const deepLink = await getRaw(`${server.url}/ecoles/0130569Y`, CHROMIUM_ACCEPT);
    const sw = await getRaw(`${server.url}/sw.js`, CHROMIUM_ACCEPT);

    for (const answer of [home, deepLink]) {
      expect(answer.headers['content-encoding']).toBe('br');
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(brotliDecompressSync(answer.body).toString()).toBe(INDEX_HTML);
    }
    expect(sw.headers['content-encoding']).toBe('br');
    expect(sw.headers['cache-control']).toBe('no-cache');
  });
});

describe('CORS', () => {
  const origin = 'https://tne13.example.fr';

  it('allows no other origin by default', async () => {
    const response = await fetch(`${(await start()).url}/api/v1/health`, { headers: { origin } });

    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows a configured origin, preflight included, and no other', async () => {
    const server = await start({ corsOrigins: [origin] });
    const allowed = await fetch(`${server.url}/api/v1/health`, { headers: { origin } });
    const preflight = await fetch(`${server.url}/api/v1/sync`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    const other = await fetch(`${server.url}/api/v1/health`, { headers: { origin: 'https://ailleurs.example' } });

    expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
