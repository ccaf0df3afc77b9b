// The device's database upgraded from version 1 (sync v1) to version 2 (migrate-v2.ts): a version-1 database is
// made with plain Dexie and the stores version 1 declared, filled as a v1 tablet left it, then opened as the app opens
// it. Nothing typed or saved may be lost on the way, and a failed upgrade must leave version 1 as it was.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { AuditDb } from '../../src/storage/db';
import { listSendable } from '../../src/storage/outbox';
import { makeClassroomFiche, makeSchoolData, makeSchoolFiche } from '../../src/model/make';
import { schoolFicheId } from '../../src/model/sync-protocol';
import type { Author, Fleet, SchoolData, SchoolFiche } from '../../src/model/types';
import { validateFiche } from '../../src/model/validate';
import { fleet } from '../gaps/fixtures';
import { freshDb } from '../support/db';

/** Version 1's stores as src/storage/db.ts declares them (a released version is never edited). */
const V1_STORES = {
  schools: 'uai, communeCode, circonscription, chefDeFile',
  fiches: 'id, [campaign+uai], updatedAt',
  outbox: 'id, queuedAt',
  drafts: 'id',
};

const [UAI, OTHER_UAI, CAMPAIGN] = ['0130569Y', '0131234K', '2026-2027'];
const DERIVED = schoolFicheId(CAMPAIGN, UAI);
const [SCHOOL_A, SCHOOL_B, CLASSROOM] = ['1b4e28ba-2fa1-4d2c-883f-0016d3cca427', '9c5f1e0a-7d3b-4e8f-a2c1-5b6d7e8f9a0b', '6f1c2a9e-3b4d-4c5e-8f70-1a2b3c4d5e6f'];
const ORPHAN_DRAFT = '3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a';
const me: Author = { name: 'Camille Martin', role: 'erun' };
const other: Author = { name: 'Sami Benali', role: 'technicien' };

/** Fleets as version 1 saved them: no `id`. */
const withoutIds = (fleets: Fleet[]) => fleets.map(({ id: _id, ...rest }) => rest);
const v1School = (fiche: SchoolFiche) => ({ ...fiche, data: { ...fiche.data, fleets: withoutIds(fiche.data.fleets) } });

const TABLETS = fleet({ type: 'tablet', count: 12, workingCount: 11, year: 2022 });
const LAPTOPS = fleet({ type: 'laptop', count: 8, workingCount: 6, year: 2019 });

// Two tablets each made a fiche for one school: A (older, this device's, unsent) and B (newer, from a backup).
const A = makeSchoolFiche({
  id: SCHOOL_A, uai: UAI, campaign: CAMPAIGN, rev: 3, author: me, updatedAt: '2026-11-28T09:00:00.000Z',
  data: { internet: { access: 'fibre', downloadMbps: 100 }, wifi: { accessPoints: 3 }, fleets: [TABLETS, LAPTOPS] },
});
const B = makeSchoolFiche({
  id: SCHOOL_B, uai: UAI, campaign: CAMPAIGN, rev: 2, author: other, updatedAt: '2026-11-29T15:30:00.000Z',
  data: { ent: { used: true, name: 'ENT 13' }, wifi: { accessPoints: 5 }, needs: 'Un vidéoprojecteur en CP' },
});
const CLASS = makeClassroomFiche({ id: CLASSROOM, uai: UAI, campaign: CAMPAIGN, rev: 4, author: me, data: { label: 'CM1 B', pupils: 24 } });

/** The typing on fiche A not yet in a revision, as a v1 form left it. */
const DRAFT_A = {
  id: SCHOOL_A, kind: 'school', uai: UAI, campaign: CAMPAIGN, editedAt: '2026-11-30T10:00:00.000Z',
  data: { ...A.data, notes: 'Chariot fermé à clé', fleets: withoutIds([TABLETS, { ...LAPTOPS, workingCount: 5 }]) },
};
/** A school opened, typed in and never saved: v1 gave its fiche a UUID on the screen. */
const ORPHAN = {
  id: ORPHAN_DRAFT, kind: 'school', uai: OTHER_UAI, campaign: CAMPAIGN, editedAt: '2026-11-30T11:00:00.000Z',
  data: { ...makeSchoolData({ pupils: 140 }), fleets: withoutIds([fleet({ count: 4, workingCount: 4 })]) },
};

