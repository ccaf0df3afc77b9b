// Which store the server tests run on: the SQLite file (the default), or PostgreSQL when TNE13_TEST_STORE is
// 'postgres' (the `server-pg` test project runs every server test file a second time that way). A test names its
// store by a file path as it always did (`join(dir, 'tne13.sqlite')`); on PostgreSQL that path stands for a fresh
// database of the throw-away cluster, made the first time the path is used and dropped with its folder. So one suite,
// written once, runs on both stores.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { inject } from 'vitest';
import { TEMP_FOLDER } from '../../server/src/store/attachments/folder';
import { describeStoreLocation } from '../../server/src/store/open-store';
import { ATTACHMENTS_FOLDER } from '../../server/src/store/sqlite/sqlite-store';

export type StoreKind = 'sqlite' | 'postgres';

export const STORE_KIND: StoreKind = process.env.TNE13_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
export const ON_POSTGRES = STORE_KIND === 'postgres';

/** The run's PostgreSQL server (tests/server/pg/global-setup.ts: a throw-away cluster, or TEST_DATABASE_URL's). */
function clusterUrl(): string {
  return inject('pgBaseUrl');
}

function databaseUrl(name: string): string {
  const url = new URL(clusterUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

const databases = new Map<string, string>();

// A read of a whole table (a département's revisions) is many megabytes of JSON: Node's default 1 MiB is too short.
const PSQL_MAX_BUFFER = 1 << 30;

function psql(url: string, sql: string): string {
  try {
    return execFileSync('psql', [url, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8', maxBuffer: PSQL_MAX_BUFFER, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    // PostgreSQL's own words (a trigger's refusal, a lock time-out), as better-sqlite3 throws SQLite's.
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(stderr === '' ? String(error) : stderr, { cause: error });
  }
}

/**
 * Where the store of the test path `dbPath` is: the path itself on SQLite; on PostgreSQL the URL of a database of
 * its own (created empty on first use: the server migrates and seeds it as it would a new file).
 */
export function storeLocation(dbPath: string): string {
  if (!ON_POSTGRES || /^postgres(ql)?:\/\//.test(dbPath)) return dbPath;
  let url = databases.get(dbPath);
  if (!url) {
    const name = `tne13_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
    psql(clusterUrl(), `CREATE DATABASE ${name}`);
    url = databaseUrl(name);
    databases.set(dbPath, url);
  }
  return url;
}

/** How a CLI or the server names the store of `dbPath` in what it prints (a URL without its password). */
export function shownLocation(dbPath: string): string {
  return describeStoreLocation(storeLocation(dbPath));
}

/** What a child process (`npm run serve`, a CLI) is given to open the store of `dbPath`. */
export function storeEnv(dbPath: string): Record<string, string> {
  if (/^postgres(ql)?:\/\//.test(dbPath)) return { DATABASE_URL: dbPath };
  return ON_POSTGRES ? { TNE13_DB: dbPath, DATABASE_URL: storeLocation(dbPath) } : { TNE13_DB: dbPath };
}

/** Drops the databases of the test paths under `dir` (removed with it). */
export function dropDatabasesUnder(dir: string): void {
  for (const [path, url] of databases) {
    if (!path.startsWith(`${dir}/`) && dirname(path) !== dir) continue;
    databases.delete(path);
    const name = new URL(url).pathname.slice(1);
    psql(clusterUrl(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/**
 * Makes the store of `to` a copy of the store of `from` (a new path), neither open: the file copied, or on PostgreSQL
 * a new database made from the other as its template.
 */
export function copyStore(from: string, to: string): void {
  if (!ON_POSTGRES) {
    copyFileSync(from, to);
    return;
  }
  const source = new URL(storeLocation(from)).pathname.slice(1);
  const name = `tne13_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  psql(clusterUrl(), `CREATE DATABASE ${name} TEMPLATE ${source}`);
  databases.set(to, databaseUrl(name));
}

/**
 * Runs `sql` (statements, no answer) on the store of `dbPath` through a connection of its own, as an administrator
 * or a second process would: its own SQL for each store (their dialects and triggers differ). Throws the database's
 * refusal.
 */
export function execOnStore(dbPath: string, sql: { sqlite: string; postgres: string }): void {
  if (ON_POSTGRES) {
    execOnPostgres(dbPath, sql.postgres);
    return;
  }
  const db = new Database(dbPath);
  try {
    db.exec(sql.sqlite);
  } finally {
    db.close();
  }
}

/** The same on PostgreSQL, where a test's way of doing a thing has no SQL on SQLite (a file's limit, a connection). */
export function execOnPostgres(dbPath: string, sql: string): void {
  psql(storeLocation(dbPath), sql);
}

/**
 * What a copy of the store of `dbPath` would give away: the bytes of its file and write-ahead log, or on PostgreSQL
 * the text pg_dump writes of the database (every row of every table).
 */
export function storeContents(dbPath: string): Buffer[] {
  if (!ON_POSTGRES) return [dbPath, `${dbPath}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file));
  return [execFileSync('pg_dump', ['--no-password', storeLocation(dbPath)], { maxBuffer: PSQL_MAX_BUFFER })];
}

/**
 * The audit log's column of who acted: `by` in SQLite, `actor` in PostgreSQL (BY is a keyword there). A test selects
 * `${AUDIT_BY} AS "by"` to read both alike.
 */
export const AUDIT_BY = ON_POSTGRES ? 'actor' : 'by';

/** One value as SQL: enough for the ids, numbers and texts tests look rows up by. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** `?` placeholders (outside quotes) replaced by the values, in order. */
function bind(sql: string, values: readonly unknown[]): string {
  let next = 0;
  let quoted = false;
  let out = '';
  for (const char of sql) {
    if (char === "'") quoted = !quoted;
    out += char === '?' && !quoted ? literal(values[next++]) : char;
  }
  return out;
}

/** A PostgreSQL value as better-sqlite3 gives SQLite's: JSON as its text, a boolean as 0 or 1 (SQLite has none). */
function asSqlite(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}

/** The rows of a read on PostgreSQL, as better-sqlite3 would answer them (objects by column name). */
export function pgRows(url: string, sql: string, values: readonly unknown[] = []): Record<string, unknown>[] {
  const text = psql(url, `SELECT COALESCE(json_agg(t), '[]'::json) FROM (${bind(sql, values)}) t`);
  return (JSON.parse(text) as Record<string, unknown>[]).map((row) => Object.fromEntries(Object.entries(row).map(([name, value]) => [name, asSqlite(value)])));
}

interface Statement {
  get(...values: unknown[]): unknown;
  all(...values: unknown[]): unknown[];
  pluck(): Statement;
}

/**
 * The part of better-sqlite3's API the tests read the store with (`prepare(sql).get/all`, `pluck()`), over psql on
 * PostgreSQL: a test's look into the database runs unchanged on both stores, as long as its SQL is common to both.
 */
export interface ReadOnlyDb {
  prepare(sql: string): Statement;
  pragma(source: string, options?: { simple?: boolean }): unknown;
}

export function pgReader(url: string): ReadOnlyDb {
  const statement = (sql: string, plucked: boolean): Statement => {
    const shape = (row: Record<string, unknown> | undefined) => (row === undefined ? undefined : plucked ? Object.values(row)[0] : row);
    return {
      get: (...values) => shape(pgRows(url, sql, values)[0]),
      all: (...values) => pgRows(url, sql, values).map((row) => shape(row)),
      pluck: () => statement(sql, true),
    };
  };
  return {
    prepare: (sql) => statement(sql, false),
    pragma: () => {
      throw new Error('PRAGMA : SQLite seulement ; ce test ne vaut que pour la base SQLite.');
    },
  };
}

/** A photo as the store of a test keeps it. */
export interface KeptPhoto {
  sha256: string;
  type: string;
  bytes: Buffer;
}

/** The folder where the SQLite store of `dbPath` keeps its photos (sqlite-store.ts): `attachments/` beside the file. */
export function photoFolder(dbPath: string): string {
  return join(dirname(dbPath), ATTACHMENTS_FOLDER);
}

const PHOTO_FILE = /^([0-9a-f]{64})\.(jpg|webp)$/;
const TYPE_OF_EXTENSION: Record<string, string> = { jpg: 'image/jpeg', webp: 'image/webp' };

/**
 * Every photo the store of `dbPath` keeps, one entry per copy, read as an administrator would: each file under the
 * SQLite store's `attachments/` (its `tmp/` aside; a file there of any other name fails the read), or each row of
 * PostgreSQL's `attachments` table.
 */
export function keptPhotos(dbPath: string): KeptPhoto[] {
  if (ON_POSTGRES) {
    const rows = pgRows(storeLocation(dbPath), "SELECT sha256, type, encode(bytes, 'hex') AS hex FROM attachments ORDER BY sha256");
    return rows.map((row) => ({ sha256: String(row.sha256), type: String(row.type), bytes: Buffer.from(String(row.hex), 'hex') }));
  }
  const root = photoFolder(dbPath);
  if (!existsSync(root)) return [];
  const kept: KeptPhoto[] = [];
  for (const folder of readdirSync(root).sort()) {
    if (folder === TEMP_FOLDER) continue;
    for (const name of readdirSync(join(root, folder)).sort()) {
      const [, sha256 = '', extension = ''] = PHOTO_FILE.exec(name) ?? [];
      if (sha256 === '' || !sha256.startsWith(folder)) throw new Error(`unexpected file in the photo folder: ${folder}/${name}`);
      kept.push({ sha256, type: TYPE_OF_EXTENSION[extension] ?? '', bytes: readFileSync(join(root, folder, name)) });
    }
  }
  return kept;
}

/** What photo uploads left in the SQLite store's `attachments/tmp/` (none on PostgreSQL, which writes a row or nothing). */
export function photoTempFiles(dbPath: string): string[] {
  if (ON_POSTGRES) return [];
  const folder = join(photoFolder(dbPath), TEMP_FOLDER);
  return existsSync(folder) ? readdirSync(folder) : [];
}
