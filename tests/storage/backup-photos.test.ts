// A device backup carries the images the server does not hold yet (the only copy may be on this tablet), and an import
// writes them with the fiches that name them, in one transaction (issue 17).
import { describe, expect, it } from 'vitest';
import { readBackup, type DeviceBackup } from '../../src/model/backup';
import { makeClassroomData } from '../../src/model/make';
import type { Author } from '../../src/model/types';
import type { AuditDb } from '../../src/storage/db';
import { BackupPhotoError, exportBackup, importBackup } from '../../src/storage/backup';
import { saveRevision } from '../../src/storage/fiches';
import { markUploaded, photosToUpload, putPhotos } from '../../src/storage/photos';
import { freshDb } from '../support/db';
import { makeNewPhoto, photoItem } from '../support/photos';

const author: Author = { name: 'Camille Martin', role: 'erun' };
const settings: DeviceBackup['settings'] = { auditor: author, campaign: '2026-2027', referential: null };

/** A tablet with one fiche naming two photos, one the server holds already, and an image no fiche names. */
async function tabletWithPhotos() {
  const db = freshDb();
  const [waiting, sent, stray] = [await makeNewPhoto(3000), await makeNewPhoto(2000), await makeNewPhoto(1000)];
  const fiche = await saveRevision(
    db,
    { id: crypto.randomUUID(), kind: 'classroom', uai: '0130569Y', campaign: '2026-2027', data: makeClassroomData({ label: 'CE1', photos: [photoItem(waiting), photoItem(sent, 'network')] }), author },
    { photos: [waiting, sent] },
  );
  await markUploaded(db, sent.sha256);
  await db.transaction('rw', db.photos, () => putPhotos(db, [stray], new Date()));
  return { db, fiche, waiting, sent, stray };
}

async function handOver(db: AuditDb): Promise<DeviceBackup> {
  const reading = readBackup(JSON.stringify(await exportBackup(db, 'tablette-a', settings)));
  if (!reading.ok) throw new Error(reading.message);
  return reading.backup;
}

describe('a backup with photos', () => {
  it('carries the images the server does not hold that a fiche names, and the other tablet takes them with the fiche', async () => {
    const { db, fiche, waiting, sent } = await tabletWithPhotos();
    const backup = await handOver(db);
    expect(backup.photos?.map((p) => p.sha256)).toEqual([waiting.sha256]);

    const other = freshDb();
    await importBackup(other, backup);
    expect((await other.fiches.get(fiche.id))?.data.photos?.map((p) => p.sha256)).toEqual([waiting.sha256, sent.sha256]);
    const row = await other.photos.get(waiting.sha256);
    expect(new Uint8Array(await (row?.blob as Blob).arrayBuffer())).toEqual(new Uint8Array(await waiting.blob.arrayBuffer()));
    // Sent from there: the image first (the fiche is in its outbox), the one the server holds is fetched when opened.
    expect((await photosToUpload(other, [waiting.sha256, sent.sha256])).map((r) => r.sha256)).toEqual([waiting.sha256]);
    expect(await other.outbox.get(fiche.id)).toMatchObject({ rev: 1 });
  });

  it('refuses the whole file when an image does not hash to its name, and imports nothing', async () => {
    const { db } = await tabletWithPhotos();
    const backup = await handOver(db);
    const other = await makeNewPhoto(3000);
    const tampered = { ...backup, photos: [{ ...(backup.photos?.[0] as NonNullable<DeviceBackup['photos']>[number]), base64: Buffer.from(await other.blob.arrayBuffer()).toString('base64') }] };
    const target = freshDb();
    await expect(importBackup(target, tampered)).rejects.toBeInstanceOf(BackupPhotoError);
    expect([await target.fiches.count(), await target.photos.count()]).toEqual([0, 0]);
  });

  it('writes no image when the import fails inside its transaction', async () => {
    const { db } = await tabletWithPhotos();
    const backup = await handOver(db);
    const target = freshDb();
    target.outbox.hook('creating', () => {
      throw new Error('disque plein');
    });
    await expect(importBackup(target, backup)).rejects.toThrow('disque plein');
    expect([await target.fiches.count(), await target.photos.count()]).toEqual([0, 0]);
  });

  it('refuses a file whose photo entry cannot be read, naming it, and still reads a backup made before photos', async () => {
    const { db } = await tabletWithPhotos();
    const exported = await exportBackup(db, 'tablette-a', settings);
    const broken = readBackup(JSON.stringify({ ...exported, photos: [{ sha256: 'abc', type: 'image/png', base64: '!!' }] }));
    expect(broken).toEqual({ ok: false, message: expect.stringMatching(/^Photo n° 1 de la sauvegarde illisible .*Rien n'a été importé\.$/) });
    const { photos: _photos, ...older } = exported;
    const reading = readBackup(JSON.stringify(older));
    expect(reading.ok && reading.backup.photos).toBeUndefined();
  });
});
