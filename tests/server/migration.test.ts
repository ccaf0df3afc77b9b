// The database of a v1 server opened by this one (schema versions 2 and 3, issue 13): every revision kept and given a
// seq in arrival order, heads, and one school fiche per school under its derived id, two of one school merged. The
// v1 file is made as a v1 server made it (schema version 1, records as sent), then served over HTTP.
// The merge of two school fiches is the device's own (src/model/merge).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATION_DEVICE } from '../../server/src/store/sqlite/migrations/derived-school-ids';
import { migrate } from '../../server/src/store/sqlite/schema';
import { openStore } from '../../server/src/store/open-store';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import { canonicalJson, schoolFicheId } from '../../src/model/sync-protocol';
import type { Fiche, SchoolFiche } from '../../src/model/types';
import { validateFiche } from '../../src/model/validate';
import { getChanges, makeTempDir, push, pushOf, readDb, removeTempDir, startServer } from './support';
import type { TestServer } from './support';

const CAMPAIGN = '2026-2027';
const UAI = '0130569Y';
const DERIVED = schoolFicheId(CAMPAIGN, UAI);
const NOW = new Date('2026-11-29T12:00:00Z');

let dir: string;
let dbPath: string;
let server: TestServer | undefined;

beforeEach(() => {
  dir = makeTempDir();
  dbPath = join(dir, 'tne13.sqlite');
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  removeTempDir(dir);
});

/** A revision as a v1 server stored it: the record as sent (with its device-counted rev), who sent it and when. */
interface V1Revision {
  record: Fiche;
  device: string;
  receivedAt: string;
}

type V1Fleet = Omit<SchoolFiche['data']['fleets'][number], 'id'>;

/** A v1 school fiche: a UUID id, and fleets without ids. */
function v1School(patch: Parameters<typeof makeSchoolFiche>[0] & { fleets?: V1Fleet[] }): SchoolFiche {
  const { fleets = [], ...rest } = patch;
  const fiche = makeSchoolFiche({ id: crypto.randomUUID(), uai: UAI, ...rest });
  return { ...fiche, data: { ...fiche.data, fleets: fleets as SchoolFiche['data']['fleets'] } };
}

/** Writes a v1 server's file (schema version 1) holding `revisions`. */
function writeV1File(revisions: readonly V1Revision[]): void {
  const db = new Database(dbPath);
  try {
    migrate(db, 1);
    const insert = db.prepare(
      `INSERT INTO revisions (id, rev, kind, uai, campaign, deleted, record, device_id, token_owner, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Camille Martin', ?)`,
    );
    for (const { record: r, device, receivedAt } of revisions) {
      insert.run(r.id, r.rev, r.kind, r.uai, r.campaign, r.deleted ? 1 : 0, canonicalJson(r), device, receivedAt);
    }
  } finally {
    db.close();
  }
}

async function serve(): Promise<TestServer> {
  server = await startServer(dbPath, { now: () => NOW });
  return server;
}

async function pulled(on: TestServer): Promise<Fiche[]> {
  const answer = await getChanges(on, { campaign: CAMPAIGN, limit: 1000 });
  expect(answer.status).toBe(200);
  return answer.body.changes.map((head) => head.record);
}

function sourcesOf(id: string): Array<[string, number]> {
  const rows = readDb(dbPath, (db) => db.prepare('SELECT source_id, source_rev FROM revision_sources WHERE id = ? ORDER BY source_id').all(id));
  return (rows as Array<{ source_id: string; source_rev: number }>).map((row) => [row.source_id, row.source_rev]);
}

