// The two stores side by side (issue 16), in one run, each server in its own process (`npm run serve`) on loopback:
// - sync of 10,000 fiches: one device pushes the generated département's first 10,000 fiches, 500 a POST as the
//   tablet does, one POST after the other; then a fresh device pulls them all (GET /api/v1/changes, pages of 500).
//   Printed: records/s and the p99 of the requests.
// - département export: the departmental workbook (GET /api/v1/export.xlsx) over those 10,000 fiches and the
//   generated directory (1,200 écoles), asked 5 times after a first one: median and max, request to last byte.
// - 50 devices against two instances on one store: two server processes on the same database, each device sending
//   batches of 100 new fiches to one of the two at random, for 20 s: acknowledged records/s and the p99 of the
//   requests; then the store is read back (every acknowledged revision held once, nothing else).
// On SQLite the two instances are two processes on one file (WAL); on PostgreSQL two processes on one database of a
// throw-away cluster (tests/server/pg/cluster.ts), or of BENCH_DATABASE_URL's server when it is set.
// `node --import tsx bench/stores.ts [--fiches 10000] [--devices 50] [--seconds 20]`
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Fiche } from '../src/model/types';
import type { ChangesResponse, SyncRequest, SyncResponse } from '../src/model/sync-protocol';
import { pushRecordOf } from '../src/storage/outbox';
import { generateDepartement } from '../tests/fixtures/departement/generate-departement';
import { freshFiches, runLoad, timed } from '../tests/server/load-devices';
import { serveProcess, type ServeProcess } from '../tests/server/serve-process';
import { useDirectory } from '../tests/server/support';
import { openStore } from '../server/src/store/open-store';
import { createToken } from '../server/src/tokens';
import { startCluster, type Cluster } from '../tests/server/pg/cluster';
import { machine } from './machine';
import { median, percentile } from './stats';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const SYNCED = option('--fiches', 10_000);
const PAGE = 500;
const EXPORTS = 5;
const DEVICES = option('--devices', 50);
const SECONDS = option('--seconds', 20);

interface Figures {
  store: string;
  pushPerS: number;
  pushP99: number;
  pullPerS: number;
  pullP99: number;
  exportMedian: number;
  exportMax: number;
  loadPerS: number;
  loadP99: number;
  loadStatuses: Record<string, number>;
  missing: number;
  extra: number;
}

/** Where a store is, and how the bench reads it back afterwards. */
interface StoreUnderBench {
  name: string;
  /** What `npm run serve` is given. */
  env: Record<string, string>;
  location: string;
  /** The ids of the revisions stored by devices whose id starts with `prefix`, one entry per revision. */
  revisionsOf(prefix: string): Promise<string[]>;
  remove(): Promise<void>;
}

