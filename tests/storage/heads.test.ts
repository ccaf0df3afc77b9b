// Heads from the server written into a real (fake-indexeddb) device database: what each decision of reconcile.ts
// leaves in fiches, bases, outbox, arbitrations and notices, and the user's choice on a fiche held "À arbitrer".
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditDb } from '../../src/storage/db';
import { InvalidRecordError, saveRevision } from '../../src/storage/fiches';
import { headTables, heldFiche, NOTICES, resolveHeld, writeHead, type Merger } from '../../src/storage/heads';
import { listSendable } from '../../src/storage/outbox';
import { onSaved } from '../../src/storage/saved';
import { makeClassroomData, makeClassroomFiche, makeSchoolData, makeSchoolFiche } from '../../src/model/make';
import type { Head } from '../../src/model/sync-protocol';
import type { Author, ClassroomFiche, Fiche, Fleet } from '../../src/model/types';
import { fleet } from '../gaps/fixtures';
import { freshDb } from '../support/db';

const ID = '6f1c2a9e-3b4d-4c5e-8f70-1a2b3c4d5e6f';
const SCHOOL_ID = 'ecole-2026-2027-0130569Y';
const [UAI, CAMPAIGN] = ['0130569Y', '2026-2027'];
const me: Author = { name: 'Camille Martin', role: 'erun' };
const other: Author = { name: 'Sami Benali', role: 'technicien' };
const NOW = new Date('2026-12-01T10:00:00.000Z');
const merger: Merger = { author: me, referentialVersion: '2026.1', now: NOW };

type ClassroomPatch = NonNullable<Parameters<typeof makeClassroomFiche>[0]>['data'];

const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

/** The server's copy of the classroom at `rev` (made on the other tablet). */
const record = (rev: number, data?: ClassroomPatch, deleted = false): ClassroomFiche =>
  makeClassroomFiche({ id: ID, uai: UAI, campaign: CAMPAIGN, rev, deleted, author: other, updatedAt: '2026-11-30T08:00:00.000Z', data: { label: 'CM1 B', ...data } });
const headAt = (rev: number, data?: ClassroomPatch, deleted = false): Head => ({ rev, seq: 100 + rev, record: record(rev, data, deleted) });

/** The device took rev 3 of the classroom (pupils 24, notes 'RAS') and holds it as its fiche and base. */
async function took(db: AuditDb): Promise<ClassroomFiche> {
  const base = record(3, { pupils: 24, notes: 'RAS' });
  await db.fiches.put(base);
  await db.bases.put({ id: ID, rev: 3, seq: 103, record: base });
  return base;
}

/** Then edited it here: an unsent edit in the outbox. */
async function editedHere(db: AuditDb, data: ClassroomPatch, deleted?: boolean): Promise<Fiche> {
  await took(db);
  const edit = makeClassroomData({ label: 'CM1 B', pupils: 24, notes: 'RAS', ...data });
  return saveRevision(db, { id: ID, kind: 'classroom', uai: UAI, campaign: CAMPAIGN, data: edit, author: me, deleted }, { now: new Date('2026-11-30T09:00:00.000Z') });
}

function write(db: AuditDb, head: Head) {
  return db.transaction('rw', headTables(db), () => writeHead(db, head, merger));
}

/** Every table a head may touch, as it is now. */
async function snapshot(db: AuditDb) {
  const [fiches, bases, outbox, arbitrations, notices] = await Promise.all([db.fiches, db.bases, db.outbox, db.arbitrations, db.notices].map((table) => table.toArray()));
  return { fiches, bases, outbox, arbitrations, notices };
}

