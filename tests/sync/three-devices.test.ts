// Three tablets on one school, offline, then syncing with the real server in every order (issue 13's acceptance):
// A and B edit different fields of the school fiche and of one classroom, C deletes another classroom that B
// edited. Every device and the server end with the same heads, no edit is lost, and the one true collision (a field
// both changed to different values) waits "À arbitrer" on the device that pushed last, until resolved.
import { afterEach, describe, expect, it } from 'vitest';
import { saveRevision, deleteFiche } from '../../src/storage/fiches';
import { listOutbox } from '../../src/storage/outbox';
import { heldFiche, resolveHeld } from '../../src/storage/heads';
import { runSync } from '../../src/sync/sync-run';
import type { AuditDb } from '../../src/storage/db';
import { makeClassroomData, makeSchoolData } from '../../src/model/make';
import { canonicalJson, schoolFicheId } from '../../src/model/sync-protocol';
import type { Author, ClassroomFiche, Fiche, SchoolFiche } from '../../src/model/types';
import { freshDb } from '../support/db';
import { makeTempDir, removeTempDir, startServer, type TestServer } from '../server/support';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const UAI = '0134939Y';
const CAMPAIGN = '2026-2027';
const SCHOOL_ID = schoolFicheId(CAMPAIGN, UAI);
const AUTHORS: Record<string, Author> = {
  A: { name: 'Camille Martin', role: 'erun' },
  B: { name: 'Léa Durand', role: 'technicien' },
  C: { name: 'Sami Benali', role: 'directeur' },
};

async function server(): Promise<TestServer> {
  const dir = makeTempDir();
  cleanups.push(() => removeTempDir(dir));
  const started = await startServer(`${dir}/tne13.sqlite`);
  cleanups.push(() => started.close());
  return started;
}

function sync(s: TestServer, db: AuditDb, name: string) {
  const endpoint = { url: `${s.url}/api/v1/sync`, token: s.token };
  return runSync({ db, endpoint, deviceId: `tablette-${name}`, campaign: CAMPAIGN, merger: { author: AUTHORS[name] as Author, referentialVersion: '2026.1' } });
}

async function heads(db: AuditDb): Promise<string[]> {
  const fiches = await db.fiches.toArray();
  return fiches.map((f) => canonicalJson({ id: f.id, deleted: f.deleted, data: f.data })).sort();
}

/** Every ordering of the three devices. */
const ORDERS = [
  ['A', 'B', 'C'], ['A', 'C', 'B'], ['B', 'A', 'C'], ['B', 'C', 'A'], ['C', 'A', 'B'], ['C', 'B', 'A'],
] as const;

describe('three devices, one school, offline', () => {
  it.each(ORDERS)('converge when they sync in the order %s, %s, %s, with the one collision to arbitrate', async (...order) => {
    const s = await server();
    // A first audit, synced by A and pulled by B and C: the common base.
    const devices: Record<string, AuditDb> = { A: freshDb(), B: freshDb(), C: freshDb() };
    const a = devices.A as AuditDb;
    const school = { id: SCHOOL_ID, kind: 'school' as const, uai: UAI, campaign: CAMPAIGN };
    await saveRevision(a, { ...school, data: makeSchoolData({ classesCount: 4, notes: 'Première visite' }), author: AUTHORS.A as Author });
    const [room1, room2] = [crypto.randomUUID(), crypto.randomUUID()];
    const classroom = (id: string, label: string) => ({ id, kind: 'classroom' as const, uai: UAI, campaign: CAMPAIGN, data: makeClassroomData({ label }) });
    await saveRevision(a, { ...classroom(room1, 'CP A'), author: AUTHORS.A as Author });
    await saveRevision(a, { ...classroom(room2, 'CE1'), author: AUTHORS.A as Author });
    await sync(s, a, 'A');
    await sync(s, devices.B as AuditDb, 'B');
    await sync(s, devices.C as AuditDb, 'C');
    for (const db of Object.values(devices)) expect(await db.fiches.count()).toBe(3);

    // Offline: A and B edit different fields of the school fiche and of CP A, and the same field (notes) differently;
    // B edits CE1, which C deletes.
    const edit = async (name: string, id: string, patch: (f: Fiche) => Fiche['data']) => {
      const db = devices[name] as AuditDb;
      const fiche = (await db.fiches.get(id)) as Fiche;
      await saveRevision(db, { id, kind: fiche.kind, uai: UAI, campaign: CAMPAIGN, data: patch(fiche), author: AUTHORS[name] as Author } as never);
    };
    const schoolData = (f: Fiche) => (f as SchoolFiche).data;
    const roomData = (f: Fiche) => (f as ClassroomFiche).data;
    await edit('A', SCHOOL_ID, (f) => ({ ...schoolData(f), internet: { ...schoolData(f).internet, access: 'fibre' }, notes: 'Vu par A' }));
    await edit('B', SCHOOL_ID, (f) => ({ ...schoolData(f), wifi: { ...schoolData(f).wifi, coverage: 'partial' }, notes: 'Vu par B' }));
    await edit('A', room1, (f) => ({ ...roomData(f), pupils: 24 }));
    await edit('B', room1, (f) => ({ ...roomData(f), display: { ...roomData(f).display, type: 'vpi' } }));
    await edit('B', room2, (f) => ({ ...roomData(f), pupils: 18 }));
    await deleteFiche(devices.C as AuditDb, room2, AUTHORS.C as Author);

    // Each syncs in the order given, then all again until nothing moves.
    for (const name of order) await sync(s, devices[name] as AuditDb, name);
    const lastOfAB = order.filter((n) => n !== 'C').at(-1) as string;
    const arbiter = devices[lastOfAB] as AuditDb;
    const held = await heldFiche(arbiter, SCHOOL_ID);
    expect(held?.conflicts.map((c) => c.path)).toEqual(['data.notes']);
    // The other of A and B holds nothing to arbitrate.
    const other = devices[lastOfAB === 'A' ? 'B' : 'A'] as AuditDb;
    expect(await other.arbitrations.count()).toBe(0);

    // The arbiter keeps the other tablet's notes; everyone syncs twice more.
    await resolveHeld(arbiter, SCHOOL_ID, { 'data.notes': 'head' }, { author: AUTHORS[lastOfAB] as Author, referentialVersion: '2026.1' });
    for (let round = 0; round < 2; round += 1) for (const name of order) await sync(s, devices[name] as AuditDb, name);

    const all = await Promise.all(Object.values(devices).map(heads));
    expect(all[1]).toEqual(all[0]);
    expect(all[2]).toEqual(all[0]);
    for (const db of Object.values(devices)) expect(await listOutbox(db)).toEqual([]);
    const final = (await a.fiches.get(SCHOOL_ID)) as SchoolFiche;
    const pushedFirst = order.filter((n) => n !== 'C')[0] as string;
    expect(final.data.internet.access).toBe('fibre');
    expect(final.data.wifi.coverage).toBe('partial');
    expect(final.data.notes).toBe(`Vu par ${pushedFirst}`);
    const cp = (await a.fiches.get(room1)) as ClassroomFiche;
    expect([cp.data.pupils, cp.data.display.type]).toEqual([24, 'vpi']);
    // C's delete met B's edit: the classroom is kept with B's edit, whichever came first.
    const ce1 = (await a.fiches.get(room2)) as ClassroomFiche;
    expect([ce1.deleted, ce1.data.pupils]).toEqual([false, 18]);
  });
});
