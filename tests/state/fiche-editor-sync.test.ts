// A form open while the sync brings another tablet's version of its fiche: the form shows that version, with what
// was typed since the last save kept on top, so that the next save does not silently put the old fields back.
import { describe, expect, it } from 'vitest';
import { FicheEditor } from '../../src/state/fiche-editor';
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
async function pullOthers(db: Awaited<ReturnType<typeof openedOn>>['db'], fiche: ClassroomFiche, data: ClassroomFiche['data']) {
  const head = { rev: 2, seq: 2, record: { ...fiche, rev: 2, author: other, updatedAt: new Date().toISOString(), data } };
  await applyPulledPage(db, [head], 'cursor:test', '2', merger);
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
