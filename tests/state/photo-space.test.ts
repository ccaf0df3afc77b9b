// The space photos take, the 80 % rule for new ones, and freeing the images the server holds (issue 17).
import { afterEach, describe, expect, it } from 'vitest';
import {
  freeUploadedPhotos, isQuotaError, photoRefusal, photoSpace, PHOTO_QUOTA_RATIO, setStorageEstimator, storageFigures,
} from '../../src/state/photo-space';
import { markUploaded, putPhotos } from '../../src/storage/photos';
import { freshDeviceDb } from '../support/db';
import { makeNewPhoto } from '../support/photos';

afterEach(() => setStorageEstimator(undefined));

describe('photoRefusal', () => {
  it('lets a new photo in below 80 % of the quota and refuses it from 80 % on, saying how full the tablet is', () => {
    expect(PHOTO_QUOTA_RATIO).toBe(0.8);
    expect(photoRefusal({ usage: 799, quota: 1000 })).toBeNull();
    expect(photoRefusal({ usage: 800, quota: 1000 })).toMatch(/^Photo non enregistrée : le stockage de la tablette est occupé à 80 % .*Le reste de la fiche est enregistré\./);
    expect(photoRefusal({ usage: 1200, quota: 1000 })).toMatch(/occupé à 120 %/);
  });

  it('lets it in when the browser gives no figures: the write itself then fails whole if the disk is full', () => {
    expect(photoRefusal(null)).toBeNull();
    expect(photoRefusal({ usage: 10, quota: 0 })).toBeNull();
  });
});

describe('storageFigures', () => {
  it('reads the estimate, and gives none when it lacks figures or fails', async () => {
    setStorageEstimator(async () => ({ usage: 5, quota: 50 }));
    expect(await storageFigures()).toEqual({ usage: 5, quota: 50 });
    setStorageEstimator(async () => ({}));
    expect(await storageFigures()).toBeNull();
    setStorageEstimator(async () => undefined);
    expect(await storageFigures()).toBeNull();
    setStorageEstimator(() => Promise.reject(new Error('SecurityError')));
    expect(await storageFigures()).toBeNull();
  });
});

describe('photoSpace and freeUploadedPhotos', () => {
  it('shows the photos on the tablet with the storage figures, and frees only the images the server holds', async () => {
    const db = freshDeviceDb();
    const [sent, waiting] = [await makeNewPhoto(4000), await makeNewPhoto(6000)];
    await db.transaction('rw', db.photos, () => putPhotos(db, [sent, waiting], new Date()));
    await markUploaded(db, sent.sha256);
    setStorageEstimator(async () => ({ usage: 900_000, quota: 1_000_000 }));
    const thumbnails = (sent.thumbnail?.size ?? 0) + (waiting.thumbnail?.size ?? 0);

    expect(await photoSpace()).toEqual({
      count: 2, bytes: 10_000 + thumbnails, uploaded: { count: 1, bytes: 4000 }, waiting: { count: 1, bytes: 6000 },
      usage: 900_000, quota: 1_000_000, ratio: 0.9,
    });
    expect(await freeUploadedPhotos()).toEqual({ count: 1, bytes: 4000 });
    expect(await photoSpace()).toMatchObject({ count: 2, bytes: 6000 + thumbnails, uploaded: { count: 0, bytes: 0 }, waiting: { count: 1, bytes: 6000 } });
    expect((await db.photos.get(waiting.sha256))?.blob?.size).toBe(6000);
  });

  it('says so when the browser gives no figures', async () => {
    freshDeviceDb();
    setStorageEstimator(async () => undefined);
    expect(await photoSpace()).toMatchObject({ count: 0, bytes: 0, usage: null, quota: null, ratio: null });
  });
});

describe('isQuotaError', () => {
  it('recognises the browser’s quota error, also wrapped as Dexie wraps it', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError(Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota }))).toBe(true);
    expect(isQuotaError(new Error('ConstraintError'))).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
  });
});
