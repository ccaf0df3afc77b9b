// A photo's image and the fiche revision that references it are written in one transaction (issue 17): after any
// failure inside it, neither is on disk, and a database opened again (a reloaded tab) finds both or neither.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AuditDb } from '../../src/storage/db';
import { InvalidRecordError, saveRevision, type RevisionInput } from '../../src/storage/fiches';
import { writeDraft } from '../../src/storage/drafts';
import {
  freeUploadedPhotos, listWaitingPhotos, markUploaded, photosToUpload, photoTotals, PhotoMismatchError, putPhotos, storeFetchedPhoto,
} from '../../src/storage/photos';
import { makeClassroomData, makeClassroomFiche } from '../../src/model/make';
import type { Author, ClassroomData } from '../../src/model/types';
import { freshDb } from '../support/db';
import { makeNewPhoto, photoItem } from '../support/photos';

const author: Author = { name: 'Camille Martin', role: 'erun' };

function classroomInput(data: ClassroomData, id = crypto.randomUUID()): RevisionInput<'classroom'> {
  return { id, kind: 'classroom', uai: '0130569Y', campaign: '2026-2027', data, author };
}

/** The same database as a reloaded tab opens it: a new connection on the same name. */
async function reopened(db: AuditDb): Promise<AuditDb> {
  const again = new AuditDb(db.name);
  await again.open();
  return again;
}

