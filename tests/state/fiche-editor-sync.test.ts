// A form open while the sync brings another tablet's version of its fiche: the form shows that version, with what
// was typed since the last save kept on top, so that the next save does not silently put the old fields back.
import { describe, expect, it } from 'vitest';
import { FicheEditor } from '../../src/state/fiche-editor';
import { recoverDrafts } from '../../src/state/commit';
import { auditor } from '../../src/state/session';
import { saveRevision } from '../../src/storage/fiches';
import { applyPulledPage } from '../../src/storage/pulled';
import { makeClassroomData } from '../../src/model/make';
import type { Author, ClassroomFiche } from '../../src/model/types';
import { freshDeviceDb } from '../support/db';

const author: Author = { name: 'Camille Martin', role: 'erun' };
const other: Author = { name: 'Léa Durand', role: 'technicien' };
const merger = { author, referentialVersion: '2026.1' };

async function openedOn(data = makeClassroomData({ label: 'CM1', pupils: 20 })) {
  const db = freshDeviceDb();
  auditor.value = author;
  const ref = { id: crypto.randomUUID(), kind: 'classroom' as const, uai: '0130569Y', campaign: '2026-2027' };
  const fiche = (await saveRevision(db, { ...ref, data, author })) as ClassroomFiche;
  // The server holds it (rev 1) and this device knows it: its base.
  await db.bases.put({ id: ref.id, rev: 1, seq: 1, record: { ...fiche, rev: 1 } });
  await db.outbox.clear();
  const editor = await FicheEditor.open(ref, makeClassroomData());
  return { db, ref, fiche, editor };
}

/** Another tablet's revision 2 of the fiche, pulled. */
async function pullOthers(db: Awaited<ReturnType<typeof openedOn>>['db'], fiche: ClassroomFiche, data: ClassroomFiche['data'], rev = 2) {
  const head = { rev, seq: rev, record: { ...fiche, rev, author: other, updatedAt: new Date().toISOString(), data } };
  await applyPulledPage(db, [head], 'cursor:test', String(rev), merger);
}

describe('a form open when the sync brings another tablet’s version', () => {
  it('shows that version when nothing was typed since the last save', async () => {
    const { db, fiche, editor } = await openedOn();
    await pullOthers(db, fiche, { ...fiche.data, display: { ...fiche.data.display, type: 'vpi' } });
    expect(editor.data.value.display.type).toBe('vpi');
    expect(editor.data.value.pupils).toBe(20);
    await editor.close();
  });

  it('keeps what was typed since on top of it, and saves both', async () => {
    const { db, ref, fiche, editor } = await openedOn();
    editor.set('pupils', 26); // typed, not yet a revision
    await pullOthers(db, fiche, { ...fiche.data, display: { ...fiche.data.display, type: 'vpi' } });
    expect([editor.data.value.pupils, editor.data.value.display.type]).toEqual([26, 'vpi']);
    await editor.close();
    const saved = (await db.fiches.get(ref.id)) as ClassroomFiche;
    expect([saved.data.pupils, saved.data.display.type]).toEqual([26, 'vpi']);
    // Queued on the other tablet's revision: the next push is on base 2, and nothing reverts its field.
    expect(await db.bases.get(ref.id)).toMatchObject({ rev: 2 });
    expect(await db.outbox.get(ref.id)).toMatchObject({ record: { data: { pupils: 26, display: { type: 'vpi' } } } });
  });
});

/** The tab dies with `editor` open: its timers and its listening stop, nothing is flushed. */
function kill(editor: FicheEditor<'classroom'>) {
  editor.autosave.dispose();
  (editor as unknown as { unlisten: () => void; unregister: () => void }).unlisten();
  (editor as unknown as { unregister: () => void }).unregister();
}

/** Typing left in a draft: pupils 26 and a year no one can accept (so no revision takes the draft's place). */
async function leftInDraft() {
  const opened = await openedOn();
  opened.editor.set('pupils', 26);
  opened.editor.set('computer.year', 1890);
  for (let i = 0; i < 100 && ((await opened.db.drafts.get(opened.ref.id))?.data as ClassroomFiche['data'] | undefined)?.computer.year !== 1890; i += 1) await new Promise((r) => setTimeout(r, 5));
  await opened.editor.autosave.flush(); // the valid typing becomes a revision; the draft stays with the year as typed
  kill(opened.editor);
  return opened;
}

describe('typing left in a draft when the sync brings another tablet’s version', () => {
  it('keeps with the draft the data its typing started from: the last revision saved', async () => {
    const { db, ref } = await leftInDraft();
    const draft = await db.drafts.get(ref.id);
    expect(draft?.data).toMatchObject({ pupils: 26, computer: { year: 1890 } });
    expect(draft?.base).toMatchObject({ pupils: 26, computer: { year: null } }); // the revision saved
  });

  it('opens the form on the other tablet’s version with the typing on top, and the next save keeps both', async () => {
    const { db, ref } = await leftInDraft();
    const saved = (await db.fiches.get(ref.id)) as ClassroomFiche;
    await db.bases.put({ id: ref.id, rev: 2, seq: 2, record: { ...saved, rev: 2 } });
    await db.outbox.clear(); // pushed meanwhile, as rev 2
    await pullOthers(db, saved, { ...saved.data, notes: 'Vu par Léa', display: { ...saved.data.display, type: 'vpi' } }, 3);
    expect(await db.fiches.get(ref.id)).toMatchObject({ data: { notes: 'Vu par Léa' } });
    const editor = await FicheEditor.open(ref, makeClassroomData());
    expect(editor.data.value).toMatchObject({ pupils: 26, notes: 'Vu par Léa', display: { type: 'vpi' }, computer: { year: 1890 } });
    editor.set('computer.year', 2021);
    await editor.close();
    expect(await db.fiches.get(ref.id)).toMatchObject({ data: { pupils: 26, notes: 'Vu par Léa', display: { type: 'vpi' }, computer: { year: 2021 } } });
  });

  it('recovers the draft at the next start onto the other tablet’s version, losing neither', async () => {
    const { db, ref } = await leftInDraft();
    const saved = (await db.fiches.get(ref.id)) as ClassroomFiche;
    await pullOthers(db, saved, { ...saved.data, pupils: 26, notes: 'Vu par Léa' });
    // The year is still invalid: the recovery saves what it can and leaves the draft; the other tablet's note stays.
    await recoverDrafts();
    expect(await db.fiches.get(ref.id)).toMatchObject({ data: { pupils: 26, notes: 'Vu par Léa' } });
    const editor = await FicheEditor.open(ref, makeClassroomData());
    expect(editor.data.value).toMatchObject({ notes: 'Vu par Léa', computer: { year: 1890 } });
    await editor.close();
  });
});

