// Sync of 200 photos on loopback against the reference server (real HTTP, real SQLite, photos as files beside it):
// 20 classroom fiches of 10 photos each, every image ~300 KB (what the compress worker makes of a 12-megapixel photo),
// saved with their fiches on the device (fake-indexeddb in Node) and sent by one run: each image uploaded before the
// fiche naming it, two at a time, then the fiches pushed. Times the run, the PUTs apart, and prints the throughput.
// `node --import tsx bench/photo-sync.ts`
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/src/app';
import { openStore } from '../server/src/store/open-store';
import { createToken } from '../server/src/tokens';
import { IN_TEST_PROCESS } from '../tests/server/support';
import { AuditDb } from '../src/storage/db';
import { saveRevision } from '../src/storage/fiches';
import { sha256Of, type NewPhoto } from '../src/storage/photos';
import { putAttachment } from '../src/sync/attachments';
import { runSync } from '../src/sync/sync-run';
import { makeClassroomData } from '../src/model/make';
import { machine } from './machine';
import { describe } from './stats';

const FICHES = 20;
const PHOTOS_PER_FICHE = 10;
const PHOTO_BYTES = 300_000;
const author = { name: 'Banc d’essai', role: 'erun' as const };

/** A JPEG-looking image of its own: JPEG markers around random bytes (the server checks the first bytes and the hash). */
async function image(): Promise<NewPhoto> {
  const bytes = new Uint8Array(PHOTO_BYTES);
  for (let i = 0; i < bytes.length; i += 65_536) crypto.getRandomValues(bytes.subarray(i, i + 65_536));
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  bytes.set([0xff, 0xd9], bytes.length - 2);
  const blob = new Blob([bytes], { type: 'image/jpeg' });
  return { sha256: await sha256Of(blob), type: 'image/jpeg', bytes: blob.size, blob };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tne13-bench-photos-'));
  const store = await openStore(join(dir, 'tne13.sqlite'));
  const token = await createToken(store, 'Banc d’essai');
  const app = await buildApp({ store, limits: IN_TEST_PROCESS });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const db = new AuditDb(`bench-photos-${Date.now()}`);
  for (let f = 0; f < FICHES; f += 1) {
    const photos = await Promise.all(Array.from({ length: PHOTOS_PER_FICHE }, image));
    const items = photos.map((p) => ({ sha256: p.sha256, type: p.type, bytes: p.bytes, takenAt: new Date().toISOString(), subject: 'general' as const, caption: null }));
    const data = makeClassroomData({ label: `Classe ${f + 1}`, photos: items });
    await saveRevision(db, { id: crypto.randomUUID(), kind: 'classroom', uai: '0130569Y', campaign: '2026-2027', data, author }, { photos });
  }

  const putMs: number[] = [];
  const start = performance.now();
  const report = await runSync({
    db, endpoint: { url: `${url}/api/v1/sync`, token }, deviceId: 'banc', campaign: '2026-2027', merger: { author, referentialVersion: '2026.1' },
    upload: async (...args) => {
      const sent = performance.now();
      const outcome = await putAttachment(...args);
      putMs.push(performance.now() - sent);
      return outcome;
    },
  });
  const ms = performance.now() - start;
  const total = FICHES * PHOTOS_PER_FICHE;
  if (report.end.kind !== 'done' || report.uploaded !== total || report.acknowledged !== FICHES) throw new Error(`sync incomplete: ${JSON.stringify(report)}`);

  console.log(`sync of ${total} photos (${FICHES} fiches × ${PHOTOS_PER_FICHE}, ${PHOTO_BYTES.toLocaleString('en')} bytes each) on loopback, reference server on SQLite, device on fake-indexeddb in Node`);
  console.log(`  whole run (uploads, push, pull of nothing new): ${(ms / 1000).toFixed(2)} s, ${((total * PHOTO_BYTES) / 2 ** 20 / (ms / 1000)).toFixed(1)} MiB/s`);
  console.log(`  one PUT (2 at a time): ${describe(putMs)}`);
  console.log(`  machine: ${machine()}; load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  await db.delete();
  await app.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
}

await main();
