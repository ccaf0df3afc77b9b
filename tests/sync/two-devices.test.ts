// Two tablets audit two halves of one school, offline, then sync with the real server (sync.md v2): both write the
// school's one fiche (its derived id), each its own fields, and each adds its own classrooms. Whichever syncs first,
// the server ends with one school fiche holding both halves and every classroom, and each tablet, having pulled,
// holds the whole school: nothing overwritten, nothing to arbitrate.
import { afterEach, describe, expect, it } from 'vitest';
import { saveRevision } from '../../src/storage/fiches';
import { listOutbox } from '../../src/storage/outbox';
import { runSync, type RunReport } from '../../src/sync/sync-run';
import type { AuditDb } from '../../src/storage/db';
import { makeClassroomData, makeSchoolData } from '../../src/model/make';
import { contentOf, schoolFicheId } from '../../src/model/sync-protocol';
import type { Author, ClassroomFiche, SchoolData, SchoolFiche } from '../../src/model/types';
import { freshDb } from '../support/db';
import { makeTempDir, readDb, removeTempDir, startServer, type TestServer } from '../server/support';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const UAI = '0134939Y';
const CAMPAIGN = '2026-2027';
const SCHOOL_ID = schoolFicheId(CAMPAIGN, UAI);

interface Half {
  device: string;
  author: Author;
  school: Parameters<typeof makeSchoolData>[0];
  classrooms: string[];
}

/** The ERUN sees the network and the ENT; the technician counts classes and the tablet fleet. Both want training. */
const HALVES: Record<'erun' | 'technicien', Half> = {
  erun: {
    device: 'tablette-erun',
    author: { name: 'Camille Martin', role: 'erun' },
    school: {
      visitDate: '2026-11-12', internet: { access: 'fibre', downloadMbps: 300 }, wifi: { accessPoints: 4, coverage: 'all' },
      ent: { used: true, name: 'ENT Atrium' }, trainingNeeds: ['robotique-programmation'],
    },
    classrooms: ['CP A', 'CP B', 'CE1'],
  },
  technicien: {
    device: 'tablette-technicien',
    author: { name: 'Léa Durand', role: 'technicien' },
    school: {
      classesCount: 6, pupils: 140,
      fleets: [{ id: 'flotte-tablettes', type: 'tablet', count: 16, workingCount: 15, year: 2024, charging: 'cart', mdm: true }],
      peripherals: { printerScanner: true }, trainingNeeds: ['hybridation'],
    },
    classrooms: ['CE2', 'CM1', 'CM2'],
  },
};

async function audit(half: Half): Promise<AuditDb> {
  const db = freshDb();
  await saveRevision(db, { id: SCHOOL_ID, kind: 'school', uai: UAI, campaign: CAMPAIGN, data: makeSchoolData(half.school), author: half.author });
  for (const label of half.classrooms) {
    await saveRevision(db, { id: crypto.randomUUID(), kind: 'classroom', uai: UAI, campaign: CAMPAIGN, data: makeClassroomData({ label }), author: half.author });
  }
  return db;
}

async function server(): Promise<TestServer> {
  const dir = makeTempDir();
  cleanups.push(() => removeTempDir(dir));
  const started = await startServer(`${dir}/tne13.sqlite`);
  cleanups.push(() => started.close());
  return started;
}

/** The school fiche's data as both halves together must read. */
function expectBothHalves(data: SchoolData): void {
  expect(data).toMatchObject({
    visitDate: '2026-11-12', internet: { access: 'fibre', downloadMbps: 300 }, wifi: { accessPoints: 4, coverage: 'all' },
    ent: { used: true, name: 'ENT Atrium' }, classesCount: 6, pupils: 140, peripherals: { printerScanner: true },
  });
  expect(data.fleets.map((f) => [f.id, f.count, f.workingCount])).toEqual([['flotte-tablettes', 16, 15]]);
  expect([...data.trainingNeeds].sort()).toEqual(['hybridation', 'robotique-programmation']);
}

describe('two devices auditing two halves of one school', () => {
  it.each([['erun', 'technicien'], ['technicien', 'erun']] as const)('puts one school fiche with both halves and every classroom on the server and both tablets (%s syncs first)', async (first, second) => {
    const s = await server();
    const endpoint = { url: `${s.url}/api/v1/sync`, token: s.token };
    const tablets = { erun: await audit(HALVES.erun), technicien: await audit(HALVES.technicien) };
    const sync = (name: keyof typeof HALVES): Promise<RunReport> =>
      runSync({ db: tablets[name], endpoint, deviceId: HALVES[name].device, campaign: CAMPAIGN, merger: { author: HALVES[name].author, referentialVersion: '2026.1' } });

    expect((await sync(first)).end.kind).toBe('done');
    // The second tablet's school fiche meets the first's on the server: merged field by field, pushed on its head.
    const meeting = await sync(second);
    expect(meeting).toMatchObject({ end: { kind: 'done' }, merged: 1, arbitrated: 0 });
    // The first pulls what the second brought; then neither has anything left to move.
    expect((await sync(first)).pulled).toBe(4);
    for (const name of [first, second]) expect(await sync(name)).toMatchObject({ end: { kind: 'done' }, sent: 0, pulled: 0, merged: 0 });

    // The server: one school fiche (rev 1 from the first tablet, rev 2 the merge from the second) and six classrooms.
    const heads = readDb(s.dbPath, (db) => db.prepare('SELECT id, kind, rev, record FROM fiches WHERE uai = ?').all(UAI) as Array<{ id: string; kind: string; rev: number; record: string }>);
    expect(heads.filter((h) => h.kind === 'school').map((h) => [h.id, h.rev])).toEqual([[SCHOOL_ID, 2]]);
    const school = JSON.parse(heads.find((h) => h.kind === 'school')?.record ?? '{}') as SchoolFiche;
    expectBothHalves(school.data);
    const rooms = heads.filter((h) => h.kind === 'classroom').map((h) => (JSON.parse(h.record) as ClassroomFiche).data.label);
    expect(rooms.sort()).toEqual([...HALVES.erun.classrooms, ...HALVES.technicien.classrooms].sort());
    const senders = readDb(s.dbPath, (db) => db.prepare('SELECT device_id FROM revisions WHERE id = ? ORDER BY rev').pluck().all(SCHOOL_ID));
    expect(senders).toEqual([HALVES[first].device, HALVES[second].device]);

    // Each tablet holds the whole school, exactly as the server does, with nothing left to send or arbitrate.
    const held = heads.map((h) => `${h.id} ${contentOf(JSON.parse(h.record) as object)}`).sort();
    for (const db of Object.values(tablets)) {
      expect((await db.fiches.toArray()).map((f) => `${f.id} ${contentOf(f)}`).sort()).toEqual(held);
      expectBothHalves(((await db.fiches.get(SCHOOL_ID)) as SchoolFiche).data);
      expect(await listOutbox(db)).toEqual([]);
      expect([await db.arbitrations.count(), await db.notices.count()]).toEqual([0, 0]);
    }
  });
});
