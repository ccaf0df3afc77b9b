// Pulled pages written into a real (fake-indexeddb) device database: a page and its cursor commit together or not at
// all, so a pull that dies in the middle resumes where the last written page ended and skips nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { AuditDb } from '../../src/storage/db';
import { saveRevision } from '../../src/storage/fiches';
import type { Merger } from '../../src/storage/heads';
import { applyPulledPage, cursorKey, getCursor } from '../../src/storage/pulled';
import { onSaved } from '../../src/storage/saved';
import { makeClassroomData, makeClassroomFiche } from '../../src/model/make';
import type { Head } from '../../src/model/sync-protocol';
import type { Author, Fiche } from '../../src/model/types';
import { freshDb } from '../support/db';

const [UAI, CAMPAIGN] = ['0130569Y', '2026-2027'];
const me: Author = { name: 'Camille Martin', role: 'erun' };
const other: Author = { name: 'Sami Benali', role: 'technicien' };
const merger: Merger = { author: me, referentialVersion: '2026.1', now: new Date('2026-12-01T10:00:00.000Z') };
const KEY = cursorKey(CAMPAIGN, []);

const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

const idOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The server's head of classroom n at `seq` (rev 1 unless given). */
function head(n: number, seq: number, rev = 1, pupils = 20 + n): Head {
  const record = makeClassroomFiche({ id: idOf(n), uai: UAI, campaign: CAMPAIGN, rev, author: other, updatedAt: '2026-11-30T08:00:00.000Z', data: { label: `Classe ${n}`, pupils } });
  return { rev, seq, record };
}

/** A server's `changes` over its heads in seq order: `limit` heads after the cursor `since`, and the next cursor. */
function changes(heads: readonly Head[], since: string | undefined, limit: number) {
  const after = heads.filter((h) => h.seq > Number(since ?? 0)).slice(0, limit);
  const last = after.at(-1);
  return { changes: after, cursor: last ? String(last.seq) : (since ?? '0'), more: after.length === limit };
}

/** What the pull's tables hold now. */
async function state(db: AuditDb) {
  return { fiches: await db.fiches.toArray(), bases: await db.bases.toArray(), cursor: await getCursor(db, KEY) };
}

/** Makes the write of fiche `id` throw, as a full disk or a killed tab would, until the returned function is called. */
function failWriting(db: AuditDb, id: string): () => void {
  const fail = (key: unknown) => {
    if (key === id) throw new Error('disque plein');
  };
  db.fiches.hook('creating', fail);
  return () => db.fiches.hook('creating').unsubscribe(fail);
}

describe('cursorKey', () => {
  it('is one per campaign and scope, whatever the order the circonscriptions are listed in', () => {
    expect(cursorKey(CAMPAIGN, ['Marseille 02', 'Aubagne'])).toBe(cursorKey(CAMPAIGN, ['Aubagne', 'Marseille 02']));
    expect(cursorKey(CAMPAIGN, ['Aubagne'])).not.toBe(cursorKey(CAMPAIGN, []));
    expect(cursorKey('2027-2028', [])).not.toBe(cursorKey(CAMPAIGN, []));
  });
});

