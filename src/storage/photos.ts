// The images of the fiches' photos on the device (db.ts, StoredPhoto). A new image is written only with the revision
// that references it (fiches.ts, saveRevision): there is never an image the fiches do not know of, nor a fiche saved
// here that names an image the tablet lacks. The sync uploads the images before the fiches (sync/sync-run.ts); once
// the server holds one, its full image may be freed and the thumbnail kept.
import type { AuditDb, StoredPhoto } from './db';
import { PHOTO_MAX_BYTES, PHOTO_TYPES } from '../model/schema';
import type { Photo, PhotoType } from '../model/types';

export type { StoredPhoto };

/** An image just prepared (src/photos, preparePhoto's CompressedPhoto fits): what saveRevision writes with its fiche. */
export interface NewPhoto {
  sha256: string;
  type: PhotoType;
  bytes: number;
  blob: Blob;
  thumbnail?: Blob;
}

/** Lower-case hex SHA-256 of a blob's bytes: the name the server checks an image against. */
export async function sha256Of(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** An image that cannot be written with this revision: a caller's mistake, refused before anything is written. */
export class PhotoMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhotoMismatchError';
  }
}

/**
 * Each new image must be one the revision references, with the type and size the reference says, and hash to its
 * name: an image stored under a wrong name would be refused by the server (400) after the fiche was saved on it.
 */
export async function checkNewPhotos(references: readonly Photo[] | undefined, photos: readonly NewPhoto[]): Promise<void> {
  for (const photo of photos) {
    const item = references?.find((p) => p.sha256 === photo.sha256);
    if (!item) throw new PhotoMismatchError(`La photo ${photo.sha256.slice(0, 12)}… n'est pas sur la fiche enregistrée : elle n'est pas gardée.`);
    if (!(PHOTO_TYPES as readonly string[]).includes(photo.type) || photo.type !== item.type) {
      throw new PhotoMismatchError(`La photo ${photo.sha256.slice(0, 12)}… n'est pas une image JPEG ou WebP conforme à la fiche.`);
    }
    if (photo.blob.size !== photo.bytes || photo.bytes !== item.bytes || photo.bytes > PHOTO_MAX_BYTES) {
      throw new PhotoMismatchError(`La photo ${photo.sha256.slice(0, 12)}… n'a pas la taille annoncée (ou dépasse 2 Mio).`);
    }
    if ((await sha256Of(photo.blob)) !== photo.sha256) {
      throw new PhotoMismatchError(`La photo ${photo.sha256.slice(0, 12)}… ne correspond pas à son empreinte : elle n'est pas gardée.`);
    }
  }
}

/**
 * Within the caller's transaction: writes the images. One already held keeps its row (when it was stored, whether
 * the server holds it) and gets back a full image or thumbnail it had freed.
 */
export async function putPhotos(db: AuditDb, photos: readonly NewPhoto[], now: Date): Promise<void> {
  for (const photo of photos) {
    const held = await db.photos.get(photo.sha256);
    await db.photos.put({
      sha256: photo.sha256,
      type: photo.type,
      bytes: photo.bytes,
      blob: photo.blob,
      ...(photo.thumbnail ? { thumbnail: photo.thumbnail } : held?.thumbnail ? { thumbnail: held.thumbnail } : {}),
      ...(held?.uploadedAt ? { uploadedAt: held.uploadedAt } : {}),
      storedAt: held?.storedAt ?? now.toISOString(),
    });
  }
}

export function getPhoto(db: AuditDb, sha256: string): Promise<StoredPhoto | undefined> {
  return db.photos.get(sha256);
}

/** Of `hashes` (in their order, once each): the images held here in full that the server has not said it holds. */
export async function photosToUpload(db: AuditDb, hashes: readonly string[]): Promise<StoredPhoto[]> {
  const unique = [...new Set(hashes)];
  const rows = await db.photos.bulkGet(unique);
  return rows.filter((row): row is StoredPhoto => row !== undefined && row.blob !== undefined && row.uploadedAt === undefined);
}