describe('writeHead: taking the head', () => {
  it('writes the fiche and its base for a fiche the device did not hold', async () => {
    const db = freshDb();
    const head = headAt(5, { pupils: 22 });
    expect(await write(db, head)).toEqual({ outcome: 'taken', fiche: head.record });
    expect(await db.fiches.get(ID)).toEqual(head.record);
    expect(await db.bases.get(ID)).toEqual({ id: ID, rev: 5, seq: 105, record: head.record });
    expect(await db.outbox.count()).toBe(0);
  });

  it('replaces a fiche with no unsent edit, and its base', async () => {
    const db = freshDb();
    await took(db);
    const head = headAt(5, { pupils: 22, notes: 'Prise murale HS' });
    expect((await write(db, head)).outcome).toBe('taken');
    expect((await db.fiches.get(ID))?.data).toMatchObject({ pupils: 22, notes: 'Prise murale HS' });
    expect(await db.bases.get(ID)).toMatchObject({ rev: 5, seq: 105 });
  });

  it('closes an arbitration and empties the outbox when a newer head already holds the edit held', async () => {
    const db = freshDb();
    await editedHere(db, { pupils: 26 });
    expect((await write(db, headAt(5, { pupils: 22 }))).outcome).toBe('arbitrate');
    // The other tablet chose this device's value meanwhile.
    const agreed = headAt(6, { pupils: 26, notes: 'RAS' });
    expect((await write(db, agreed)).outcome).toBe('taken');
    expect(await snapshot(db)).toMatchObject({ fiches: [agreed.record], bases: [{ rev: 6 }], outbox: [], arbitrations: [], notices: [] });
  });

  it('skips its own push coming back (the head is its base)', async () => {
    const db = freshDb();
    await took(db);
    const before = await snapshot(db);
    expect(await write(db, headAt(3, { pupils: 24, notes: 'RAS' }))).toEqual({ outcome: 'skipped' });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('writeHead: the device that made the fiche', () => {
  it('keeps it with the base, from the head, or from the base before when a head does not say it', async () => {
    const db = freshDb();
    await write(db, { ...headAt(3, { pupils: 24 }), origin: 'tablette-b' });
    expect((await db.bases.get(ID))?.origin).toBe('tablette-b');
    // A conflict answered by a server that does not name the origin: taken, and still the other tablet's fiche.
    await write(db, headAt(4, { pupils: 25 }));
    expect(await db.bases.get(ID)).toMatchObject({ rev: 4, origin: 'tablette-b' });
    // Merged with an edit made here: still the other tablet's.
    await saveRevision(db, { id: ID, kind: 'classroom', uai: UAI, campaign: CAMPAIGN, data: makeClassroomData({ label: 'CM1 B', pupils: 25, notes: 'vu ici' }), author: me });
    expect(await write(db, headAt(5, { pupils: 26 }))).toMatchObject({ outcome: 'merged' });
    expect(await db.bases.get(ID)).toMatchObject({ rev: 5, origin: 'tablette-b' });
  });
});

describe('writeHead: merging an unsent edit', () => {
  it('writes the merged fiche, takes the head as base and queues the merge to push on the head’s rev', async () => {
    const db = freshDb();
    const edit = await editedHere(db, { pupils: 26 });
    const head = headAt(5, { pupils: 24, notes: 'Prise murale HS' });
    const { outcome, fiche } = await write(db, head);
    expect(outcome).toBe('merged');
    expect(fiche).toMatchObject({ rev: 6, author: me, updatedAt: NOW.toISOString(), data: { pupils: 26, notes: 'Prise murale HS' } });
    expect(await db.fiches.get(ID)).toEqual(fiche);
    expect(await db.bases.get(ID)).toEqual({ id: ID, rev: 5, seq: 105, record: head.record });
    expect(await db.outbox.get(ID)).toMatchObject({ id: ID, rev: 6, record: fiche });
    expect(edit.rev).toBe(4);
    const [sendable] = await listSendable(db);
    expect(sendable?.record).toMatchObject({ id: ID, baseRev: 5, data: { pupils: 26, notes: 'Prise murale HS' } });
    expect(await db.notices.count()).toBe(0);
  });

  it('keeps a fiche edited here that the other tablet deleted, and leaves a notice', async () => {
    const db = freshDb();
    await editedHere(db, { pupils: 26 });
    expect((await write(db, headAt(5, { pupils: 24, notes: 'RAS' }, true))).outcome).toBe('merged');
    expect(await db.fiches.get(ID)).toMatchObject({ deleted: false, data: { pupils: 26 } });
    expect(await db.notices.toArray()).toEqual([
      { seq: expect.any(Number), ficheId: ID, message: NOTICES['deleted-there-kept-by-edit-here'], at: NOW.toISOString() },
    ]);
  });

  it('takes back a fiche deleted here that the other tablet edited, and leaves a notice', async () => {
    const db = freshDb();
    await editedHere(db, {}, true);
    const head = headAt(5, { pupils: 22, notes: 'RAS' });
    expect((await write(db, head)).outcome).toBe('taken');
    expect(await db.fiches.get(ID)).toEqual(head.record);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.notices.toArray()).toMatchObject([{ ficheId: ID, message: NOTICES['deleted-here-kept-by-edit-there'] }]);
  });

  it('writes nothing when the merge dies before its notice is on disk', async () => {
    const db = freshDb();
    await editedHere(db, { pupils: 26 });
    const before = await snapshot(db);
    db.notices.hook('creating', () => {
      throw new Error('disque plein');
    });
    await expect(write(db, headAt(5, { pupils: 24, notes: 'RAS' }, true))).rejects.toThrow('disque plein');
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('writeHead: a collision held "À arbitrer"', () => {
  it('writes only the arbitration and leaves the fiche, its base and its queued edit as they were', async () => {
    const db = freshDb();
    await editedHere(db, { pupils: 26 });
    const before = await snapshot(db);
    const head = headAt(5, { pupils: 22 });
    expect(await write(db, head)).toEqual({ outcome: 'arbitrate' });
    const after = await snapshot(db);
    expect(after.arbitrations).toEqual([{ id: ID, head, at: NOW.toISOString() }]);
    expect({ ...after, arbitrations: [] }).toEqual(before);
    expect(await listSendable(db)).toEqual([]);
  });

  it.each([
    ['older than', 4],
    ['the same as', 5],
  ])('skips a head %s the one held', async (_, rev) => {
    const db = freshDb();
    await editedHere(db, { pupils: 26 });
    const held = headAt(5, { pupils: 22 });
    await write(db, held);
    const before = await snapshot(db);
    expect(await write(db, headAt(rev, { pupils: 20 }))).toEqual({ outcome: 'skipped' });
    expect(await snapshot(db)).toEqual(before);
    expect((await db.arbitrations.get(ID))?.head).toEqual(held);
  });

  it('asks about the colliding field with both values', async () => {
    const db = freshDb();
    const local = await editedHere(db, { pupils: 26 });
    const head = headAt(5, { pupils: 22 });
    await write(db, head);
    expect(await heldFiche(db, ID)).toEqual({ local, head, conflicts: [{ path: 'data.pupils', local: 26, head: 22 }] });
  });
});

describe('resolveHeld', () => {
  async function held(db: AuditDb): Promise<Head> {
    await editedHere(db, { pupils: 26 });
    const head = headAt(5, { pupils: 22, notes: 'Prise murale HS' });
    await write(db, head);
    return head;
  }

  it.each([
    ['the other tablet’s value', 'head', 22],
    ['this device’s value', 'local', 26],
  ] as const)('saves %s as a revision on the head, queued to push, and closes the arbitration', async (_, side, pupils) => {
    const db = freshDb();
    const head = await held(db);
    const fiche = await resolveHeld(db, ID, { 'data.pupils': side }, merger);
    expect(fiche).toMatchObject({ rev: 6, author: me, updatedAt: NOW.toISOString(), data: { pupils, notes: 'Prise murale HS' } });
    expect(await snapshot(db)).toMatchObject({
      fiches: [fiche],
      bases: [{ id: ID, rev: 5, seq: 105, record: head.record }],
      outbox: [{ id: ID, rev: 6, record: fiche }],
      arbitrations: [],
    });
    expect((await listSendable(db)).map((s) => s.record)).toEqual([expect.objectContaining({ baseRev: 5, data: fiche.data })]);
  });

  it('announces the fiche chosen once committed, so the screens show it', async () => {
    const db = freshDb();
    await held(db);
    const heard: Array<readonly Fiche[]> = [];
    stops.push(onSaved((fiches) => heard.push(fiches)));
    const fiche = await resolveHeld(db, ID, { 'data.pupils': 'head' }, merger);
    expect(heard).toEqual([[fiche]]);
  });

  describe('on a merge that was not valid (count lowered here, working count raised there)', () => {
    const A: Fleet = fleet({ id: 'flotte-a', count: 10, workingCount: 5 });
    const path = 'data.fleets.flotte-a.workingCount';

    async function heldSchool(db: AuditDb): Promise<Fiche> {
      const base = makeSchoolFiche({ id: SCHOOL_ID, rev: 3, author: other, data: { fleets: [A] } });
      await db.fiches.put(base);
      await db.bases.put({ id: SCHOOL_ID, rev: 3, seq: 103, record: base });
      const local = await saveRevision(db, { id: SCHOOL_ID, kind: 'school', uai: UAI, campaign: CAMPAIGN, data: makeSchoolData({ fleets: [{ ...A, count: 6 }] }), author: me });
      const head: Head = { rev: 5, seq: 105, record: makeSchoolFiche({ id: SCHOOL_ID, rev: 5, author: other, data: { fleets: [{ ...A, workingCount: 9 }] } }) };
      expect((await write(db, head)).outcome).toBe('arbitrate');
      expect((await heldFiche(db, SCHOOL_ID))?.conflicts).toEqual([{ path, local: 5, head: 9 }]);
      return local;
    }

    it('saves the value shown as chosen when the user changed nothing (mine)', async () => {
      const db = freshDb();
      await heldSchool(db);
      const fiche = await resolveHeld(db, SCHOOL_ID, {}, merger);
      expect(fiche.kind === 'school' && fiche.data.fleets).toEqual([{ ...A, count: 6, workingCount: 5 }]);
      expect(await db.arbitrations.count()).toBe(0);
    });

    it('refuses a choice that makes an invalid fiche and writes nothing', async () => {
      const db = freshDb();
      await heldSchool(db);
      const before = await snapshot(db);
      const error = await resolveHeld(db, SCHOOL_ID, { [path]: 'head' }, merger).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRecordError);
      expect((error as InvalidRecordError).errors.map((e) => e.path)).toEqual(['data.fleets.0.workingCount']);
      expect(await snapshot(db)).toEqual(before);
    });
  });

  it('refuses a fiche that is not held', async () => {
    const db = freshDb();
    await editedHere(db, { pupils: 26 });
    await expect(resolveHeld(db, ID, {}, merger)).rejects.toThrow(`no arbitration for ${ID}`);
  });
});