interface V1Content {
  fiches?: unknown[];
  outbox?: unknown[];
  drafts?: unknown[];
}

const DEFAULT_V1: V1Content = {
  fiches: [v1School(A), v1School(B), CLASS],
  outbox: [
    { id: SCHOOL_A, rev: 3, record: v1School(A), queuedAt: A.updatedAt },
    { id: CLASSROOM, rev: 4, record: CLASS, queuedAt: CLASS.updatedAt },
  ],
  drafts: [DRAFT_A],
};

/** A version-1 database of that name, as a v1 tablet left it. */
async function seedV1(name: string, content: V1Content = DEFAULT_V1): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores(V1_STORES);
  await v1.open();
  await v1.table('fiches').bulkAdd(content.fiches ?? []);
  await v1.table('outbox').bulkAdd(content.outbox ?? []);
  await v1.table('drafts').bulkAdd(content.drafts ?? []);
  v1.close();
}

/** A fresh database name holding version 1; the AuditDb over it is not opened yet. */
async function v1Db(content?: V1Content): Promise<AuditDb> {
  const db = freshDb();
  await seedV1(db.name, content);
  return db;
}

const schoolData = async (db: AuditDb) => ((await db.fiches.get(DERIVED)) as SchoolFiche).data;

describe('upgrade to version 2: school fiches', () => {
  it('makes one fiche of the derived id from the two fiches of one school, the old ids gone', async () => {
    const db = await v1Db();
    expect((await db.fiches.toCollection().primaryKeys()).sort()).toEqual([CLASSROOM, DERIVED].sort());
    const fiche = await db.fiches.get(DERIVED);
    expect(fiche).toMatchObject({ id: DERIVED, kind: 'school', uai: UAI, campaign: CAMPAIGN, rev: 4, author: other, updatedAt: B.updatedAt });
    expect(validateFiche(fiche).ok).toBe(true);
  });

  it('keeps the fields of both, and the newer fiche’s value where both set one', async () => {
    const db = await v1Db();
    expect(await schoolData(db)).toMatchObject({
      internet: { access: 'fibre', downloadMbps: 100 },
      ent: { used: true, name: 'ENT 13' },
      needs: 'Un vidéoprojecteur en CP',
      wifi: { accessPoints: 5 },
    });
  });

  it('gives fleets saved without ids the ids flotte-<n>, by position', async () => {
    const db = await v1Db();
    expect((await schoolData(db)).fleets).toEqual([{ ...TABLETS, id: 'flotte-1' }, { ...LAPTOPS, id: 'flotte-2' }]);
  });

  it('queues the derived fiche to be sent, alone, on base 0, in place of the old ids’ entries', async () => {
    const db = await v1Db();
    const fiche = await db.fiches.get(DERIVED);
    expect(await db.outbox.get(DERIVED)).toMatchObject({ id: DERIVED, rev: 4, record: fiche });
    expect((await db.outbox.toCollection().primaryKeys()).sort()).toEqual([CLASSROOM, DERIVED].sort());
    expect((await listSendable(db)).map((s) => [s.record.id, s.record.baseRev])).toEqual(expect.arrayContaining([[DERIVED, 0], [CLASSROOM, 0]]));
  });

  it('renames a school’s single fiche too, whether or not it was waiting to be sent', async () => {
    const db = await v1Db({ fiches: [v1School(B)] });
    expect(await db.fiches.toCollection().primaryKeys()).toEqual([DERIVED]);
    expect(await db.fiches.get(DERIVED)).toMatchObject({ rev: 3, data: { ent: { name: 'ENT 13' } } });
    expect(await db.outbox.toCollection().primaryKeys()).toEqual([DERIVED]);
  });
});