/** The server answered that it holds the image (200 or 201). */
export async function markUploaded(db: AuditDb, sha256: string, now = new Date()): Promise<void> {
  await db.photos.where(':id').equals(sha256).modify((row) => {
    row.uploadedAt ??= now.toISOString();
  });
}

/**
 * The server said it lacks these images after all (a fiche refused "photo non reçue": another server now, or one
 * restored without its photos): those still held in full here are to be uploaded again. Answers which.
 */
export function forgetUploaded(db: AuditDb, hashes: readonly string[]): Promise<string[]> {
  return db.transaction('rw', db.photos, async () => {
    const again: string[] = [];
    await db.photos.where(':id').anyOf([...hashes]).modify((row) => {
      if (!row.blob) return;
      delete row.uploadedAt;
      again.push(row.sha256);
    });
    return again;
  });
}

/** An image fetched from the server (a photo another tablet took): kept, as held by the server. */
export async function storeFetchedPhoto(db: AuditDb, photo: { sha256: string; type: PhotoType; blob: Blob }, now = new Date()): Promise<void> {
  await db.transaction('rw', db.photos, async () => {
    const held = await db.photos.get(photo.sha256);
    await db.photos.put({
      ...held,
      sha256: photo.sha256,
      type: photo.type,
      bytes: photo.blob.size,
      blob: photo.blob,
      uploadedAt: held?.uploadedAt ?? now.toISOString(),
      storedAt: held?.storedAt ?? now.toISOString(),
    });
  });
}

export interface PhotoTotals {
  /** Photos with an image (full or thumbnail) on the device, and the bytes those take. */
  count: number;
  bytes: number;
  /** Of those: full images the server holds, which freeing would drop. */
  uploaded: { count: number; bytes: number };
  /** Full images the server does not hold yet: they leave only with a sync (or a backup). */
  waiting: { count: number; bytes: number };
}

export function totalsOf(rows: readonly StoredPhoto[]): PhotoTotals {
  const totals: PhotoTotals = { count: 0, bytes: 0, uploaded: { count: 0, bytes: 0 }, waiting: { count: 0, bytes: 0 } };
  for (const row of rows) {
    const full = row.blob?.size ?? 0;
    const size = full + (row.thumbnail?.size ?? 0);
    if (!row.blob && !row.thumbnail) continue;
    totals.count += 1;
    totals.bytes += size;
    if (!row.blob) continue;
    const part = row.uploadedAt ? totals.uploaded : totals.waiting;
    part.count += 1;
    part.bytes += full;
  }
  return totals;
}

export async function photoTotals(db: AuditDb): Promise<PhotoTotals> {
  return totalsOf(await db.photos.toArray());
}

/**
 * Drops the full image of every photo the server holds, keeping its thumbnail (the form still shows it; the full
 * image comes back from the server when opened). One not uploaded is never touched. Answers the bytes freed.
 */
export function freeUploadedPhotos(db: AuditDb): Promise<{ count: number; bytes: number }> {
  return db.transaction('rw', db.photos, async () => {
    let count = 0;
    let bytes = 0;
    await db.photos.where('uploadedAt').above('').modify((row) => {
      if (!row.blob) return;
      count += 1;
      bytes += row.blob.size;
      delete row.blob;
    });
    return { count, bytes };
  });
}

/** The full images the server does not hold yet, oldest first (a device backup carries them). */
export async function listWaitingPhotos(db: AuditDb): Promise<StoredPhoto[]> {
  const rows = await db.photos.toArray();
  return rows.filter((row) => row.blob !== undefined && row.uploadedAt === undefined).sort((a, b) => a.storedAt.localeCompare(b.storedAt));
}

/** `data` with the photo items it lacks appended (by sha256), unchanged (the same object) when it has them all. */
export function withPhotos<T extends { photos?: Photo[] }>(data: T, items: readonly Photo[]): T {
  const held = new Set((data.photos ?? []).map((p) => p.sha256));
  const missing = items.filter((item) => !held.has(item.sha256));
  return missing.length === 0 ? data : { ...data, photos: [...(data.photos ?? []), ...missing] };
}