describe('applyPulledPage', () => {
  it('writes a page’s heads and its cursor together', async () => {
    const db = freshDb();
    const page = [head(1, 11), head(2, 12)];
    expect(await applyPulledPage(db, page, KEY, '12', merger)).toEqual({ skipped: 0, taken: 2, merged: 0, arbitrate: 0 });
    expect(await state(db)).toMatchObject({ fiches: page.map((h) => h.record), bases: [{ rev: 1, seq: 11 }, { rev: 1, seq: 12 }], cursor: '12' });
  });

  it('counts each head by what became of it: taken, merged, held or already known', async () => {
    const db = freshDb();
    await applyPulledPage(db, [head(1, 1), head(2, 2), head(3, 3)], KEY, '3', merger);
    const edit = (n: number, data: Parameters<typeof makeClassroomData>[0]) =>
      saveRevision(db, { id: idOf(n), kind: 'classroom', uai: UAI, campaign: CAMPAIGN, data: makeClassroomData({ label: `Classe ${n}`, ...data }), author: me });
    await edit(1, { pupils: 21, notes: 'Vu ce matin' }); // a field the head does not touch: merged
    await edit(2, { pupils: 30 }); // the field the head changes too: held
    const page = [head(1, 4, 2, 25), head(2, 5, 2, 19), head(3, 3), head(4, 6)];
    expect(await applyPulledPage(db, page, KEY, '6', merger)).toEqual({ skipped: 1, taken: 1, merged: 1, arbitrate: 1 });
    expect(await db.outbox.get(idOf(1))).toMatchObject({ record: { data: { pupils: 25, notes: 'Vu ce matin' } } });
    expect(await db.arbitrations.get(idOf(2))).toMatchObject({ head: { rev: 2 } });
  });

  it('keeps the cursor it was asked with on an empty page', async () => {
    const db = freshDb();
    await applyPulledPage(db, [head(1, 7)], KEY, '7', merger);
    await applyPulledPage(db, [], KEY, '7', merger);
    expect(await getCursor(db, KEY)).toBe('7');
  });

  it('leaves neither the page’s fiches nor its cursor when a head in the middle cannot be written', async () => {
    const db = freshDb();
    await applyPulledPage(db, [head(1, 1)], KEY, '1', merger);
    const before = await state(db);
    failWriting(db, idOf(3));
    await expect(applyPulledPage(db, [head(2, 2), head(3, 3), head(4, 4)], KEY, '4', merger)).rejects.toThrow('disque plein');
    expect(await state(db)).toEqual(before);
    db.close();
    const reopened = new AuditDb(db.name);
    expect(await state(reopened)).toEqual(before);
    reopened.close();
  });

  it('resumes after a crash from the last page written, and ends with every head once', async () => {
    const db = freshDb();
    const server = [1, 2, 3, 4, 5, 6, 7].map((n) => head(n, 100 + n));
    const pull = async () => {
      for (;;) {
        const page = changes(server, await getCursor(db, KEY), 3);
        await applyPulledPage(db, page.changes, KEY, page.cursor, merger);
        if (!page.more) return;
      }
    };
    const heal = failWriting(db, idOf(5)); // the second page dies at its second head
    await expect(pull()).rejects.toThrow('disque plein');
    expect(await state(db)).toMatchObject({ cursor: '103', fiches: server.slice(0, 3).map((h) => h.record) });
    heal();
    db.close();
    await db.open();
    await pull();
    expect(await state(db)).toMatchObject({ cursor: '107', fiches: server.map((h) => h.record) });
    expect(await db.bases.count()).toBe(7);
  });

  it('announces the heads that changed the device once the page is on disk, and nothing for a page that failed', async () => {
    const db = freshDb();
    const heard: Array<{ fiches: readonly Fiche[]; onDisk: Promise<Array<Fiche | undefined>> }> = [];
    stops.push(onSaved((fiches, from) => heard.push({ fiches, onDisk: from.fiches.bulkGet(fiches.map((f) => f.id)) })));
    const page = [head(1, 1), head(2, 2)];
    await applyPulledPage(db, page, KEY, '2', merger);
    expect(heard.map((h) => h.fiches)).toEqual([page.map((h) => h.record)]);
    expect(await heard[0]?.onDisk).toEqual(page.map((h) => h.record));

    await applyPulledPage(db, page, KEY, '2', merger); // known already: nothing changed, nothing said
    failWriting(db, idOf(4));
    await expect(applyPulledPage(db, [head(3, 3), head(4, 4)], KEY, '4', merger)).rejects.toThrow('disque plein');
    expect(heard).toHaveLength(1);
  });

  it('decides a long page (its bases read through the keys of the table) as it decides the same heads a few at a time', async () => {
    // Two devices in the same state: 150 heads known, a few edited, one held; then the same 300 heads arrive, in one
    // page on the first, in pages of 7 on the second (each looked up one by one).
    const prepare = async () => {
      const db = freshDb();
      const known = Array.from({ length: 150 }, (_, i) => ({ ...head(i + 1, i + 1), origin: `tablette-${i % 3}` }));
      for (let i = 0; i < known.length; i += 7) await applyPulledPage(db, known.slice(i, i + 7), KEY, String(Math.min(i + 7, 150)), merger);
      const edit = (n: number, data: Parameters<typeof makeClassroomData>[0]) =>
        saveRevision(db, { id: idOf(n), kind: 'classroom', uai: UAI, campaign: CAMPAIGN, data: makeClassroomData({ label: `Classe ${n}`, ...data }), author: me, now: merger.now } as Parameters<typeof saveRevision>[1], { now: merger.now });
      await edit(6, { pupils: 26, notes: 'Vu ce matin' });
      await edit(4, { pupils: 40 });
      return db;
    };
    const arriving = [
      ...Array.from({ length: 150 }, (_, i) => (i % 2 === 0 ? head(i + 1, i + 1) : head(i + 1, 200 + i, 2, 10 + i))),
      ...Array.from({ length: 150 }, (_, i) => head(151 + i, 400 + i)),
    ];
    const [whole, few] = [await prepare(), await prepare()];
    const reports = [await applyPulledPage(whole, arriving, KEY, '999', merger)];
    for (let i = 0; i < arriving.length; i += 7) reports.push(await applyPulledPage(few, arriving.slice(i, i + 7), KEY, '999', merger));
    const sum = (key: keyof (typeof reports)[number]) => reports.slice(1).reduce((total, r) => total + r[key], 0);
    expect(reports[0]).toEqual({ skipped: sum('skipped'), taken: sum('taken'), merged: sum('merged'), arbitrate: sum('arbitrate') });
    expect(reports[0]).toMatchObject({ skipped: 75, merged: 1, arbitrate: 1 });
    const tables = async (db: AuditDb) => ({
      fiches: await db.fiches.toArray(), bases: await db.bases.toArray(), outbox: await db.outbox.toArray(), arbitrations: (await db.arbitrations.toArray()).map(({ at: _at, ...rest }) => rest),
    });
    expect(await tables(whole)).toEqual(await tables(few));
    // The origin a first head named is kept by a later head that names none.
    expect(await whole.bases.get(idOf(2))).toMatchObject({ rev: 2, origin: 'tablette-1' });
  });
});
