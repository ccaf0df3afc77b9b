// Syncing 10,000 fiches to the reference server on loopback (real HTTP, real SQLite): batched as the device does
// (500 records a POST), and one POST per fiche, in the same run. The device side runs in Node on fake-indexeddb.
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/src/app';
import { openStore } from '../server/src/store/open-store';
import { createToken } from '../server/src/tokens';
import { AuditDb } from '../src/storage/db';
import { runSync } from '../src/sync/sync-run';
import { generateDepartement } from '../tests/fixtures/departement/generate-departement';
import { machine } from './machine';

const FICHES = 10_000;

async function timeSync(maxRecords: number): Promise<{ ms: number; posts: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'tne13-bench-sync-'));
  const store = await openStore(join(dir, 'tne13.sqlite'));
  const token = await createToken(store, 'Banc d’essai');
  const app = await buildApp({ store });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const db = new AuditDb(`bench-${maxRecords}-${Date.now()}`);
  const fiches = generateDepartement().fiches.slice(0, FICHES);
  await db.outbox.bulkPut(fiches.map((record) => ({ id: record.id, rev: record.rev, record, queuedAt: record.updatedAt })));
  let posts = 0;
  const start = performance.now();
  const report = await runSync({
    db,
    endpoint: { url: `${url}/api/v1/sync`, token },
    deviceId: 'banc',
    maxRecords,
    send: async (...args) => {
      posts += 1;
      const { sendBatch } = await import('../src/sync/transport');
      return sendBatch(...args);
    },
  });
  const ms = performance.now() - start;
  if (report.acknowledged !== FICHES || (await db.outbox.count()) !== 0) throw new Error(`sync incomplete: ${JSON.stringify(report)}`);
  await db.delete();
  await app.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
  return { ms, posts };
}

const batched = await timeSync(500);
const single = await timeSync(1);
console.log(`sync of ${FICHES} fiches on loopback (reference server, SQLite; device on fake-indexeddb in Node)`);
console.log(`  batched (500 a POST): ${(batched.ms / 1000).toFixed(2)} s, ${batched.posts} POSTs`);
console.log(`  one POST per fiche: ${(single.ms / 1000).toFixed(2)} s, ${single.posts} POSTs`);
console.log(`  ratio: ${(single.ms / batched.ms).toFixed(1)}× faster batched (goal ≥ 10×)`);
console.log(`  machine: ${machine()}`);
