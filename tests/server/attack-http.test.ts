// The server under attack and load at the HTTP layer (issue 14, defects 5, 6 and 7): token guessing, bodies never
// finished, more work than it can do, requests Fastify or Node refuse before any route, an unwritable file, a disk
// that stops taking writes, a wrong method, a write-ahead log that only grows. Each over real HTTP against the real
// server; time limits are shortened through the app's options so that a test sees them act, never timed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeClassroomFiche } from '../../src/model/make';
import { buildApp } from '../../server/src/app';
import { openStore } from '../../server/src/store/open-store';
import type { Store } from '../../server/src/store/store';
import { createToken } from '../../server/src/tokens';
import { CONTENT_SECURITY_POLICY } from '../../server/src/web';
import { exchange, openSocket, parseAnswer, requestFrom, type OpenSocket, type RawAnswer } from './raw-http';
import { serveProcess } from './serve-process';
import { IN_TEST_PROCESS, makeBatch, makeTempDir, postSync, pushOf, removeTempDir, startServer, type TestServer } from './support';
import { execOnPostgres, ON_POSTGRES, storeLocation } from './store-under-test';

let dir: string;
let servers: TestServer[];
let sockets: OpenSocket[];

beforeEach(() => {
  dir = makeTempDir();
  servers = [];
  sockets = [];
});

afterEach(async () => {
  for (const open of sockets) open.socket.destroy();
  await Promise.all(servers.map((server) => server.close()));
  removeTempDir(dir);
});

async function start(options: Parameters<typeof startServer>[1] = {}): Promise<TestServer> {
  const server = await startServer(join(dir, 'tne13.sqlite'), options);
  servers.push(server);
  return server;
}

/** Polls `check` until it holds (a behaviour expected soon), failing after `withinMs`. */
async function eventually(check: () => boolean | Promise<boolean>, withinMs = 10_000): Promise<void> {
  const until = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('not observed in time');
    await new Promise((done) => setTimeout(done, 25));
  }
}

type AnyHeaders = Record<string, string | string[] | undefined> | Headers;

function header(headers: AnyHeaders, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return value === undefined ? null : String(value);
}

