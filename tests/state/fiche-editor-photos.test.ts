// Photos in the form (issue 17): added with their image in one revision at once, in turn with the typing pending
// (never a draft naming an image that is not on disk), refused in French past 20 or with the tablet's storage past
// 80 % with nothing else affected, taken off and put back like any field.
import { afterEach, describe, expect, it } from 'vitest';
import { FicheEditor } from '../../src/state/fiche-editor';
import { PhotoRefusedError, setStorageEstimator, STORAGE_FULL_MESSAGE } from '../../src/state/photo-space';
import { auditor } from '../../src/state/session';
import { saveRevision } from '../../src/storage/fiches';
import type { AuditDb } from '../../src/storage/db';
import { makeClassroomData } from '../../src/model/make';
import type { Author, ClassroomFiche } from '../../src/model/types';
import { freshDeviceDb } from '../support/db';
import { makeNewPhoto, photoItem } from '../support/photos';

const author: Author = { name: 'Camille Martin', role: 'erun' };
const ref = () => ({ id: crypto.randomUUID(), kind: 'classroom' as const, uai: '0130569Y', campaign: '2026-2027' });

const editors: Array<FicheEditor<'classroom'>> = [];
afterEach(async () => {
  setStorageEstimator(undefined);
  for (const editor of editors.splice(0)) await editor.close();
});

async function opened(data = makeClassroomData({ label: 'CM1', pupils: 20 })) {
  const db = freshDeviceDb();
  auditor.value = author;
  const fiche = ref();
  await saveRevision(db, { ...fiche, data, author });
  const editor = await FicheEditor.open(fiche, makeClassroomData());
  editors.push(editor);
  return { db, id: fiche.id, editor };
}

const stored = async (db: AuditDb, id: string) => (await db.fiches.get(id)) as ClassroomFiche;

/** Fails the test's expectations if a draft naming `sha256` is written before its image is: read from the hooks,
 * which run in the order the writes are asked for. */
function watchDrafts(db: AuditDb, sha256: string): { early: number } {
  const seen = { early: 0 };
  let imagePut = false;
  db.photos.hook('creating', (key) => {
    if (key === sha256) imagePut = true;
  });
  const check = (...written: unknown[]) => {
    if (!imagePut && JSON.stringify(written).includes(sha256)) seen.early += 1;
  };
  db.drafts.hook('creating', (_key, draft) => check(draft));
  db.drafts.hook('updating', (changes, _key, draft) => check(changes, draft));
  return seen;
}