const at = (day: number, hour = 9) => `2026-10-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

describe('opening a v1 server’s file', () => {
  it('keeps every revision and gives each a seq in arrival order: received_at, then id, then rev', async () => {
    const [a, b] = [makeClassroomFiche({ id: '00000000-0000-4000-8000-00000000000a' }), makeClassroomFiche({ id: '00000000-0000-4000-8000-00000000000b' })];
    writeV1File([
      { record: { ...b, rev: 2 }, device: 't1', receivedAt: at(3) },
      { record: { ...a, rev: 3 }, device: 't1', receivedAt: at(2) },
      { record: { ...b, rev: 1 }, device: 't1', receivedAt: at(1) },
      // A lower rev that arrived after a higher one ("superseded" in v1): the head stays the highest rev.
      { record: { ...a, rev: 2 }, device: 't2', receivedAt: at(2) },
    ]);
    await (await openStore(dbPath)).close();

    const rows = readDb(dbPath, (db) => db.prepare('SELECT id, rev FROM revisions ORDER BY seq').all()) as Array<{ id: string; rev: number }>;
    expect(rows.map((r) => [r.id.slice(-1), r.rev])).toEqual([['b', 1], ['a', 2], ['a', 3], ['b', 2]]);
    const heads = readDb(dbPath, (db) => db.prepare('SELECT id, rev FROM heads ORDER BY id').all()) as Array<{ id: string; rev: number }>;
    expect(heads.map((h) => [h.id.slice(-1), h.rev])).toEqual([['a', 3], ['b', 2]]);
  });

  it('numbers a v1 classroom’s next revision after its v1 head, and answers the head to a stale base', async () => {
    const room = makeClassroomFiche({ uai: UAI, data: { pupils: 20 } });
    writeV1File([{ record: { ...room, rev: 4 }, device: 't1', receivedAt: at(1) }]);
    const on = await serve();

    expect((await pulled(on)).map((f) => [f.id, f.rev])).toEqual([[room.id, 4]]);
    const results = await push(on, [pushOf({ ...room, data: { ...room.data, pupils: 21 } }, 4), pushOf(room, 1)]);
    expect(results.map((r) => [r.status, r.rev ?? r.head?.rev])).toEqual([['stored', 5], ['conflict', 5]]);
  });

  it('makes a school’s one v1 fiche revision 1 of its derived id, fleets given stable ids, the old id kept in history only', async () => {
    const fleets: V1Fleet[] = [
      { type: 'tablet', count: 16, workingCount: 15, year: 2024, charging: 'cart', mdm: true },
      { type: 'laptop', count: 2, workingCount: 0, year: 2022, charging: 'case', mdm: null },
    ];
    const school = v1School({ updatedAt: at(5), fleets, data: { pupils: 190, needs: 'Des vidéoprojecteurs' } });
    const room = makeClassroomFiche({ uai: UAI });
    writeV1File([
      { record: { ...school, rev: 1, data: { ...school.data, pupils: 180 } }, device: 'tablette-a', receivedAt: at(4) },
      { record: { ...school, rev: 2 }, device: 'tablette-a', receivedAt: at(5) },
      { record: room, device: 'tablette-a', receivedAt: at(5) },
    ]);
    const on = await serve();

    const migrated = { ...school, id: DERIVED, rev: 1, data: { ...school.data, fleets: fleets.map((f, i) => ({ ...f, id: `flotte-${i + 1}` })) } };
    const fiches = await pulled(on);
    expect(fiches).toEqual([room, migrated]);
    expect(validateFiche(migrated, { now: NOW })).toMatchObject({ ok: true });
    expect(sourcesOf(DERIVED)).toEqual([[school.id, 2]]);
    const made = readDb(dbPath, (db) => db.prepare('SELECT device_id FROM revisions WHERE id = ?').pluck().get(DERIVED));
    expect(made).toBe(MIGRATION_DEVICE);
    expect(readDb(dbPath, (db) => db.prepare('SELECT rev FROM revisions WHERE id = ? ORDER BY rev').pluck().all(school.id))).toEqual([1, 2]);

    // A device that migrated its own copy pushes its edit of the derived fiche on the head it pulled.
    const [edited] = await push(on, [pushOf({ ...migrated, data: { ...migrated.data, pupils: 191 } }, 1)]);
    expect([edited?.status, edited?.rev]).toEqual(['stored', 2]);
  });

  it('runs once: opening the file again changes nothing', async () => {
    writeV1File([{ record: v1School({ updatedAt: at(5) }), device: 'tablette-a', receivedAt: at(5) }]);
    await (await openStore(dbPath)).close();
    const count = () => readDb(dbPath, (db) => db.prepare('SELECT COUNT(*) FROM revisions').pluck().get());
    const before = count();
    await (await openStore(dbPath)).close();

    expect(before).toBe(2);
    expect(count()).toBe(before);
  });
});

describe('opening a v1 server’s file with two school fiches of one school (needs mergeFiche)', () => {
  it('merges two fiches that filled different fields into one holding both, naming both sources', async () => {
    const erun = { name: 'Camille Martin', role: 'erun' as const };
    const directeur = { name: 'Léa Durand', role: 'directeur' as const };
    const a = v1School({
      updatedAt: at(1), author: erun,
      fleets: [{ type: 'tablet', count: 16, workingCount: 15, year: 2024, charging: 'cart', mdm: true }],
      data: { visitDate: '2026-10-01', internet: { access: 'fibre', downloadMbps: 300 }, wifi: { accessPoints: 4, coverage: 'all', switchable: true } },
    });
    const b = v1School({ updatedAt: at(5), author: directeur, data: { status: 'complete', classesCount: 8, ent: { used: true, name: 'ENT Atrium' }, needs: 'Des vidéoprojecteurs' } });
    const other = v1School({ uai: '0130001F', updatedAt: at(2) });
    writeV1File([
      { record: a, device: 'tablette-a', receivedAt: at(1, 10) },
      { record: b, device: 'tablette-b', receivedAt: at(5, 10) },
      { record: other, device: 'tablette-a', receivedAt: at(2, 10) },
    ]);
    const on = await serve();

    const schools = (await pulled(on)).filter((f) => f.kind === 'school');
    expect(schools.map((f) => f.id).sort()).toEqual([schoolFicheId(CAMPAIGN, '0130001F'), DERIVED]);
    const merged = schools.find((f) => f.id === DERIVED) as SchoolFiche;
    expect(merged).toMatchObject({ rev: 1, updatedAt: b.updatedAt, author: directeur, deleted: false });
    expect(merged.data).toEqual({
      ...b.data,
      visitDate: '2026-10-01',
      internet: a.data.internet,
      wifi: { accessPoints: 4, coverage: 'all', switchable: true },
      fleets: [{ id: 'flotte-1', type: 'tablet', count: 16, workingCount: 15, year: 2024, charging: 'cart', mdm: true }],
    });
    expect(validateFiche(merged, { now: NOW })).toMatchObject({ ok: true });
    expect(sourcesOf(DERIVED)).toEqual([[a.id, 1], [b.id, 1]].sort());
  });

  it('settles each field both filled differently in favour of the fiche updated last, fleets matched by their place', async () => {
    const a = v1School({
      updatedAt: at(9), // the newer one, though it arrived first
      fleets: [{ type: 'tablet', count: 12, workingCount: 12, year: 2024, charging: null, mdm: null }],
      data: { pupils: 185, internet: { access: 'adsl' }, wifi: { coverage: 'partial' } },
    });
    const b = v1School({
      updatedAt: at(3),
      fleets: [
        { type: 'tablet', count: 16, workingCount: 15, year: 2024, charging: 'cart', mdm: true },
        { type: 'laptop', count: 2, workingCount: 2, year: 2023, charging: 'case', mdm: true },
      ],
      data: { pupils: 190, internet: { access: 'fibre', downloadMbps: 300 }, notes: 'Salle informatique fermée' },
    });
    writeV1File([
      { record: a, device: 'tablette-a', receivedAt: at(9, 10) },
      { record: { ...b, rev: 3 }, device: 'tablette-b', receivedAt: at(9, 11) },
    ]);
    const on = await serve();

    const [merged] = (await pulled(on)) as SchoolFiche[];
    expect(merged?.updatedAt).toBe(a.updatedAt);
    expect(merged?.data).toMatchObject({
      pupils: 185,
      internet: { access: 'adsl', downloadMbps: 300, uploadMbps: null },
      wifi: { coverage: 'partial' },
      notes: 'Salle informatique fermée',
      fleets: [
        { id: 'flotte-1', type: 'tablet', count: 12, workingCount: 12, year: 2024, charging: null, mdm: null },
        { id: 'flotte-2', type: 'laptop', count: 2, workingCount: 2, year: 2023, charging: 'case', mdm: true },
      ],
    });
    expect(sourcesOf(DERIVED)).toEqual([[a.id, 1], [b.id, 3]].sort());
    // The v1 fiches are no heads: the export and the pull see one school fiche for the school.
    expect(readDb(dbPath, (db) => db.prepare("SELECT COUNT(*) FROM heads WHERE kind = 'school'").pluck().get())).toBe(1);
  });
});
