// The outbox of sync v2 on a real (fake-indexeddb) device database: what is pushed, on which base, and what each
// answer of the server leaves behind, a crash in the middle of applying them included.
import { afterEach, describe, expect, it } from 'vitest';
import { AuditDb } from '../../src/storage/db';
import { saveRevision, type RevisionInput } from '../../src/storage/fiches';
import { headTables, writeHead, type Merger } from '../../src/storage/heads';
import { applyPushResults, listSendable, markSent, pushRecordOf, unmarkSent, type Sendable } from '../../src/storage/outbox';
import { onSaved } from '../../src/storage/saved';
import { makeClassroomData, makeClassroomFiche } from '../../src/model/make';
import type { Head, SyncResult } from '../../src/model/sync-protocol';
import type { Author, ClassroomFiche, Fiche } from '../../src/model/types';
import { freshDb } from '../support/db';

const [UAI, CAMPAIGN] = ['0130569Y', '2026-2027'];
const me: Author = { name: 'Camille Martin', role: 'erun' };
const other: Author = { name: 'Sami Benali', role: 'technicien' };
const NOW = new Date('2026-12-01T10:00:00.000Z');
const merger: Merger = { author: me, referentialVersion: '2026.1', now: NOW };

/** Classroom ids (UUIDs, as the device makes them), by a name that reads in the tests. */
const [A, B, NEW, FIRST, REFUSED, FORBIDDEN, HELD, LAST, OTHER] = Array.from({ length: 9 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`) as [string, string, string, string, string, string, string, string, string];

const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

type ClassroomPatch = NonNullable<Parameters<typeof makeClassroomData>[0]>;

/** An edit saved here of the classroom `id` (made here, or taken from the server first with `onBase`). */
function save(db: AuditDb, id: string, data: ClassroomPatch, at = '2026-11-30T09:00:00.000Z'): Promise<Fiche> {
  const input: RevisionInput<'classroom'> = { id, kind: 'classroom', uai: UAI, campaign: CAMPAIGN, data: makeClassroomData({ label: 'CM1 B', ...data }), author: me };
  return saveRevision(db, input, { now: new Date(at) });
}

/** The server's rev `rev` of the classroom, which the device took as its fiche and base. */
async function onBase(db: AuditDb, id: string, rev: number, data: ClassroomPatch = {}): Promise<ClassroomFiche> {
  const record = makeClassroomFiche({ id, uai: UAI, campaign: CAMPAIGN, rev, author: other, updatedAt: '2026-11-29T08:00:00.000Z', data: { label: 'CM1 B', ...data } });
  await db.fiches.put(record);
  await db.bases.put({ id, rev, seq: 100 + rev, record });
  return record;
}

const stored = (id: string, rev: number, seq = 1000 + rev): SyncResult => ({ id, status: 'stored', rev, seq });

describe('listSendable', () => {
  it('pushes a fiche’s latest state without its local rev, on the rev of its base', async () => {
    const db = freshDb();
    await onBase(db, A, 5, { pupils: 24 });
    await save(db, A, { pupils: 25 });
    const fiche = await save(db, A, { pupils: 26 });
    const [sendable] = await listSendable(db);
    expect(sendable?.record).toEqual(pushRecordOf(fiche, 5));
    expect(sendable?.record).not.toHaveProperty('rev');
    expect(sendable?.record).toMatchObject({ id: A, baseRev: 5, data: { pupils: 26 } });
    expect(sendable?.entry).toMatchObject({ id: A, rev: 7, record: fiche });
  });

  it('pushes a fiche the server never held on base 0', async () => {
    const db = freshDb();
    await save(db, NEW, { pupils: 20 });
    expect((await listSendable(db)).map((s) => s.record.baseRev)).toEqual([0]);
  });

  it('leaves out an edit the server refused (invalid or forbidden) and one held "À arbitrer", and keeps the rest in order', async () => {
    const db = freshDb();
    await save(db, FIRST, { pupils: 1 }, '2026-11-30T08:00:00.000Z');
    await save(db, REFUSED, { pupils: 2 }, '2026-11-30T08:01:00.000Z');
    await save(db, FORBIDDEN, { pupils: 3 }, '2026-11-30T08:02:00.000Z');
    await save(db, HELD, { pupils: 4 }, '2026-11-30T08:03:00.000Z');
    await save(db, LAST, { pupils: 5 }, '2026-11-30T08:04:00.000Z');
    await applyPushResults(db, await listSendable(db).then((all) => all.filter((s) => [REFUSED, FORBIDDEN].includes(s.entry.id))), [
      { id: REFUSED, status: 'invalid', errors: [{ path: 'data.pupils', message: 'Élèves : trop.' }] },
      { id: FORBIDDEN, status: 'forbidden', errors: [{ path: '', message: 'Hors de votre territoire.' }] },
    ], merger);
    const head: Head = { rev: 1, seq: 1, record: makeClassroomFiche({ id: HELD, uai: UAI, campaign: CAMPAIGN, author: other, data: { label: 'CM1 B', pupils: 9 } }) };
    await db.transaction('rw', headTables(db), () => writeHead(db, head, merger));
    expect(await db.arbitrations.count()).toBe(1);
    expect((await listSendable(db)).map((s) => s.entry.id)).toEqual([FIRST, LAST]);
    expect(await db.outbox.count()).toBe(5);
  });
});

describe('applyPushResults: acknowledged', () => {
  it.each(['stored', 'duplicate'] as const)('on %s, remembers the sent record as the base with the server’s rev and seq, and empties the outbox', async (status) => {
    const db = freshDb();
    await onBase(db, A, 5, { pupils: 24 });
    await save(db, A, { pupils: 26 });
    const sent = await listSendable(db);
    const report = await applyPushResults(db, sent, [{ id: A, status, rev: 6, seq: 4321 }], merger);
    expect(report).toEqual({ acknowledged: 1, refused: 0, merged: 0, arbitrated: 0 });
    const { baseRev: _baseRev, ...content } = sent[0]?.record ?? {};
    expect(await db.bases.get(A)).toEqual({ id: A, rev: 6, seq: 4321, record: { ...content, rev: 6 } });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.fiches.get(A)).toMatchObject({ data: { pupils: 26 } });
  });

  it('keeps queued an edit saved while the batch travelled, and pushes it next on the new base', async () => {
    const db = freshDb();
    await onBase(db, A, 5, { pupils: 24 });
    await save(db, A, { pupils: 26 });
    const sent = await listSendable(db);
    const later = await save(db, A, { pupils: 27 });
    await applyPushResults(db, sent, [stored(A, 6)], merger);
    expect(await db.outbox.get(A)).toMatchObject({ rev: later.rev, record: later });
    expect(await db.bases.get(A)).toMatchObject({ rev: 6, record: { data: { pupils: 26 } } });
    expect((await listSendable(db)).map((s) => s.record)).toEqual([pushRecordOf(later, 6)]);
  });

  it('acknowledges each record of a batch by its own answer', async () => {
    const db = freshDb();
    await save(db, A, { pupils: 1 }, '2026-11-30T08:00:00.000Z');
    await save(db, B, { pupils: 2 }, '2026-11-30T08:01:00.000Z');
    const report = await applyPushResults(db, await listSendable(db), [stored(A, 1), { id: B, status: 'duplicate', rev: 1, seq: 77 }], merger);
    expect(report.acknowledged).toBe(2);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.bases.toArray()).map((b) => [b.id, b.rev, b.seq])).toEqual([[A, 1, 1001], [B, 1, 77]]);
  });
});

describe('applyPushResults: conflict', () => {
  it('merges with the head and queues the merged revision on the head’s rev', async () => {
    const db = freshDb();
    await onBase(db, A, 5, { pupils: 24, notes: 'RAS' });
    await save(db, A, { pupils: 26, notes: 'RAS' });
    const head: Head = { rev: 6, seq: 606, record: makeClassroomFiche({ id: A, uai: UAI, campaign: CAMPAIGN, rev: 6, author: other, data: { label: 'CM1 B', pupils: 24, notes: 'Prise murale HS' } }) };
    const heard: Array<readonly Fiche[]> = [];
    stops.push(onSaved((fiches) => heard.push(fiches)));
    const report = await applyPushResults(db, await listSendable(db), [{ id: A, status: 'conflict', head }], merger);
    expect(report).toEqual({ acknowledged: 0, refused: 0, merged: 1, arbitrated: 0 });
    const merged = await db.fiches.get(A);
    expect(merged).toMatchObject({ rev: 7, author: me, data: { pupils: 26, notes: 'Prise murale HS' } });
    expect(await db.outbox.get(A)).toMatchObject({ rev: 7, record: merged });
    expect((await listSendable(db)).map((s) => s.record)).toEqual([pushRecordOf(merged as Fiche, 6)]);
    expect(heard).toEqual([[merged]]);
  });

  it('holds a collision "À arbitrer": the edit stays queued, unsent, and the fiche as it was', async () => {
    const db = freshDb();
    await onBase(db, A, 5, { pupils: 24 });
    const mine = await save(db, A, { pupils: 26 });
    const head: Head = { rev: 6, seq: 606, record: makeClassroomFiche({ id: A, uai: UAI, campaign: CAMPAIGN, rev: 6, author: other, data: { label: 'CM1 B', pupils: 22 } }) };
    const report = await applyPushResults(db, await listSendable(db), [{ id: A, status: 'conflict', head }], merger);
    expect(report).toEqual({ acknowledged: 0, refused: 0, merged: 0, arbitrated: 1 });
    expect(await db.fiches.get(A)).toEqual(mine);
    expect(await db.outbox.get(A)).toMatchObject({ rev: mine.rev, record: mine });
    expect(await db.bases.get(A)).toMatchObject({ rev: 5 });
    expect(await db.arbitrations.get(A)).toMatchObject({ head });
    expect(await listSendable(db)).toEqual([]);
  });
});

describe('applyPushResults: refused', () => {
  it.each([
    ['invalid', [{ path: 'data.pupils', message: 'Élèves : 40 au plus.' }]],
    ['forbidden', [{ path: '', message: 'Cette fiche est hors de votre territoire.' }]],
  ] as const)('keeps an edit %s in the outbox with the server’s errors, and does not send it again', async (status, errors) => {
    const db = freshDb();
    const mine = await save(db, A, { pupils: 26 });
    const report = await applyPushResults(db, await listSendable(db), [{ id: A, status, errors: [...errors] }], merger);
    expect(report).toEqual({ acknowledged: 0, refused: 1, merged: 0, arbitrated: 0 });
    expect(await db.outbox.get(A)).toMatchObject({ rev: mine.rev, record: mine, refusal: { status, errors, at: NOW.toISOString() } });
    expect(await db.bases.count()).toBe(0);
    expect(await listSendable(db)).toEqual([]);
  });

  it('does not mark refused an edit saved after the one refused: it is sent next', async () => {
    const db = freshDb();
    await save(db, A, { pupils: 26 });
    const sent = await listSendable(db);
    const later = await save(db, A, { pupils: 27 });
    await applyPushResults(db, sent, [{ id: A, status: 'invalid', errors: [] }], merger);
    expect(await db.outbox.get(A)).not.toHaveProperty('refusal');
    expect((await listSendable(db)).map((s) => s.record)).toEqual([pushRecordOf(later, 0)]);
  });
});

describe('applyPushResults: a crash while the answers are applied', () => {
  /** Two edits sent in one batch, both stored by the server; the device dies before the second leaves the outbox. */
  async function crashBetweenAnswers(db: AuditDb) {
    await onBase(db, A, 5, { pupils: 24 });
    await save(db, A, { pupils: 26 }, '2026-11-30T08:00:00.000Z');
    await save(db, B, { pupils: 12 }, '2026-11-30T08:01:00.000Z');
    const sent = await listSendable(db);
    const before = { outbox: await db.outbox.toArray(), bases: await db.bases.toArray(), fiches: await db.fiches.toArray() };
    let deletes = 0;
    const dying = () => {
      deletes += 1;
      if (deletes === 2) throw new Error('onglet fermé');
    };
    db.outbox.hook('deleting', dying);
    await expect(applyPushResults(db, sent, [stored(A, 6), stored(B, 1)], merger)).rejects.toThrow('onglet fermé');
    db.outbox.hook('deleting').unsubscribe(dying);
    return { sent, before };
  }

  it('leaves the outbox and the bases as they were before the answers, on disk', async () => {
    const db = freshDb();
    const { before } = await crashBetweenAnswers(db);
    db.close();
    const reopened = new AuditDb(db.name);
    expect({ outbox: await reopened.outbox.toArray(), bases: await reopened.bases.toArray(), fiches: await reopened.fiches.toArray() }).toEqual(before);
    reopened.close();
  });

  it('sends the same records again after the restart, and the server’s duplicates empty the outbox: nothing lost, nothing doubled', async () => {
    const db = freshDb();
    const { sent } = await crashBetweenAnswers(db);
    db.close();
    await db.open();
    const again = await listSendable(db);
    expect(again.map((s) => s.record)).toEqual(sent.map((s) => s.record));
    await applyPushResults(db, again, [{ id: A, status: 'duplicate', rev: 6, seq: 1006 }, { id: B, status: 'duplicate', rev: 1, seq: 1001 }], merger);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.bases.toArray()).map((b) => [b.id, b.rev])).toEqual([[A, 6], [B, 1]]);
  });
});

describe('a push whose answer never came', () => {
  /** A's edit to 26 pushed on rev 5, its answer lost; then the user types 27. */
  async function lostThenEdited(db: AuditDb) {
    await onBase(db, A, 5, { pupils: 24 });
    await save(db, A, { pupils: 26 });
    const sent = await listSendable(db);
    await markSent(db, sent);
    const later = await save(db, A, { pupils: 27 }, '2026-11-30T09:05:00.000Z');
    return { sent, later };
  }

  it('is sent again as it was, under its own rev, before the edit made since', async () => {
    const db = freshDb();
    const { sent } = await lostThenEdited(db);
    const again = await listSendable(db);
    expect(again.map((s) => [s.entry.id, s.entry.rev, s.record])).toEqual(sent.map((s) => [A, s.entry.rev, s.record]));
    expect(again[0]?.record).toMatchObject({ baseRev: 5, data: { pupils: 26 } });
  });

  it('once answered `duplicate`, leaves the later edit queued on the rev the server gave it', async () => {
    const db = freshDb();
    const { later } = await lostThenEdited(db);
    await applyPushResults(db, await listSendable(db), [{ id: A, status: 'duplicate', rev: 6, seq: 1006 }], merger);
    expect(await db.bases.get(A)).toMatchObject({ rev: 6, record: { data: { pupils: 26 } } });
    expect(await db.outbox.get(A)).toEqual({ id: A, rev: later.rev, record: later, queuedAt: later.updatedAt });
    expect((await listSendable(db)).map((s) => s.record)).toEqual([pushRecordOf(later, 6)]);
  });

  it('once answered `conflict` (never stored), merges the later edit with the head', async () => {
    const db = freshDb();
    await lostThenEdited(db);
    const head: Head = { rev: 6, seq: 1006, record: makeClassroomFiche({ id: A, uai: UAI, campaign: CAMPAIGN, rev: 6, author: other, data: { label: 'CM1 B', pupils: 24, notes: 'vu' } }) };
    await applyPushResults(db, await listSendable(db), [{ id: A, status: 'conflict', head }], merger);
    const [next] = await listSendable(db);
    expect(next?.record).toMatchObject({ baseRev: 6, data: { pupils: 27, notes: 'vu' } });
    expect(next?.entry.sent).toBeUndefined();
  });

  it('is forgotten when the server refused the whole request (nothing stored), but not one already sent again', async () => {
    const db = freshDb();
    await lostThenEdited(db);
    await save(db, B, { pupils: 12 });
    const batch = await listSendable(db);
    await markSent(db, batch);
    await unmarkSent(db, batch.filter((s) => !s.entry.sent));
    expect((await db.outbox.toArray()).map((e) => [e.id, e.sent?.record.data])).toEqual([[A, expect.objectContaining({ pupils: 26 })], [B, undefined]]);
  });
});

describe('applyPushResults: answers that do not match the batch', () => {
  it('leaves an edit queued when the answer names another fiche', async () => {
    const db = freshDb();
    await save(db, A, { pupils: 26 });
    const sent: Sendable[] = await listSendable(db);
    await applyPushResults(db, sent, [stored(OTHER, 1)], merger);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.bases.count()).toBe(0);
  });
});