describe('addPhoto', () => {
  it('commits the photo and its image in one revision at once, without a draft', async () => {
    const { db, id, editor } = await opened();
    const photo = await makeNewPhoto();
    const watched = watchDrafts(db, photo.sha256);
    const item = await editor.addPhoto(photo, { subject: 'computer', caption: '  Étiquette du poste  ', takenAt: '2026-11-30T09:00:00.000Z' });
    expect(item).toEqual({ ...photoItem(photo, 'computer', 'Étiquette du poste') });
    expect((await stored(db, id)).data.photos).toEqual([item]);
    expect(await db.outbox.get(id)).toMatchObject({ rev: 2 });
    expect(await db.photos.get(photo.sha256)).toMatchObject({ bytes: photo.bytes, blob: expect.any(Blob) });
    expect(editor.data.value.photos).toEqual([item]);
    expect(await db.drafts.count()).toBe(0);
    expect(watched.early).toBe(0);
  });

  it('takes the typing pending with it, in order, and carries itself onto typing that came while it was written', async () => {
    const { db, id, editor } = await opened();
    const photo = await makeNewPhoto();
    const watched = watchDrafts(db, photo.sha256);
    editor.set('pupils', 26); // pending: drafted, not yet a revision
    const adding = editor.addPhoto(photo, { subject: 'display' });
    editor.set('notes', 'VPI hors service'); // typed while the photo is being written
    await adding;
    expect(editor.data.value).toMatchObject({ pupils: 26, notes: 'VPI hors service', photos: [{ sha256: photo.sha256 }] });
    const afterPhoto = await stored(db, id);
    expect([afterPhoto.rev, afterPhoto.data.pupils, afterPhoto.data.photos?.length]).toEqual([2, 26, 1]);
    await editor.autosave.flush();
    const last = await stored(db, id);
    expect(last.data).toMatchObject({ pupils: 26, notes: 'VPI hors service', photos: [{ sha256: photo.sha256 }] });
    expect(watched.early).toBe(0);
  });

  it('survives a tab killed right after it resolved: the form opened again shows the photo', async () => {
    const { db, id, editor } = await opened();
    const photo = await makeNewPhoto();
    await editor.addPhoto(photo, { subject: 'network' });
    editor.autosave.dispose(); // no flush: the tab dies
    const again = await FicheEditor.open({ id, kind: 'classroom', uai: '0130569Y', campaign: '2026-2027' }, makeClassroomData());
    editors.push(again);
    expect(again.data.value.photos?.map((p) => p.sha256)).toEqual([photo.sha256]);
    expect(await db.photos.count()).toBe(1);
  });

  it('refuses a 21st photo in French, and the rest of the fiche is saved as usual', async () => {
    const photos = await Promise.all(Array.from({ length: 20 }, () => makeNewPhoto(64)));
    const { db, id, editor } = await opened(makeClassroomData({ label: 'CM1', photos: photos.map((p) => photoItem(p)) }));
    editor.set('pupils', 27);
    const extra = await makeNewPhoto();
    const error = await editor.addPhoto(extra, { subject: 'general' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoRefusedError);
    expect((error as Error).message).toMatch(/20 photos au plus/);
    expect(await db.photos.get(extra.sha256)).toBeUndefined();
    await editor.autosave.flush();
    expect((await stored(db, id)).data).toMatchObject({ pupils: 27 });
    expect((await stored(db, id)).data.photos).toHaveLength(20);
    expect(editor.autosave.phase.value).toBe('saved');
  });

  it('refuses the same photo twice', async () => {
    const { editor } = await opened();
    const photo = await makeNewPhoto();
    await editor.addPhoto(photo, { subject: 'display' });
    await expect(editor.addPhoto(photo, { subject: 'computer' })).rejects.toThrow('Cette photo figure déjà sur la fiche.');
    expect(editor.data.value.photos).toHaveLength(1);
  });

  it('refuses a new photo when the storage is past 80 % of the quota, and nothing else is affected', async () => {
    const { db, id, editor } = await opened();
    setStorageEstimator(async () => ({ usage: 850, quota: 1000 }));
    editor.set('pupils', 22);
    const photo = await makeNewPhoto();
    const error = await editor.addPhoto(photo, { subject: 'display' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoRefusedError);
    expect((error as Error).message).toMatch(/^Photo non enregistrée : le stockage de la tablette est occupé à 85 %/);
    expect([await db.photos.count(), (await stored(db, id)).rev]).toEqual([0, 1]);
    expect(editor.data.value.photos).toBeUndefined();
    await editor.autosave.flush();
    expect((await stored(db, id)).data.pupils).toBe(22);

    setStorageEstimator(async () => ({ usage: 790, quota: 1000 }));
    await editor.addPhoto(photo, { subject: 'display' });
    expect((await stored(db, id)).data.photos).toHaveLength(1);
  });

  it('says the storage is full when the write fails for want of space, and leaves the fiche as it was', async () => {
    const { db, id, editor } = await opened();
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    db.photos.hook('creating', full);
    const error = await editor.addPhoto(await makeNewPhoto(), { subject: 'display' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoRefusedError);
    expect((error as Error).message).toBe(STORAGE_FULL_MESSAGE);
    expect([await db.photos.count(), (await stored(db, id)).rev, editor.data.value.photos]).toEqual([0, 1, undefined]);
    db.photos.hook('creating').unsubscribe(full);
    editor.set('pupils', 23);
    await editor.autosave.flush();
    expect([(await stored(db, id)).data.pupils, editor.autosave.phase.value]).toEqual([23, 'saved']);
  });

  it('refuses a caption over 200 characters, naming it', async () => {
    const { db, editor } = await opened();
    const error = await editor.addPhoto(await makeNewPhoto(), { subject: 'display', caption: 'x'.repeat(201) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoRefusedError);
    expect((error as Error).message).toMatch(/^Photo non enregistrée : .*200/);
    expect(await db.photos.count()).toBe(0);
  });
});

describe('removePhoto and restorePhoto', () => {
  it('takes a photo off, keeps its image on the tablet, and puts it back at its place', async () => {
    const [a, b, c] = await Promise.all([makeNewPhoto(), makeNewPhoto(), makeNewPhoto()]);
    const { db, id, editor } = await opened();
    for (const photo of [a, b, c]) await editor.addPhoto(photo, { subject: 'display' });
    const removed = editor.removePhoto(b.sha256);
    expect(removed).toMatchObject({ index: 1, photo: { sha256: b.sha256 } });
    await editor.autosave.flush();
    expect((await stored(db, id)).data.photos?.map((p) => p.sha256)).toEqual([a.sha256, c.sha256]);
    expect(await db.photos.get(b.sha256)).toMatchObject({ blob: expect.any(Blob) });

    editor.restorePhoto(removed as NonNullable<typeof removed>);
    await editor.autosave.flush();
    expect((await stored(db, id)).data.photos?.map((p) => p.sha256)).toEqual([a.sha256, b.sha256, c.sha256]);
    expect(editor.removePhoto('0'.repeat(64))).toBeUndefined();
  });

  it('edits a caption as any field', async () => {
    const { db, id, editor } = await opened();
    await editor.addPhoto(await makeNewPhoto(), { subject: 'display' });
    editor.set('photos.0.caption', 'Câble HDMI arraché');
    await editor.autosave.flush();
    expect((await stored(db, id)).data.photos?.[0]?.caption).toBe('Câble HDMI arraché');
  });
});
