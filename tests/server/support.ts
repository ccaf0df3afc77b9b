// The reference server for protocol tests: the real app listening on 127.0.0.1 with a real SQLite file in a
// fresh temporary folder, spoken to with fetch. No mocks, no inject.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildApp } from '../../server/src/app';
import type { AppOptions } from '../../server/src/app';
import type { FastifyInstance } from 'fastify';
import { openStore } from '../../server/src/store/open-store';
import { createToken, type TokenOptions } from '../../server/src/tokens';
import { dropDatabasesUnder, ON_POSTGRES, pgReader, storeEnv, storeLocation } from './store-under-test';
import type { DirectorySchool } from '../../src/model/school';
import type { ChangesResponse, PushRecord, SyncRequest, SyncResponse, SyncResult } from '../../src/model/sync-protocol';

export const TOKEN_OWNER = 'Camille Martin';

export interface TestServer {
  url: string;
  dbPath: string;
  /** A token created for TOKEN_OWNER before the server started, role admin (as the demonstration token). */
  token: string;
  /** Another token on the server's store (role auditeur unless told). */
  makeToken(owner: string, options?: TokenOptions): Promise<string>;
  /** The app itself: what a test watches on the server's side (its connections). */
  app: FastifyInstance;
  close(): Promise<void>;
}

/** A folder that the test removes with `removeTempDir`. */
export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tne13-server-'));
}

export function removeTempDir(dir: string): void {
  if (ON_POSTGRES) dropDatabasesUnder(dir);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * A server started inside a test's process shares its event loop and heap with the test itself (workbooks read
 * back, thousands of records built, a second build of the app): those are the test's costs, not load, so the
 * process measures of back-pressure are off unless a test sets them.
 */
export const IN_TEST_PROCESS: AppOptions['limits'] = { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0 };

/** Starts the server on the database `dbPath` (created if new), as `npm start` would, on a free port. */
export async function startServer(dbPath: string, options: Omit<AppOptions, 'store' | 'dbPath'> = {}): Promise<TestServer> {
  const store = await openStore(storeLocation(dbPath));
  const token = await createToken(store, TOKEN_OWNER, { role: 'admin' });
  const app = await buildApp({ ...options, limits: { ...IN_TEST_PROCESS, ...options.limits }, store });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    dbPath,
    token,
    makeToken: (owner, tokenOptions) => createToken(store, owner, tokenOptions),
    app,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** Makes the directory of the store at `dbPath` exactly `schools` (the demonstration seed replaced), server stopped. */
export async function useDirectory(dbPath: string, schools: readonly DirectorySchool[]): Promise<void> {
  const store = await openStore(storeLocation(dbPath));
  try {
    await store.directory.replace(() => ({ schools }));
  } finally {
    await store.close();
  }
}

export function makeBatch(records: unknown[], deviceId = 'tablette-1'): SyncRequest {
  return { protocol: 2, deviceId, batchId: crypto.randomUUID(), records: records as SyncRequest['records'] };
}

/** A fiche as a device pushes it (sync.md v2): without `rev`, on the head `baseRev` (0: new to the server). */
export function pushOf(fiche: object, baseRev = 0): PushRecord {
  const { rev: _rev, ...record } = fiche as { rev?: number };
  return { ...record, baseRev } as PushRecord;
}

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

interface PostOptions {
  token?: string | null;
  contentType?: string;
}

/** The address and token a request needs: a TestServer, or a server started otherwise. */
export type Reachable = Pick<TestServer, 'url' | 'token'>;

/** POSTs `body` (a value sent as JSON, or a string sent as is) to the sync endpoint. */
export async function postSync<T = SyncResponse>(server: Reachable, body: unknown, options: PostOptions = {}): Promise<Answer<T>> {
  const token = options.token === undefined ? server.token : options.token;
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${server.url}/api/v1/sync`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

/** Sends one batch of `records` (push records, as they are) and returns the results, in order. */
export async function push(server: TestServer, records: unknown[], deviceId?: string): Promise<SyncResult[]> {
  const answer = await postSync(server, makeBatch(records, deviceId));
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.results;
}

/** Sends one batch of `records` and returns the statuses, in order. */
export async function syncStatuses(server: TestServer, records: unknown[], deviceId?: string): Promise<string[]> {
  return (await push(server, records, deviceId)).map((result) => result.status);
}

/** GET /api/v1/changes with these query parameters (a list repeats the parameter). */
export async function getChanges<T = ChangesResponse>(
  server: TestServer,
  params: Record<string, string | number | readonly string[]>,
  token: string | null = server.token,
): Promise<Answer<T>> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) query.append(name, String(one));
  }
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  const response = await fetch(`${server.url}/api/v1/changes?${query}`, { headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

/**
 * Reads the server's store through a connection of its own, as an administrator would: the SQLite file, or on
 * PostgreSQL the test's database through psql with the same few calls (store-under-test.ts).
 */
export function readDb<T>(dbPath: string, read: (db: Database.Database) => T): T {
  if (ON_POSTGRES) return read(pgReader(storeLocation(dbPath)) as unknown as Database.Database);
  const db = new Database(dbPath, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function countRows(dbPath: string, table: 'revisions' | 'heads' | 'conflicts' | 'fiches' | 'tokens'): number {
  return readDb(dbPath, (db) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number);
}

/** What a command printed, and how it ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const ROOT_DIR = new URL('../..', import.meta.url).pathname;

/** `npm run <script> -- …args` as a process on the store of the test path `dbPath`, waited for. */
export function runCli(script: 'token' | 'audit-log' | 'import' | 'referential' | 'backup' | 'export', dbPath: string, ...args: string[]): CliRun {
  const run = spawnSync(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], { env: { ...process.env, ...storeEnv(dbPath) }, cwd: ROOT_DIR, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