/** The answer is French JSON `{ error, message }` with every security header an answer carries. */
function expectFrenchRefusal(headers: AnyHeaders, text: string, error: string): void {
  expect(header(headers, 'content-type')).toMatch(/^application\/json/);
  expect(header(headers, 'content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(header(headers, 'x-content-type-options')).toBe('nosniff');
  expect(header(headers, 'x-frame-options')).toBe('DENY');
  expect(header(headers, 'referrer-policy')).toBe('no-referrer');
  const body = JSON.parse(text) as { error: string; message: string };
  expect(body).toEqual({ error, message: expect.any(String) });
  // French: accents or French words, never Node's or Fastify's English.
  expect(body.message).toMatch(/[àâçéèêëîïôûù]|requête|adresse|serveur/i);
  expect(body.message).not.toMatch(/\b(the|is|not|request|error)\b/i);
}

const pushHead = (token: string, length: number) =>
  `POST /api/v1/sync HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

/** A push whose body is announced at 1,000,000 bytes and stops at `sent`: held open until the server acts. */
async function unfinishedPush(server: TestServer, sent: Buffer): Promise<OpenSocket> {
  const open = await openSocket(server.url, pushHead(server.token, 1_000_000), sent);
  sockets.push(open);
  return open;
}

async function pushOne(server: TestServer) {
  return postSync(server, makeBatch([pushOf(makeClassroomFiche())]));
}

describe('token guessing', () => {
  it('2,000 wrong tokens: 429 with Retry-After after the 20th, and a good token from another address still works', { timeout: 60_000 }, async () => {
    let clock = new Date('2026-10-05T08:15:30.000Z');
    const failures: string[] = [];
    const logLines: string[] = [];
    const server = await start({
      now: () => clock,
      onFailedAuth: (address) => failures.push(address),
      logger: { level: 'warn', stream: { write: (line: string) => logLines.push(line) } },
    });
    const changes = `${server.url}/api/v1/changes?campaign=2026-2027`;
    const guess = async (i: number) => {
      const response = await fetch(changes, { headers: { authorization: `Bearer devine-${i}` } });
      return { status: response.status, headers: response.headers, text: await response.text() };
    };

    const answers = [];
    for (let i = 0; i < 25; i += 1) answers.push(await guess(i));
    for (let i = 25; i < 2_000; i += 100) answers.push(...(await Promise.all(Array.from({ length: 100 }, (_, j) => guess(i + j)))));

    expect(answers.slice(0, 20).map((answer) => answer.status)).toEqual(Array(20).fill(401));
    expect(answers.slice(20).every((answer) => answer.status === 429)).toBe(true);
    for (const answer of [answers[20], answers[1_999]]) {
      expect(answer?.headers.get('retry-after')).toBe('30');
      expectFrenchRefusal(answer?.headers as AnyHeaders, answer?.text ?? '', 'too_many_failed_authentications');
    }
    // Every failure told to the audit log; one log line for this address and minute.
    expect(failures).toEqual(Array(20).fill('127.0.0.1'));
    expect(logLines.filter((line) => line.includes('127.0.0.1'))).toHaveLength(1);

    // Every request from the address is refused until the minute ends, a good token's too…
    expect((await fetch(changes, { headers: { authorization: `Bearer ${server.token}` } })).status).toBe(429);
    // …while another address goes on working.
    const other = await requestFrom('127.0.0.2', changes, { authorization: `Bearer ${server.token}` });
    expect(other.status).toBe(200);

    clock = new Date('2026-10-05T08:16:00.000Z');
    expect((await fetch(changes, { headers: { authorization: `Bearer ${server.token}` } })).status).toBe(200);
  });
});

describe('bodies never finished and more work than the server can do', () => {
  it('300 unfinished bodies: the connections are closed after the body timeout, memory stays bounded', { timeout: 60_000 }, async () => {
    const server = await start({ limits: { headersTimeoutMs: 2_000, requestTimeoutMs: 3_000, maxRequestsInFlight: 20 } });
    // 900 KB of a body announced at 1,000,000 bytes: the server holds what it reads until the body ends.
    const sent = Buffer.alloc(900_000, 0x20);
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);

    try {
      const held = await Promise.all(Array.from({ length: 300 }, () => unfinishedPush(server, sent)));
      await eventually(() => held.every((open) => open.isClosed()));

      const statuses = held.map((open) => parseAnswer(open.received())?.status);
      // Past the bound, refused at once without reading the body; the 20 let in closed with a 408 at the body timeout
      // (a connection whose headers the busy server read too late gets the same).
      expect(statuses.every((status) => status === 503 || status === 408)).toBe(true);
      expect(statuses.filter((status) => status === 503).length).toBeGreaterThanOrEqual(250);
      expect(statuses.filter((status) => status === 408).length).toBeGreaterThanOrEqual(20);
      const late = held.find((open) => parseAnswer(open.received())?.status === 408);
      if (late !== undefined) {
        const answer = parseAnswer(late.received());
        expectFrenchRefusal(answer?.headers ?? {}, answer?.text ?? '', 'request_timeout');
      }
    } finally {
      clearInterval(sampler);
    }
    // 300 bodies held were 262 MB more here without the bound; 20 of them, about 50 MB with the sockets' buffers.
    expect(rssPeak - rssBefore).toBeLessThan(120 * 1024 * 1024);
    // And the server serves again.
    expect((await pushOne(server)).status).toBe(200);
  });

  it('headers not finished in time: a 408 in French, and the connection closed', async () => {
    const server = await start({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 1_000 } });
    const open = await openSocket(server.url, 'GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lent: ');
    sockets.push(open);
    await open.closed;
    const answer = parseAnswer(open.received());
    expect(answer?.status).toBe(408);
    expectFrenchRefusal(answer?.headers ?? {}, answer?.text ?? '', 'request_timeout');
  });

  it('connections past the cap are closed as they open, and served again once others close', async () => {
    const server = await start({ limits: { maxConnections: 5 } });
    const idle = await Promise.all(Array.from({ length: 5 }, () => openSocket(server.url, '')));
    sockets.push(...idle);
    const extra = await openSocket(server.url, 'GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    sockets.push(extra);
    await extra.closed;
    expect(extra.received()).toBe('');

    idle[0]?.socket.destroy();
    await eventually(async () => (await fetch(`${server.url}/api/v1/health`).catch(() => null))?.status === 200);
  });

  it('past the queue bound, 503 with Retry-After, never a time-out', async () => {
    const server = await start({ limits: { maxRequestsInFlight: 2 } });
    const held = [await unfinishedPush(server, Buffer.from('{')), await unfinishedPush(server, Buffer.from('{'))];
    await new Promise((done) => setTimeout(done, 100));

    const refused = await postSync(server, makeBatch([pushOf(makeClassroomFiche())]));
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({ error: 'overloaded' });
    expect(JSON.stringify(refused.body)).toContain('surchargé');
    expect(refused.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    // The health probe takes no place in the queue.
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);

    held[0]?.socket.destroy();
    await eventually(async () => (await pushOne(server)).status === 200);
  });

  it('more store work than the queue may wait for: 503 at the headers, /health answered while the store works, the work taken done', async () => {
    // The real store, its pushes held at a gate the test opens: the queue sees a batch that takes as long as it likes.
    const store = await openStore(storeLocation(join(dir, 'tne13.sqlite')));
    const token = await createToken(store, 'Camille Martin', { role: 'admin' });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let pushesStarted = 0;
    const gated: Store = {
      ...store,
      revisions: {
        ...store.revisions,
        async push(records, sender) {
          pushesStarted += 1;
          await gate;
          return store.revisions.push(records, sender);
        },
      },
    };
    // A batch is first expected to take 20 ms: with one in the store, the next would wait more than 10 ms.
    const app = await buildApp({ store: gated, limits: { ...IN_TEST_PROCESS, maxQueueWaitMs: 10 } });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const server = { url, token };
      const fiche = makeClassroomFiche();
      const taken = postSync(server, makeBatch([pushOf(fiche)]));
      await eventually(() => pushesStarted === 1);

      // Refused before its body is read: the body announced never comes, the answer does.
      const refused = await openSocket(url, pushHead(token, 1_000_000), Buffer.from('{'));
      sockets.push(refused);
      let answer: RawAnswer | null = null;
      await eventually(() => (answer = parseAnswer(refused.received())) !== null && answer.text.endsWith('}'));
      const { status, headers, text } = answer as unknown as RawAnswer;
      expect(status).toBe(503);
      expect(Number(header(headers, 'retry-after'))).toBeGreaterThanOrEqual(1);
      expectFrenchRefusal(headers, text, 'overloaded');
      // A pull waits for the same store: refused too; the health probe is not.
      const pull = await fetch(`${url}/api/v1/changes?campaign=2026-2027&since=0`, { headers: { authorization: `Bearer ${token}` } });
      expect(pull.status).toBe(503);
      expect(pull.headers.get('retry-after')).not.toBeNull();
      expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
      expect(pushesStarted).toBe(1);

      release();
      const stored = await taken;
      expect([stored.status, stored.body.results[0]?.status]).toEqual([200, 'stored']);
      // The queue empty, the next batch is taken whatever the last one cost.
      const next = await postSync(server, makeBatch([pushOf(makeClassroomFiche())]));
      expect([next.status, next.body.results[0]?.status]).toEqual([200, 'stored']);
    } finally {
      release();
      for (const open of sockets) open.socket.destroy();
      await app.close();
      await store.close();
    }
  });

  it('a process past its memory bound: 503 with Retry-After on every API request, /health still answered', async () => {
    const server = await start({ limits: { maxHeapUsedBytes: 1, sampleIntervalMs: 10 } });
    await eventually(async () => (await pushOne(server)).status === 503);
    const refused = await pushOne(server);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({ error: 'overloaded' });
    // A device's probe must tell "busy, come back" (its push's 503) from "down".
    const health = await fetch(`${server.url}/api/v1/health`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
  });
});

describe('refusals of the HTTP layer', () => {
  it('%c0%ae, a 100 KB header, bytes that are not HTTP, an unknown Expect: French JSON with security headers', async () => {
    const server = await start();
    for (const path of ['/%c0%ae', '/api/v1/%c0%ae/history']) {
      const badUrl = await exchange(server.url, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(badUrl.status).toBe(400);
      expectFrenchRefusal(badUrl.headers, badUrl.text, 'invalid_url');
    }

    const hugeHeader = await exchange(server.url, `GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Grand: ${'a'.repeat(100_000)}\r\n\r\n`);
    expect(hugeHeader.status).toBe(431);
    expectFrenchRefusal(hugeHeader.headers, hugeHeader.text, 'headers_too_large');

    const notHttp = await exchange(server.url, 'BONJOUR\r\n\r\n');
    expect(notHttp.status).toBe(400);
    expectFrenchRefusal(notHttp.headers, notHttp.text, 'invalid_request');

    const expectation = await exchange(server.url, 'GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: tout-de-suite\r\nConnection: close\r\n\r\n');
    expect(expectation.status).toBe(417);
    expectFrenchRefusal(expectation.headers, expectation.text, 'expectation_failed');
  });

  it('wrong method → 405 with Allow', async () => {
    const server = await start();
    const cases = [
      ['GET', '/api/v1/sync', 'POST'],
      ['DELETE', '/api/v1/sync', 'POST'],
      ['POST', '/api/v1/health', 'GET, HEAD'],
      ['PUT', '/api/v1/changes', 'GET, HEAD'],
    ] as const;
    for (const [method, path, allow] of cases) {
      const response = await fetch(`${server.url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow')).toBe(allow);
      expectFrenchRefusal(response.headers, await response.text(), 'method_not_allowed');
    }
    // Refused before its body is read: neither its size nor its type is judged.
    const big = await fetch(`${server.url}/api/v1/health`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(2_000_000) });
    expect(big.status).toBe(405);
    // An address that does not exist stays a 404.
    expect((await fetch(`${server.url}/api/v1/inconnue`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('the database file', () => {
  // SQLite only: a file's path; PostgreSQL's unreachable server and absent database are in pg-store.test.ts.
  it.skipIf(ON_POSTGRES)('an unwritable database path: French message naming the path, exit ≠ 0', async () => {
    writeFileSync(join(dir, 'un-fichier'), 'pas un dossier');
    const underAFile = join(dir, 'un-fichier', 'tne13.sqlite');
    const notADatabase = join(dir, 'pas-une-base.sqlite');
    writeFileSync(notADatabase, Buffer.alloc(8_192, 0x41));

    for (const [dbPath, cause] of [
      [underAFile, 'un élément du chemin est un fichier, pas un dossier (EEXIST)'],
      [notADatabase, "ce fichier n'est pas une base de données SQLite (SQLITE_NOTADB)"],
    ] as const) {
      const started = await serveProcess(dbPath);
      if ('url' in started) {
        await started.stop();
        throw new Error(`le serveur a démarré sur ${dbPath}`);
      }
      expect(started.code).not.toBe(0);
      expect(started.stderr).toContain(`Impossible d'ouvrir la base de données ${resolve(dbPath)} : ${cause}.`);
      expect(started.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('/health 503 when writes fail, and ok again once they succeed', async () => {
    const dbPath = join(dir, 'tne13.sqlite');
    const started = await serveProcess(dbPath);
    if (!('url' in started)) throw new Error(`le serveur s'est arrêté : ${started.stderr}`);
    const health = async () => {
      const response = await fetch(`${started.url}/api/v1/health`);
      return { status: response.status, headers: response.headers, text: await response.text() };
    };
    // As a full disk would. SQLite: no file of the server's may grow by a byte (the soft limit only, so it can be
    // lifted). PostgreSQL, whose files are its server's: every write of the health probe's table fails as a full
    // disk makes it fail (SQLSTATE 53100), until the trigger is dropped.
    const fillDisk = () =>
      ON_POSTGRES
        ? execOnPostgres(dbPath, `CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
                         BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$;
                       CREATE TRIGGER disk_full BEFORE INSERT OR UPDATE ON write_probe FOR EACH ROW EXECUTE FUNCTION disk_full();`)
        : execFileSync('prlimit', ['--pid', String(started.pid), '--fsize=1:unlimited']);
    const freeDisk = () =>
      ON_POSTGRES
        ? execOnPostgres(dbPath, 'DROP TRIGGER disk_full ON write_probe; DROP FUNCTION disk_full();')
        : execFileSync('prlimit', ['--pid', String(started.pid), '--fsize=unlimited:unlimited']);
    try {
      expect((await health()).status).toBe(200);
      fillDisk();
      await eventually(async () => (await health()).status === 503);
      const refused = await health();
      expectFrenchRefusal(refused.headers, refused.text, 'storage_unavailable');
      expect(refused.text).toContain('disque plein');

      freeDisk();
      await eventually(async () => (await health()).status === 200);
    } finally {
      await started.stop();
    }
  });

  // SQLite only: PostgreSQL checkpoints and recycles its write-ahead log itself (Store.checkpoint does nothing there).
  it.skipIf(ON_POSTGRES)('the WAL is truncated after a checkpoint', async () => {
    const server = await start({ limits: { walCheckpointIntervalMs: 200 } });
    const walSize = () => statSync(`${server.dbPath}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    // Pushes until the log is seen to hold something (a checkpoint may fall between a push and the look).
    await eventually(async () => {
      expect((await pushOne(server)).status).toBe(200);
      return walSize() > 0;
    });
    await eventually(() => walSize() === 0);
  });
});
