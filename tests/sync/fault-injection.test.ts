// Nothing lost, nothing doubled, through a bad network: 1,000 fiches edited at random and synced through a proxy
// that drops 30 % of the responses after the server stored the batch, answers 10 % with 503 and Retry-After, and
// resets connections; the device "restarts" (a new database connection, the run aborted mid-batch) several times.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { AuditDb } from '../../src/storage/db';
import { saveRevision } from '../../src/storage/fiches';
import { listOutbox } from '../../src/storage/outbox';
import { runSync, type RunReport } from '../../src/sync/sync-run';
import { createRandom } from '../fixtures/departement/prng';
import { makeClassroomData } from '../../src/model/make';
import { canonicalJson } from '../../src/model/sync-protocol';
import type { Author, Fiche } from '../../src/model/types';
import { makeTempDir, removeTempDir, startServer, type TestServer } from '../server/support';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

const FICHES = 1000;
const EDITS = 1500;
const author: Author = { name: 'Camille Martin', role: 'erun' };
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(seed: number): Promise<{ server: TestServer; proxy: FaultProxy; dbName: string }> {
  const dir = makeTempDir();
  cleanups.push(() => removeTempDir(dir));
  const server = await startServer(`${dir}/tne13.sqlite`);
  cleanups.push(() => server.close());
  const proxy = await startFaultProxy(server.url, { unavailable: 0.1, reset: 0.05, dropAfterStore: 0.3 }, seed);
  cleanups.push(() => proxy.close());
  const dbName = `appareil-${crypto.randomUUID()}`;
  cleanups.push(() => new AuditDb(dbName).delete());
  return { server, proxy, dbName };
}

function serverFiches(dbPath: string): Map<string, { rev: number; record: string }> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db.prepare('SELECT id, rev, record FROM fiches').all() as Array<{ id: string; rev: number; record: string }>;
    return new Map(rows.map((row) => [row.id, row]));
  } finally {
    db.close();
  }
}

describe('sync through injected faults', () => {
  it('ends with exactly every fiche at its last revision on the server, and an empty outbox', async () => {
    const { server, proxy, dbName } = await setUp(2026);
    const random = createRandom(13);
    const endpoint = { url: `${proxy.url}/api/v1/sync`, token: server.token };
    let db = new AuditDb(dbName);
    const ids: string[] = [];
    for (let i = 0; i < FICHES; i += 1) {
      const id = crypto.randomUUID();
      ids.push(id);
      await saveRevision(db, { id, kind: 'classroom', uai: '0130569Y', campaign: '2026-2027', data: makeClassroomData({ label: `Salle ${i + 1}` }), author });
    }

    let edits = 0;
    let restarts = 0;
    const reports: RunReport[] = [];
    for (let round = 0; round < 2000 && (edits < EDITS || (await listOutbox(db)).length > 0); round += 1) {
      // Users keep typing between runs.
      for (let k = 0; k < 10 && edits < EDITS; k += 1, edits += 1) {
        const id = ids[random.int(0, FICHES - 1)] as string;
        await saveRevision(db, { id, kind: 'classroom', uai: '0130569Y', campaign: '2026-2027', data: makeClassroomData({ label: `Salle ${id.slice(0, 4)}`, pupils: random.int(0, 40) }), author });
      }
      const abort = new AbortController();
      const restart = random.chance(0.1);
      if (restart) setTimeout(() => abort.abort(new Error('redémarrage')), random.int(0, 15));
      try {
        reports.push(await runSync({ db, endpoint, deviceId: 'tablette-1', signal: abort.signal, maxRecords: 25 }));
      } catch {
        // The app died mid-batch: a new process opens the same database.
      }
      if (restart) {
        restarts += 1;
        db.close();
        db = new AuditDb(dbName);
      }
    }

    const device = new Map((await db.fiches.toArray()).map((f: Fiche) => [f.id, f]));
    const held = serverFiches(server.dbPath);
    expect(held.size).toBe(FICHES);
    for (const [id, fiche] of device) {
      expect(held.get(id)?.rev).toBe(fiche.rev);
      expect(held.get(id)?.record).toBe(canonicalJson(fiche));
    }
    expect(await listOutbox(db)).toEqual([]);
    expect(edits).toBe(EDITS);

    // The faults did happen, and the device heard the server's Retry-After.
    expect(proxy.counts.droppedAfterStore).toBeGreaterThan(30);
    expect(proxy.counts.unavailable).toBeGreaterThan(10);
    expect(proxy.counts.reset).toBeGreaterThan(4);
    expect(restarts).toBeGreaterThan(5);
    expect(reports.some((r) => r.end.kind === 'later' && r.end.retryAfterMs === 1000)).toBe(true);
    db.close();
  }, 120_000);
});
