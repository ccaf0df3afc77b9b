// The export worker's owner (server/src/export-worker-client.ts) on the store under test (a real SQLite file, or a
// PostgreSQL database): the worker builds what the pipeline builds in this thread, and a crash, a time-out or a close
// always answers the build, never leaves it hanging.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildExport, type ExportJob } from '../../server/src/export-source';
import { EXPORT_WORKER_NICE, ExportFailed, ExportWorkerClient } from '../../server/src/export-worker-client';
import { openStore } from '../../server/src/store/open-store';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { fixtureFiches } from '../export/fixture';
import { makeTempDir, pushOf, removeTempDir } from './support';
import { ON_POSTGRES, storeLocation } from './store-under-test';

const JOB: ExportJob = { campaign: '2026-2027', format: 'csv', sheet: 'classes', exportedAt: '2026-11-28T17:38:00.000Z', referential: REFERENTIAL_V1 };

let dir: string;
let dbPath: string;
const clients: ExportWorkerClient[] = [];

beforeEach(async () => {
  dir = makeTempDir();
  dbPath = join(dir, 'tne13.sqlite');
  const store = await openStore(storeLocation(dbPath));
  await store.revisions.push(fixtureFiches().fiches.map((fiche) => pushOf(fiche)), { deviceId: 'tablette-a', tokenOwner: 'Camille Martin', receivedAt: JOB.exportedAt });
  await store.close();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  removeTempDir(dir);
});

function makeClient(...args: ConstructorParameters<typeof ExportWorkerClient>): ExportWorkerClient {
  const client = new ExportWorkerClient(...args);
  clients.push(client);
  return client;
}

async function failureOf(build: Promise<unknown>): Promise<ExportFailed> {
  const error = await build.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ExportFailed);
  return error as ExportFailed;
}

describe('the export worker client', () => {
  it('builds in the worker the same file, from the same data version, as the pipeline in this thread', async () => {
    const client = makeClient(storeLocation(dbPath));
    const store = await openStore(storeLocation(dbPath));
    try {
      const [inWorker, inThread] = [await client.build(JOB), await buildExport(store, JOB)];
      expect(inWorker.version).toBe(inThread.version);
      expect(inWorker.file.fileName).toBe(inThread.file.fileName);
      expect(Buffer.from(inWorker.file.bytes).equals(Buffer.from(inThread.file.bytes))).toBe(true);
      // The same warm worker builds the next one.
      expect((await client.build({ ...JOB, sheet: 'ecoles' })).file.fileName).toMatch(/-ecoles\.csv$/);
    } finally {
      await store.close();
    }
  });

  it('gives one build at a time: a second one asked meanwhile is refused, not interleaved', async () => {
    const client = makeClient(storeLocation(dbPath));
    const first = client.build(JOB);
    await expect(client.build(JOB)).rejects.toThrow(/one export at a time/);
    await expect(first).resolves.toBeDefined();
  });

  it('answers a build whose worker ran out of memory as crashed, and starts a fresh worker for the next one', async () => {
    const client = makeClient(storeLocation(dbPath), { heapMb: 2 });
    expect((await failureOf(client.build(JOB))).reason).toBe('crashed');
    expect((await failureOf(client.build(JOB))).reason).toBe('crashed');
  });

  it('ends a build that outruns its time, and answers it as timed out', async () => {
    const client = makeClient(storeLocation(dbPath), { timeoutMs: 1 });
    expect((await failureOf(client.build(JOB))).reason).toBe('timed-out');
  });

  it('answers a build it cannot read as failed, with the reason, and keeps the worker for the next one', async () => {
    // A file that is not there, or a database of the server that is not there.
    const absent = ON_POSTGRES ? Object.assign(new URL(storeLocation(dbPath)), { pathname: '/tne13_absente' }).toString() : join(dir, 'absent.sqlite');
    const client = makeClient(absent);
    const failure = await failureOf(client.build(JOB));
    expect([failure.reason, failure.message]).toEqual(['failed', expect.stringMatching(ON_POSTGRES ? /database "tne13_absente" does not exist/ : /unable to open database file/)]);
    expect((await failureOf(client.build(JOB))).reason).toBe('failed');
  });

  it('answers the running build as closed when the server closes', async () => {
    const client = makeClient(storeLocation(dbPath));
    const running = failureOf(client.build(JOB));
    await client.close();
    expect((await running).reason).toBe('closed');
    expect((await failureOf(client.build(JOB))).reason).toBe('closed');
  });
});

describe.runIf(process.platform === 'linux')('the export worker’s priority (Linux)', () => {
  /** The nice value of each thread of this process (/proc/self/task/<tid>/stat, field 19), by thread id. */
  function niceOfThreads(): Map<number, number> {
    return new Map(readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    }));
  }

  it('lowers its own thread only: the thread answering requests keeps its priority', async () => {
    const before = niceOfThreads();
    const client = makeClient(storeLocation(dbPath));
    await client.build(JOB); // the worker lives on, idle, after its build
    const after = niceOfThreads();
    const lowered = [...after].filter(([tid, nice]) => !before.has(tid) && nice === EXPORT_WORKER_NICE);
    expect(lowered).toHaveLength(1);
    expect(after.get(process.pid)).toBe(before.get(process.pid));
    expect([...before].every(([tid, nice]) => after.get(tid) === undefined || after.get(tid) === nice)).toBe(true);
  });
});
