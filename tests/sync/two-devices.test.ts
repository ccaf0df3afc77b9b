// Two tablets audit two halves of one school and sync to the real server: everything arrives, nothing is
// overwritten, on either side.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { saveRevision } from '../../src/storage/fiches';
import { listOutbox } from '../../src/storage/outbox';
import { runSync } from '../../src/sync/sync-run';
import { makeClassroomData, makeSchoolData } from '../../src/model/make';
import type { Author } from '../../src/model/types';
import { freshDb } from '../support/db';
import { makeTempDir, removeTempDir, startServer } from '../server/support';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const UAI = '0134939Y';

async function audit(labels: string[], author: Author) {
  const db = freshDb();
  await saveRevision(db, { id: crypto.randomUUID(), kind: 'school', uai: UAI, campaign: '2026-2027', data: makeSchoolData({ classesCount: labels.length * 2 }), author });
  for (const label of labels) {
    await saveRevision(db, { id: crypto.randomUUID(), kind: 'classroom', uai: UAI, campaign: '2026-2027', data: makeClassroomData({ label }), author });
  }
  return db;
}

describe('two devices auditing two halves of one school', () => {
  it('puts both halves on the server and overwrites nothing', async () => {
    const dir = makeTempDir();
    cleanups.push(() => removeTempDir(dir));
    const server = await startServer(`${dir}/tne13.sqlite`);
    cleanups.push(() => server.close());
    const endpoint = { url: `${server.url}/api/v1/sync`, token: server.token };

    const erun = await audit(['CP A', 'CP B', 'CE1'], { name: 'Camille Martin', role: 'erun' });
    const technicien = await audit(['CE2', 'CM1', 'CM2'], { name: 'Léa Durand', role: 'technicien' });
    const before = [...(await erun.fiches.toArray()), ...(await technicien.fiches.toArray())];

    await runSync({ db: erun, endpoint, deviceId: 'tablette-erun' });
    await runSync({ db: technicien, endpoint, deviceId: 'tablette-technicien' });
    // Each sends again (as after a lost answer): still nothing overwritten.
    await runSync({ db: technicien, endpoint, deviceId: 'tablette-technicien' });

    const held = new Database(server.dbPath, { readonly: true });
    cleanups.push(() => held.close());
    const rows = held.prepare('SELECT id, rev, kind, device_id FROM fiches WHERE uai = ?').all(UAI) as Array<{ id: string; rev: number; kind: string; device_id: string }>;
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.kind === 'school').map((r) => r.device_id).sort()).toEqual(['tablette-erun', 'tablette-technicien']);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(before.map((f) => f.id)));
    expect(rows.every((r) => r.rev === 1)).toBe(true);
    expect(await listOutbox(erun)).toEqual([]);
    expect(await listOutbox(technicien)).toEqual([]);
    expect([...(await erun.fiches.toArray()), ...(await technicien.fiches.toArray())]).toEqual(before);
  });
});