async function sqliteStore(): Promise<StoreUnderBench> {
  const dir = await mkdtemp(join(tmpdir(), 'tne13-bench-stores-'));
  const path = join(dir, 'tne13.sqlite');
  return {
    name: 'SQLite',
    env: { TNE13_DB: path },
    location: path,
    async revisionsOf(prefix) {
      const db = new Database(path, { readonly: true });
      try {
        return db.prepare("SELECT id || '@' || rev FROM revisions WHERE device_id LIKE ?").pluck().all(`${prefix}%`) as string[];
      } finally {
        db.close();
      }
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A new database on `server` (a URL whose role may create databases). */
async function createDatabase(server: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tne13_bench_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const onServer = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function postgresStore(server: string): Promise<StoreUnderBench> {
  const { url, drop } = await createDatabase(server);
  return {
    name: 'PostgreSQL',
    env: { DATABASE_URL: url },
    location: url,
    async revisionsOf(prefix) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ key: string }>("SELECT id || '@' || rev AS key FROM revisions WHERE device_id LIKE $1", [`${prefix}%`]);
        return rows.map((row) => row.key);
      } finally {
        await client.end();
      }
    },
    remove: drop,
  };
}

async function started(store: StoreUnderBench): Promise<ServeProcess> {
  const server = await serveProcess(store.location, store.env);
  if (!('url' in server)) throw new Error(`the server did not start: ${server.stderr}`);
  return server;
}

async function post(url: string, token: string, request: SyncRequest): Promise<{ ms: number; body: SyncResponse }> {
  const start = performance.now();
  const response = await fetch(`${url}/api/v1/sync`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(request) });
  const body = (await response.json()) as SyncResponse;
  if (response.status !== 200) throw new Error(`push: HTTP ${response.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - start, body };
}

async function syncAndExport(store: StoreUnderBench, fiches: readonly Fiche[], schools: Parameters<typeof useDirectory>[1]): Promise<Pick<Figures, 'pushPerS' | 'pushP99' | 'pullPerS' | 'pullP99' | 'exportMedian' | 'exportMax'>> {
  await useDirectory(store.location, schools);
  const admin = await openStore(store.location);
  const token = await createToken(admin, 'Banc d’essai', { role: 'admin' });
  await admin.close();
  const server = await started(store);
  try {
    // Push, as the tablet sends its outbox: 500 a POST, one after the other.
    const pushMs: number[] = [];
    const pushStart = performance.now();
    for (let i = 0; i < fiches.length; i += PAGE) {
      const records = fiches.slice(i, i + PAGE).map((fiche) => pushRecordOf(fiche, 0));
      const { ms, body } = await post(server.url, token, { protocol: 2, deviceId: 'banc-push', batchId: crypto.randomUUID(), records });
      if (body.results.some((result) => result.status !== 'stored')) throw new Error(`push: ${JSON.stringify(body.results.find((r) => r.status !== 'stored'))}`);
      pushMs.push(ms);
    }
    const pushTotal = performance.now() - pushStart;
    // Pull, as a fresh tablet does: pages of 500 until `more` is false.
    const pullMs: number[] = [];
    const campaign = fiches[0]?.campaign as string;
    let cursor = '0';
    let pulled = 0;
    const pullStart = performance.now();
    for (let more = true; more; ) {
      const start = performance.now();
      const response = await fetch(`${server.url}/api/v1/changes?campaign=${campaign}&since=${cursor}&limit=${PAGE}`, { headers: { authorization: `Bearer ${token}` } });
      const page = (await response.json()) as ChangesResponse;
      pullMs.push(performance.now() - start);
      pulled += page.changes.length;
      cursor = page.cursor;
      more = page.more;
    }
    const pullTotal = performance.now() - pullStart;
    if (pulled < fiches.length) throw new Error(`pull: ${pulled} of ${fiches.length}`);
    // Export: a first one (cold), then EXPORTS timed, each with a change in between so that no cached file answers.
    const exportMs: number[] = [];
    for (let n = 0; n <= EXPORTS; n += 1) {
      const fiche = fiches[n] as Fiche;
      await post(server.url, token, { protocol: 2, deviceId: 'banc-push', batchId: crypto.randomUUID(), records: [pushRecordOf({ ...fiche, updatedAt: new Date().toISOString(), data: { ...fiche.data, notes: `Export ${n}` } } as Fiche, 1)] });
      const answer = await timed(`${server.url}/api/v1/export.xlsx`, { headers: { authorization: `Bearer ${token}` } }, 120_000);
      if (answer.status !== 200) throw new Error(`export: HTTP ${answer.status}`);
      if (n > 0) exportMs.push(answer.ms);
    }
    return {
      pushPerS: (fiches.length / pushTotal) * 1000,
      pushP99: percentile(pushMs, 99),
      pullPerS: (pulled / pullTotal) * 1000,
      pullP99: percentile(pullMs, 99),
      exportMedian: median(exportMs),
      exportMax: Math.max(...exportMs),
    };
  } finally {
    await server.stop();
  }
}

async function twoInstances(store: StoreUnderBench, templates: readonly Fiche[]): Promise<Pick<Figures, 'loadPerS' | 'loadP99' | 'loadStatuses' | 'missing' | 'extra'>> {
  const admin = await openStore(store.location);
  const token = await createToken(admin, 'Banc d’essai', { role: 'admin' });
  await admin.close();
  const servers = [await started(store), await started(store)];
  try {
    // Each batch to one instance or the other at random: a load balancer without affinity.
    const urls = servers.map((server) => server.url);
    const load = runLoad({ url: urls, token, devices: DEVICES, deviceId: (d) => `banc-deux-${d}`, fiches: freshFiches(templates), durationMs: SECONDS * 1000, exports: false });
    const figures = await load.done;
    const acknowledged = figures.devices.flatMap((device) => device.acknowledged.map((a) => `${a.id}@${a.rev}`));
    const held = await store.revisionsOf('banc-deux-');
    const heldSet = new Set(held);
    const ackSet = new Set(acknowledged);
    const ok = figures.sync.filter((t) => t.status === 200).map((t) => t.ms);
    const statuses: Record<string, number> = {};
    for (const t of figures.sync) statuses[String(t.status)] = (statuses[String(t.status)] ?? 0) + 1;
    return {
      loadPerS: ackSet.size / SECONDS,
      loadP99: ok.length > 0 ? percentile(ok, 99) : Number.NaN,
      loadStatuses: statuses,
      missing: acknowledged.filter((key) => !heldSet.has(key)).length,
      // Held but never acknowledged (a batch whose answer was lost), or held twice.
      extra: held.length - heldSet.size + held.filter((key) => !ackSet.has(key)).length,
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

async function main(): Promise<void> {
  const departement = generateDepartement();
  const fiches = departement.fiches.slice(0, SYNCED);
  const given = process.env.BENCH_DATABASE_URL?.trim();
  // fsync on, as SQLite's synchronous=FULL: both stores answer "stored" only once the revision is on disk.
  const cluster: Cluster = given ? { url: given, stop: () => undefined } : await startCluster({ durable: true });
  const all: Figures[] = [];
  try {
    for (const make of [sqliteStore, () => postgresStore(cluster.url)]) {
      const synced = await make();
      const loaded = await make();
      try {
        const sync = await syncAndExport(synced, fiches, departement.schools);
        const load = await twoInstances(loaded, departement.fiches);
        all.push({ store: synced.name, ...sync, ...load });
      } finally {
        await synced.remove();
        await loaded.remove();
      }
    }
  } finally {
    cluster.stop();
  }
  const row = (label: string, value: (f: Figures) => string) => console.log(`  ${label.padEnd(58)}${all.map((f) => value(f).padStart(16)).join('')}`);
  const n = (value: number, digits = 0) => value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  console.log(`stores side by side (each server in its own process, loopback; ${machine()})`);
  row('', (f) => f.store);
  row(`push ${SYNCED} fiches, ${PAGE} a POST: records/s`, (f) => n(f.pushPerS));
  row('  p99 of a POST (ms)', (f) => n(f.pushP99));
  row(`pull them, pages of ${PAGE}: records/s`, (f) => n(f.pullPerS));
  row('  p99 of a page (ms)', (f) => n(f.pullP99));
  row(`export.xlsx of the département: median (ms, n = ${EXPORTS})`, (f) => n(f.exportMedian));
  row('  max (ms)', (f) => n(f.exportMax));
  row(`${DEVICES} devices, two instances, ${SECONDS} s: records/s`, (f) => n(f.loadPerS));
  row('  p99 of a POST answered 200 (ms)', (f) => n(f.loadP99));
  row('  answers', (f) => Object.entries(f.loadStatuses).map(([status, count]) => `${status}×${count}`).join(' '));
  row('  acknowledged but not held / held not acknowledged', (f) => `${f.missing} / ${f.extra}`);
  console.log(`  load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
}

await main();
