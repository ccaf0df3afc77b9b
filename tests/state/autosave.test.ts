import { afterEach, describe, expect, it, vi } from 'vitest';
import { schoolFicheId } from '../../src/model/sync-protocol';
import { Autosave } from '../../src/state/autosave';
import { commitFormData, recoverDrafts } from '../../src/state/commit';
import { AuditDb } from '../../src/storage/db';
import { saveRevision } from '../../src/storage/fiches';
import { setDeviceDb } from '../../src/state/device-db';
import { auditor } from '../../src/state/session';
import { makeClassroomData, makeSchoolData } from '../../src/model/make';
import type { Author, ClassroomData } from '../../src/model/types';
import { freshDb, freshDeviceDb } from '../support/db';

const author: Author = { name: 'Camille Martin', role: 'technicien' };
const opened: Autosave<'classroom'>[] = [];
afterEach(() => opened.splice(0).forEach((a) => a.dispose()));

async function setup(db = freshDb(), initial: ClassroomData = makeClassroomData({ label: 'CM2' })) {
  setDeviceDb(db);
  const ref = { id: crypto.randomUUID(), kind: 'classroom' as const, uai: '0130541T', campaign: '2026-2027' };
  await saveRevision(db, { ...ref, data: initial, author });
  const autosave = new Autosave({ ref, author, initial });
  opened.push(autosave);
  return { db, ref, autosave };
}

/** Resolves once every queued write has reached the database. */
const settled = (autosave: Autosave<'classroom'>) => new Promise<void>((resolve) => {
  const check = () => (autosave.phase.value === 'saved' ? resolve() : setTimeout(check, 1));
  check();
});

describe('Autosave', () => {
  it('puts every edit on disk as a draft, without a revision yet', async () => {
    const { db, ref, autosave } = await setup();
    autosave.edit(makeClassroomData({ label: 'CM2', pupils: 2 }));
    autosave.edit(makeClassroomData({ label: 'CM2', pupils: 24 }));
    await settled(autosave);
    expect((await db.drafts.get(ref.id))?.data).toMatchObject({ pupils: 24 });
    expect((await db.fiches.get(ref.id))?.rev).toBe(1);
  });

  it('makes one revision per save, not per keystroke, and clears the draft with it', async () => {
    const { db, ref, autosave } = await setup();
    for (const label of ['C', 'CE', 'CE1', 'CE1 ', 'CE1 A']) autosave.edit(makeClassroomData({ label }));
    await autosave.flush();
    const fiche = await db.fiches.get(ref.id);
    expect(fiche).toMatchObject({ rev: 2, data: { label: 'CE1 A' } });
    expect(await db.outbox.get(ref.id)).toMatchObject({ rev: 2 });
    expect(await db.drafts.count()).toBe(0);
  });

  it('keeps an invalid value in the draft and the last valid one in the revision', async () => {
    const { db, ref, autosave } = await setup(freshDb(), makeClassroomData({ label: 'CM2', pupils: 25 }));
    autosave.edit(makeClassroomData({ label: 'CM2 bis', pupils: 41 }));
    await autosave.flush();
    expect((await db.fiches.get(ref.id))?.data).toMatchObject({ label: 'CM2 bis', pupils: 25 });
    expect((await db.drafts.get(ref.id))?.data).toMatchObject({ label: 'CM2 bis', pupils: 41 });
  });

  it('saves the valid fields of a school fiche whose new fleet is invalid, the fleet left out until corrected', async () => {
    const db = freshDeviceDb();
    const ref = { id: schoolFicheId('2026-2027', '0130541T'), kind: 'school' as const, uai: '0130541T', campaign: '2026-2027' };
    await saveRevision(db, { ...ref, data: makeSchoolData(), author });
    const fleet = { id: 'flotte-1', type: 'tablet' as const, count: 8, workingCount: 9, year: 2022, charging: 'cart' as const, mdm: true };
    const fiche = await commitFormData(ref, makeSchoolData({ notes: 'Wi-Fi à revoir', fleets: [fleet] }), author);
    expect(fiche).toMatchObject({ rev: 2, data: { notes: 'Wi-Fi à revoir', fleets: [] } });
  });

  it('lets a killed tab’s typing come back as a revision at the next start', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const first = new AuditDb(name);
    const { ref, autosave } = await setup(first);
    autosave.edit(makeClassroomData({ label: 'CM2', pupils: 23, display: { type: 'eni', condition: 'working' } }));
    await settled(autosave);
    autosave.dispose(); // the tab dies: no flush, no revision
    first.close();

    const second = new AuditDb(name);
    setDeviceDb(second);
    auditor.value = author;
    expect(await recoverDrafts()).toBe(1);
    expect(await second.fiches.get(ref.id)).toMatchObject({ rev: 2, data: { pupils: 23, display: { type: 'eni' } } });
    expect(await second.outbox.get(ref.id)).toMatchObject({ rev: 2 });
    expect(await second.drafts.count()).toBe(0);
    await second.delete();
  });

  it('keeps typing in memory, says so in French, and writes it once the disk accepts it again', async () => {
    const { db, ref, autosave } = await setup();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let full = true;
    db.drafts.hook('creating', () => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
    });
    autosave.edit(makeClassroomData({ label: 'CM2', pupils: 19 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(autosave.phase.value).toBe('error');
    expect(autosave.errorMessage.value).toMatch(/espace de stockage de l'appareil est plein/);
    full = false;
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect(autosave.phase.value).toBe('saved');
    expect((await db.drafts.get(ref.id))?.data).toMatchObject({ pupils: 19 });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });

  it('makes no revision when a flush finds nothing new', async () => {
    const { db, ref, autosave } = await setup();
    await autosave.flush();
    expect((await db.fiches.get(ref.id))?.rev).toBe(1);
  });
});
