// Builds the app and serves it with the reference server, as `npm start` does: the built app and the sync API on
// one origin, with a SQLite file of its own and a token for the tests. A test may build twice (two versions) and
// serve either on one port (one origin), or stop the server to be offline for real.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { buildApp as buildServer } from '../../../server/src/app';
import { openStore } from '../../../server/src/store/open-store';
import type { Store } from '../../../server/src/store/store';
import { createToken } from '../../../server/src/tokens';
import { IN_TEST_PROCESS } from '../../server/support';

/** Builds into `outDir` (dist/ when absent), with BUILD_ID as the version shown in the footer. */
export async function buildApp(outDir?: string, buildId?: string): Promise<void> {
  // Inside Vitest NODE_ENV is 'test', which would make a development build (no service worker registered).
  const saved = { BUILD_ID: process.env.BUILD_ID, NODE_ENV: process.env.NODE_ENV };
  process.env.NODE_ENV = 'production';
  if (buildId !== undefined) process.env.BUILD_ID = buildId;
  try {
    await build({ logLevel: 'warn', mode: 'production', build: outDir ? { outDir, emptyOutDir: true } : {} });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

export interface Served {
  url: string;
  port: number;
  /** A token the server accepts. */
  token: string;
  /** The server's store, and the SQLite file under it, to look at what it holds. */
  store: Store;
  dbPath: string;
  server: { close(): Promise<void> };
}

/** Serves a build with the reference server; `port` 0 picks a free one. */
export async function serveDir(outDir = 'dist', port = 0): Promise<Served> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tne13-serveur-'));
  const dbPath = join(dataDir, 'tne13.sqlite');
  const store = await openStore(dbPath);
  // admin: the browser tests sync and export with this one token.
  const token = await createToken(store, 'Tests automatiques', { role: 'admin' });
  const app = await buildServer({ store, staticDir: resolve(outDir), limits: IN_TEST_PROCESS });
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const close = async () => {
    // Open keep-alive connections go too: a stopped server must not answer on them.
    const closing = app.close();
    app.server.closeAllConnections();
    await closing;
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  return { url: `http://127.0.0.1:${actualPort}`, port: actualPort, token, store, dbPath, server: { close } };
}

export async function serveBuild(): Promise<Served> {
  await buildApp();
  return serveDir();
}