describe('saveRevision with new photos', () => {
  it('writes the image with the revision that references it, and a reloaded tab finds both', async () => {
    const db = freshDb();
    const photo = await makeNewPhoto();
    const fiche = await saveRevision(db, classroomInput(makeClassroomData({ label: 'CM1', photos: [photoItem(photo)] })), { photos: [photo] });
    const again = await reopened(db);
    try {
      expect((await again.fiches.get(fiche.id))?.data).toMatchObject({ photos: [{ sha256: photo.sha256 }] });
      expect(await again.outbox.get(fiche.id)).toMatchObject({ rev: 1 });
      const row = await again.photos.get(photo.sha256);
      expect(row).toMatchObject({ sha256: photo.sha256, type: 'image/jpeg', bytes: photo.bytes });
      expect(row?.uploadedAt).toBeUndefined();
      expect(new Uint8Array(await (row?.blob as Blob).arrayBuffer())).toEqual(new Uint8Array(await photo.blob.arrayBuffer()));
      expect(row?.thumbnail?.size).toBe(photo.thumbnail?.size);
    } finally {
      again.close();
    }
  });

  it('writes neither when the transaction fails after the image was put', async () => {
    const db = freshDb();
    const input = classroomInput(makeClassroomData({ label: 'CM1' }));
    await saveRevision(db, input);
    const photo = await makeNewPhoto();
    let imagePut = false;
    db.photos.hook('creating', () => {
      imagePut = true;
    });
    db.outbox.hook('updating', () => {
      throw new Error('disque plein');
    });
    await expect(saveRevision(db, { ...input, data: makeClassroomData({ label: 'CM1', photos: [photoItem(photo)] }) }, { photos: [photo] })).rejects.toThrow('disque plein');
    expect(imagePut).toBe(true);
    const again = await reopened(db);
    try {
      expect(await again.photos.count()).toBe(0);
      expect((await again.fiches.get(input.id))?.data.photos).toBeUndefined();
      expect(await again.outbox.get(input.id)).toMatchObject({ rev: 1 });
    } finally {
      again.close();
    }
  });

  it('writes neither when the first save of a fiche fails on its fiche row', async () => {
    const db = freshDb();
    const photo = await makeNewPhoto();
    db.fiches.hook('creating', () => {
      throw new Error('quota dépassé');
    });
    await expect(saveRevision(db, classroomInput(makeClassroomData({ photos: [photoItem(photo)] })), { photos: [photo] })).rejects.toThrow('quota dépassé');
    expect([await db.photos.count(), await db.fiches.count(), await db.outbox.count()]).toEqual([0, 0, 0]);
  });

  it('writes neither when the revision is invalid', async () => {
    const db = freshDb();
    const photo = await makeNewPhoto();
    const error = await saveRevision(db, classroomInput(makeClassroomData({ pupils: 41, photos: [photoItem(photo)] })), { photos: [photo] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRecordError);
    expect([await db.photos.count(), await db.fiches.count()]).toEqual([0, 0]);
  });

  it('refuses an image the revision does not reference, and writes nothing', async () => {
    const db = freshDb();
    const [kept, stray] = [await makeNewPhoto(), await makeNewPhoto()];
    const input = classroomInput(makeClassroomData({ photos: [photoItem(kept)] }));
    await expect(saveRevision(db, input, { photos: [kept, stray] })).rejects.toBeInstanceOf(PhotoMismatchError);
    expect([await db.photos.count(), await db.fiches.count(), await db.outbox.count()]).toEqual([0, 0, 0]);
  });

  it('refuses an image whose bytes do not hash to its name, or whose size or type is not the one referenced', async () => {
    const db = freshDb();
    const photo = await makeNewPhoto();
    const other = await makeNewPhoto();
    const renamed = { ...other, sha256: photo.sha256 };
    await expect(saveRevision(db, classroomInput(makeClassroomData({ photos: [photoItem(photo)] })), { photos: [renamed] })).rejects.toThrow(/empreinte/);
    const wrongSize = classroomInput(makeClassroomData({ photos: [{ ...photoItem(photo), bytes: photo.bytes + 1 }] }));
    await expect(saveRevision(db, wrongSize, { photos: [photo] })).rejects.toThrow(/taille/);
    const wrongType = classroomInput(makeClassroomData({ photos: [{ ...photoItem(photo), type: 'image/webp' }] }));
    await expect(saveRevision(db, wrongType, { photos: [photo] })).rejects.toThrow(/JPEG ou WebP/);
    expect([await db.photos.count(), await db.fiches.count()]).toEqual([0, 0]);
  });

  it('puts the new photo into a draft left with invalid typing, so that the draft never reads as its removal', async () => {
    const db = freshDb();
    const input = classroomInput(makeClassroomData({ label: 'CM1', pupils: 20 }));
    await saveRevision(db, input);
    const typed = makeClassroomData({ label: 'CM1', pupils: 20, computer: { year: 1890 } });
    await writeDraft(db, { ...input, data: typed, base: input.data, editedAt: '2026-11-30T09:00:00.000Z' });
    const photo = await makeNewPhoto();
    const fiche = await saveRevision(db, { ...input, data: makeClassroomData({ label: 'CM1', pupils: 20, photos: [photoItem(photo)] }) }, { photos: [photo] });
    const draft = await db.drafts.get(input.id);
    expect(draft?.data).toMatchObject({ computer: { year: 1890 }, photos: [{ sha256: photo.sha256 }] });
    expect(draft?.base).toEqual(fiche.data);
  });

  it('keeps what is known of an image held already (the server holds it) when it is written again', async () => {
    const db = freshDb();
    const photo = await makeNewPhoto();
    await db.transaction('rw', db.photos, () => putPhotos(db, [photo], new Date('2026-11-30T08:00:00Z')));
    await markUploaded(db, photo.sha256, new Date('2026-11-30T08:05:00Z'));
    await freeUploadedPhotos(db);
    await saveRevision(db, classroomInput(makeClassroomData({ photos: [photoItem(photo)] })), { photos: [photo] });
    expect(await db.photos.get(photo.sha256)).toMatchObject({ uploadedAt: '2026-11-30T08:05:00.000Z', storedAt: '2026-11-30T08:00:00.000Z', blob: expect.any(Blob) });
  });
});

describe('the photos table', () => {
  async function threePhotos(db: AuditDb) {
    const [sent, waiting, fetched] = [await makeNewPhoto(1000), await makeNewPhoto(3000), await makeNewPhoto(5000)];
    await db.transaction('rw', db.photos, () => putPhotos(db, [sent, waiting], new Date('2026-11-30T08:00:00Z')));
    await markUploaded(db, sent.sha256);
    await storeFetchedPhoto(db, { sha256: fetched.sha256, type: fetched.type, blob: fetched.blob });
    return { sent, waiting, fetched };
  }

  it('lists for upload only the images held in full that the server has not acknowledged, once each', async () => {
    const db = freshDb();
    const { sent, waiting, fetched } = await threePhotos(db);
    const absent = await makeNewPhoto();
    const rows = await photosToUpload(db, [sent.sha256, waiting.sha256, absent.sha256, fetched.sha256, waiting.sha256]);
    expect(rows.map((r) => r.sha256)).toEqual([waiting.sha256]);
    expect((await listWaitingPhotos(db)).map((r) => r.sha256)).toEqual([waiting.sha256]);
  });

  it('counts the space the images take, apart those the server holds and those waiting to be sent', async () => {
    const db = freshDb();
    const { sent, waiting } = await threePhotos(db);
    const thumbnails = (sent.thumbnail?.size ?? 0) + (waiting.thumbnail?.size ?? 0);
    expect(await photoTotals(db)).toEqual({
      count: 3,
      bytes: 1000 + 3000 + 5000 + thumbnails,
      uploaded: { count: 2, bytes: 6000 },
      waiting: { count: 1, bytes: 3000 },
    });
  });

  it('frees the full images the server holds, keeps their thumbnails, and never touches one not uploaded', async () => {
    const db = freshDb();
    const { sent, waiting, fetched } = await threePhotos(db);
    expect(await freeUploadedPhotos(db)).toEqual({ count: 2, bytes: 6000 });
    const [a, b, c] = await db.photos.bulkGet([sent.sha256, waiting.sha256, fetched.sha256]);
    expect([a?.blob, a?.thumbnail?.size]).toEqual([undefined, sent.thumbnail?.size]);
    expect(b?.blob?.size).toBe(3000);
    expect(c).toMatchObject({ sha256: fetched.sha256, bytes: 5000 });
    expect(c?.blob).toBeUndefined();
    expect(await freeUploadedPhotos(db)).toEqual({ count: 0, bytes: 0 });
    expect((await photoTotals(db)).uploaded).toEqual({ count: 0, bytes: 0 });
  });
});

describe('upgrade to version 3', () => {
  it('keeps what a version-2 tablet holds and adds an empty photos table', async () => {
    const db = freshDb();
    // Versions 1 and 2 as src/storage/db.ts declares them (released: never edited).
    const v2 = new Dexie(db.name);
    v2.version(1).stores({ schools: 'uai, communeCode, circonscription, chefDeFile', fiches: 'id, [campaign+uai], updatedAt', outbox: 'id, queuedAt', drafts: 'id' });
    v2.version(2).stores({ bases: 'id', arbitrations: 'id', notices: '++seq, ficheId', meta: 'key' });
    const fiche = makeClassroomFiche({ rev: 2, author, data: { label: 'CM2', pupils: 25 } });
    await v2.open();
    await v2.table('fiches').add(fiche);
    await v2.table('outbox').add({ id: fiche.id, rev: 2, record: fiche, queuedAt: fiche.updatedAt });
    await v2.table('meta').add({ key: 'cursor', value: '41' });
    v2.close();

    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.fiches.get(fiche.id)).toEqual(fiche);
    expect(await db.outbox.get(fiche.id)).toMatchObject({ rev: 2 });
    expect(await db.meta.get('cursor')).toEqual({ key: 'cursor', value: '41' });
    expect(await db.photos.count()).toBe(0);
  });
});
