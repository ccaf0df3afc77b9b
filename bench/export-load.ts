// Sync while exports run (issue 14, defect 3): the reference server as an administrator starts it (`node --import tsx
// server/main.ts`, its own process) on the whole generated département; devices push batches of edits of its fiches
// (each device its own share, on the head's rev) and a probe asks /health every 100 ms (the device's 5 s time-out), first alone, then with one export loop (a lecteur
// asking the workbook again as soon as it has it), then with four (the workbook and three CSV sheets). Every push
// changes the data, so no export is answered from the kept file. Prints figures, never fails on a time.
// `npx tsx bench/export-load.ts [--server-dir DIR]`: DIR is another checkout of the project (e.g. the code before
// exports moved to a worker, from `git archive`), whose server is started instead, on the same file.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../server/src/store/open-store';
import { createToken } from '../server/src/tokens';
import type { Fiche } from '../src/model/types';
import { fillDepartementFile } from '../tests/server/departement-file';
import { makeBatch, pushOf } from '../tests/server/support';
import { machine } from './machine';
import { percentile } from './stats';

const PHASE_MS = 15_000;
const DEVICES = 4;
const BATCH = 100;
const PROBE_EVERY_MS = 100;
const DEVICE_PROBE_TIMEOUT_MS = 5_000;
const LOOPS = ['/api/v1/export.xlsx', '/api/v1/export.csv?sheet=ecoles', '/api/v1/export.csv?sheet=classes', '/api/v1/export.csv?sheet=besoins'];

const { values } = parseArgs({ options: { 'server-dir': { type: 'string' } } });
const serverDir = resolve(values['server-dir'] ?? '.');

async function startServer(dbPath: string): Promise<{ url: string; child: ChildProcess }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, TNE13_DB: dbPath, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((done, fail) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()) && /Territoire : /.test(out) && done());
    child.once('exit', (code) => fail(new Error(`server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await run();
  return [value, performance.now() - start];
};

interface Phase {
  loops: number;
  pushes: number[];
  records: number;
  probes: number[];
  missed: number;
  exports: Map<number, number>;
}

/** Each device's share of the fiches, with the head's rev it edits on. */
type Shares = Array<Array<{ fiche: Fiche; rev: number }>>;

async function phase(url: string, tokens: { auditeur: string; lecteur: string }, loops: number, shares: Shares): Promise<Phase> {
  const result: Phase = { loops, pushes: [], records: 0, probes: [], missed: 0, exports: new Map() };
  const end = performance.now() + PHASE_MS;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const device = async (d: number) => {
    const share = shares[d] ?? [];
    for (let n = 0; performance.now() < end; n += 1) {
      const batch = Array.from({ length: BATCH }, (_, i) => share[(n * BATCH + i) % share.length] as { fiche: Fiche; rev: number });
      const updatedAt = new Date().toISOString();
      const records = batch.map(({ fiche, rev }) => pushOf({ ...fiche, updatedAt }, rev));
      const [response, ms] = await timed(() =>
        fetch(`${url}/api/v1/sync`, { method: 'POST', headers: { ...auth(tokens.auditeur), 'content-type': 'application/json' }, body: JSON.stringify(makeBatch(records, `banc-${d}`)) }));
      const body = (await response.json()) as { results: Array<{ status: string; rev?: number }> };
      if (response.status !== 200) throw new Error(`push: HTTP ${response.status}`);
      for (const [i, outcome] of body.results.entries()) {
        if (outcome.status !== 'stored') throw new Error(`push: ${JSON.stringify(outcome)}`);
        (batch[i] as { rev: number }).rev = outcome.rev as number;
      }
      result.pushes.push(ms);
      result.records += BATCH;
    }
  };
  const probe = async () => {
    while (performance.now() < end) {
      try {
        const [response, ms] = await timed(() => fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(DEVICE_PROBE_TIMEOUT_MS) }));
        await response.arrayBuffer();
        result.probes.push(ms);
      } catch {
        result.missed += 1;
      }
      await new Promise((done) => setTimeout(done, PROBE_EVERY_MS));
    }
  };
  const exportLoop = async (path: string) => {
    while (performance.now() < end) {
      const response = await fetch(`${url}${path}`, { headers: auth(tokens.lecteur) });
      await response.arrayBuffer();
      result.exports.set(response.status, (result.exports.get(response.status) ?? 0) + 1);
    }
  };
  await Promise.all([...Array.from({ length: DEVICES }, (_, d) => device(d)), probe(), ...LOOPS.slice(0, loops).map(exportLoop)]);
  return result;
}

function print(p: Phase): void {
  const seconds = PHASE_MS / 1000;
  const ms = (values: number[], q: number) => `${percentile(values, q).toFixed(0)} ms`;
  const exports = [...p.exports].sort().map(([status, count]) => `${count} × ${status}`).join(', ') || 'none';
  console.log(`  ${p.loops === 0 ? 'no export' : `${p.loops} export loop${p.loops > 1 ? 's' : ''}`}: ` +
    `sync ${(p.pushes.length / seconds).toFixed(1)} requests/s (${(p.records / seconds).toFixed(0)} records/s), p50 ${ms(p.pushes, 50)}, p99 ${ms(p.pushes, 99)}; ` +
    `/health p50 ${ms(p.probes, 50)}, p99 ${ms(p.probes, 99)}, max ${Math.max(...p.probes).toFixed(0)} ms, ${p.missed} of ${p.probes.length + p.missed} probes missed (5 s); exports answered: ${exports}`);
}

const dir = mkdtempSync(join(tmpdir(), 'tne13-bench-export-load-'));
const dbPath = join(dir, 'tne13.sqlite');
try {
  const { schools, fiches } = await fillDepartementFile(dbPath);
  const shares: Shares = Array.from({ length: DEVICES }, (_, d) => fiches.filter((_, i) => i % DEVICES === d).map((fiche) => ({ fiche, rev: 1 })));
  const store = await openStore(dbPath);
  const tokens = { auditeur: await createToken(store, 'Banc', { role: 'auditeur' }), lecteur: await createToken(store, 'Banc', { role: 'lecteur' }) };
  await store.close();
  const { url, child } = await startServer(dbPath);
  console.log(`sync under export load (${schools.length} schools, ${fiches.length} fiches; ${DEVICES} devices pushing batches of ${BATCH} edits, ` +
    `${PHASE_MS / 1000} s a phase; server ${serverDir === resolve('.') ? 'of this checkout' : serverDir} in its own process)`);
  try {
    for (const loops of [0, 1, 4]) print(await phase(url, tokens, loops, shares));
  } finally {
    child.kill('SIGTERM');
  }
  console.log(`  machine: ${machine()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
