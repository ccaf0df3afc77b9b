// The reference server under load (issue 14): 10, 50 and 100 devices each pushing batches of 100 new fiches, one
// batch after the other (waiting as `Retry-After` says when shed), for 20 s, while one export loop asks for the
// departmental workbook again and again (waiting as told too) and a monitor probes /health every 100 ms. The server
// runs in its own process (`npm run serve`, real SQLite file); the devices and the export loop
// (tests/server/load-devices.ts, the load tests/server/kill-under-load.test.ts kills the server under) and the
// monitor are this process's fetches. Printed per level: records acknowledged per second, sync and /health latency
// (p50, p99, max), 503s (with Retry-After or not), time-outs and network errors, exports answered; then the database
// is read back: it must hold exactly the acknowledged revisions.
// `node --import tsx bench/server-load.ts [10 50 100] [--seconds 20]`
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Fiche } from '../src/model/types';
import { generateDepartement } from '../tests/fixtures/departement/generate-departement';
import { BATCH, freshFiches, REQUEST_TIMEOUT_MS, runLoad, type Timed } from '../tests/server/load-devices';
import { DEMO_TOKEN_PRINTED, serveProcess, type ServeProcess } from '../tests/server/serve-process';
import { machine } from './machine';
import { percentile } from './stats';

const MONITOR = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  const probes = [];
  const until = performance.now() + workerData.ms;
  while (performance.now() < until) {
    const start = performance.now();
    try {
      const response = await fetch(workerData.url, { signal: AbortSignal.timeout(workerData.timeout) });
      await response.arrayBuffer();
      probes.push({ ms: performance.now() - start, status: response.status, retryAfter: response.headers.has('retry-after'), retryAfterS: 0 });
    } catch (error) {
      probes.push({ ms: performance.now() - start, status: error && error.name === 'TimeoutError' ? 'timeout' : 'network', retryAfter: false, retryAfterS: 0 });
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, workerData.every - (performance.now() - start))));
  }
  parentPort.postMessage(probes);
})();
`;
const HEALTH_EVERY_MS = 100;

const args = process.argv.slice(2);
const secondsAt = args.indexOf('--seconds');
const SECONDS = secondsAt >= 0 ? Number(args[secondsAt + 1]) : 20;
const levels = args.filter((a, i) => /^\d+$/.test(a) && (secondsAt < 0 || i !== secondsAt + 1)).map(Number);
const LEVELS = levels.length > 0 ? levels : [10, 50, 100];

interface LevelFigures {
  devices: number;
  acknowledged: Set<string>;
  sync: Timed[];
  health: Timed[];
  exports: Timed[];
}

async function runLevel(server: ServeProcess, token: string, devices: number, fiches: Generator<Fiche>): Promise<LevelFigures> {
  const health: Timed[] = [];
  // The devices and the export loop (tests/server/load-devices.ts), for SECONDS.
  const load = runLoad({ url: server.url, token, devices, deviceId: (d) => `banc-${devices}-${d}`, fiches, durationMs: SECONDS * 1000 });
  // The monitor runs on its own thread, as a device's probe comes from another machine: its figures are the
  // server's answers, not this process's event loop busy with the devices' loops.
  const monitor = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(MONITOR, { eval: true, workerData: { url: `${server.url}/api/v1/health`, ms: SECONDS * 1000, every: HEALTH_EVERY_MS, timeout: REQUEST_TIMEOUT_MS } });
      worker.once('message', (probes: Timed[]) => (health.push(...probes), resolve()));
      worker.once('error', reject);
    });
  const [figures] = await Promise.all([load.done, monitor()]);
  const acknowledged = new Set(figures.devices.flatMap((d) => d.acknowledged.map((a) => a.id)));
  return { devices, acknowledged, sync: figures.sync, health, exports: figures.exports };
}

const ms = (values: readonly number[]) =>
  values.length === 0 ? 'none' : `p50 ${percentile(values, 50).toFixed(0)} ms, p99 ${percentile(values, 99).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;

function report(f: LevelFigures): void {
  const ok = f.sync.filter((t) => t.status === 200);
  const shed = f.sync.filter((t) => t.status === 503);
  const other = f.sync.filter((t) => t.status !== 200 && t.status !== 503);
  const healthOk = f.health.filter((t) => t.status === 200);
  console.log(`  ${f.devices} devices, ${SECONDS} s, batches of ${BATCH}, one export loop:`);
  console.log(`    acknowledged ${f.acknowledged.size} records, ${(f.acknowledged.size / SECONDS).toFixed(0)} records/s; sync answered 200: ${ok.length} (${ms(ok.map((t) => t.ms))})`);
  console.log(`    503: ${shed.length} (${shed.filter((t) => t.retryAfter).length} with Retry-After; ${ms(shed.map((t) => t.ms))}); other: ${other.length} ${JSON.stringify(countBy(other.map((t) => String(t.status))))}`);
  console.log(`    /health: ${f.health.length} probes, ${healthOk.length} ok (${ms(healthOk.map((t) => t.ms))}); others ${JSON.stringify(countBy(f.health.filter((t) => t.status !== 200).map((t) => String(t.status))))}`);
  console.log(`    exports: ${f.exports.length} (${JSON.stringify(countBy(f.exports.map((t) => String(t.status))))}; 200s ${ms(f.exports.filter((t) => t.status === 200).map((t) => t.ms))})`);
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tne13-bench-load-'));
  const dbPath = join(dir, 'tne13.sqlite');
  const departement = generateDepartement();
  const fiches = freshFiches(departement.fiches);
  const started = await serveProcess(dbPath, {}, DEMO_TOKEN_PRINTED);
  if (!('url' in started)) throw new Error(`the server did not start: ${started.stderr}`);
  const token = /Premier démarrage.*\n +(\S+)\n/.exec(started.stdout)?.[1] as string;
  const all: LevelFigures[] = [];
  try {
    console.log(`server under load (npm run serve in its own process, SQLite file, loopback; ${machine()})`);
    for (const devices of LEVELS) {
      const figures = await runLevel(started, token, devices, fiches);
      report(figures);
      all.push(figures);
    }
  } finally {
    await started.stop();
  }
  // Read back: every acknowledged revision is held, and nothing else was stored.
  const db = new Database(dbPath, { readonly: true });
  const held = new Set((db.prepare("SELECT DISTINCT id FROM revisions WHERE device_id LIKE 'banc-%'").pluck().all() as string[]));
  db.close();
  const acknowledged = new Set(all.flatMap((f) => [...f.acknowledged]));
  const missing = [...acknowledged].filter((id) => !held.has(id)).length;
  const extra = [...held].filter((id) => !acknowledged.has(id)).length;
  console.log(`  database after the run: ${held.size} fiches from the bench's devices; acknowledged ${acknowledged.size}; missing ${missing}; stored but never acknowledged ${extra}`);
  console.log(`  load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  await rm(dir, { recursive: true, force: true });
}

await main();