describe('upgrade to version 2: what else a v1 tablet holds', () => {
  it('leaves a classroom fiche, its queued edit and the directory as they were', async () => {
    const db = await v1Db();
    expect(await db.fiches.get(CLASSROOM)).toEqual(CLASS);
    expect(await db.outbox.get(CLASSROOM)).toEqual({ id: CLASSROOM, rev: 4, record: CLASS, queuedAt: CLASS.updatedAt });
  });

  it('moves the draft to the derived id: the typing kept, on top of the other fiche’s fields, fleets with ids', async () => {
    const db = await v1Db();
    expect(await db.drafts.toCollection().primaryKeys()).toEqual([DERIVED]);
    const draft = await db.drafts.get(DERIVED);
    expect(draft).toMatchObject({ id: DERIVED, kind: 'school', uai: UAI, campaign: CAMPAIGN, editedAt: DRAFT_A.editedAt });
    const data = draft?.data as SchoolData;
    // What was typed and not yet saved…
    expect(data.notes).toBe('Chariot fermé à clé');
    expect(data.fleets).toEqual([{ ...TABLETS, id: 'flotte-1' }, { ...LAPTOPS, workingCount: 5, id: 'flotte-2' }]);
    // …and what the other fiche brought: saving the draft must not take it away.
    expect(data).toMatchObject({ ent: { used: true, name: 'ENT 13' }, needs: 'Un vidéoprojecteur en CP', wifi: { accessPoints: 5 }, internet: { access: 'fibre' } });
  });

  it('moves the draft of a school never saved to that school’s derived id, fleets with ids', async () => {
    const db = await v1Db({ drafts: [ORPHAN] });
    const id = schoolFicheId(CAMPAIGN, OTHER_UAI);
    expect(await db.drafts.toCollection().primaryKeys()).toEqual([id]);
    expect(await db.drafts.get(id)).toMatchObject({ id, uai: OTHER_UAI, data: { pupils: 140, fleets: [{ id: 'flotte-1', count: 4 }] } });
  });

  it('sends again a classroom edit v1 had set aside as a conflict: v2 merges conflicts', async () => {
    const refusal = { status: 'conflict', errors: [{ path: 'rev', message: 'Le serveur a une autre version.' }], at: '2026-11-29T08:00:00.000Z' };
    const invalid = { status: 'invalid', errors: [{ path: 'data.pupils', message: 'Élèves : trop.' }], at: '2026-11-29T08:00:00.000Z' };
    const other = makeClassroomFiche({ id: ORPHAN_DRAFT, uai: UAI, campaign: CAMPAIGN, data: { label: 'CP' } });
    const db = await v1Db({
      fiches: [CLASS, other],
      outbox: [
        { id: CLASSROOM, rev: 4, record: CLASS, queuedAt: CLASS.updatedAt, refusal },
        { id: ORPHAN_DRAFT, rev: 1, record: other, queuedAt: other.updatedAt, refusal: invalid },
      ],
    });
    expect(await db.outbox.get(CLASSROOM)).not.toHaveProperty('refusal');
    expect(await db.outbox.get(ORPHAN_DRAFT)).toMatchObject({ refusal: invalid });
    expect((await listSendable(db)).map((s) => s.record.id)).toEqual([CLASSROOM]);
  });

  it('opens an empty version-1 database', async () => {
    const db = await v1Db({});
    expect(await db.fiches.count()).toBe(0);
    expect(db.verno).toBe(3);
  });
});

describe('upgrade to version 2 that dies midway', () => {
  it('leaves version 1 as it was, and upgrades on the next start', async () => {
    const db = await v1Db();
    const dying = () => {
      throw new Error('onglet fermé');
    };
    db.outbox.hook('creating', dying);
    await expect(db.open()).rejects.toThrow();
    db.outbox.hook('creating').unsubscribe(dying);
    db.close();

    const v1 = new Dexie(db.name);
    await v1.open();
    expect(v1.verno).toBe(1);
    expect((await v1.table('fiches').toCollection().primaryKeys()).sort()).toEqual([CLASSROOM, SCHOOL_A, SCHOOL_B].sort());
    expect(await v1.table('outbox').toArray()).toEqual(DEFAULT_V1.outbox);
    expect(await v1.table('drafts').toArray()).toEqual(DEFAULT_V1.drafts);
    v1.close();

    await db.open();
    expect(db.verno).toBe(3);
    expect((await db.fiches.toCollection().primaryKeys()).sort()).toEqual([CLASSROOM, DERIVED].sort());
    expect(await db.drafts.toCollection().primaryKeys()).toEqual([DERIVED]);
  });
});
