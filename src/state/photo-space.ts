// The space photos take on the tablet, and whether a new one may be stored (issue 17: past 80 % of the quota new
// photos are refused, nothing else is). The rule is a plain function of the browser's estimate; the shell reads the
// photos table and navigator.storage.estimate(), which tests replace.
import { freeUploadedPhotos as freeUploaded, photoTotals, type PhotoTotals } from '../storage/photos';
import { deviceDb } from './device-db';

/** New photos are refused from this share of the origin's quota on. */
export const PHOTO_QUOTA_RATIO = 0.8;

/** What the browser says of the origin's storage, in bytes. */
export interface StorageFigures {
  usage: number;
  quota: number;
}

export interface PhotoSpace extends PhotoTotals {
  /** null: the browser does not say (no StorageManager, or an estimate without figures). */
  usage: number | null;
  quota: number | null;
  ratio: number | null;
}

/** A photo not stored, and why, in French; nothing else of the fiche is affected. */
export class PhotoRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhotoRefusedError';
  }
}

export const STORAGE_FULL_MESSAGE =
  "Photo non enregistrée : l'espace de stockage de la tablette est plein. Le reste de la fiche est enregistré. Libérez les photos déjà envoyées au serveur (écran Appareil) puis réessayez.";

/**
 * Why a new photo may not be stored, or null when it may. Without figures it may: the browser that does not say
 * (an older Safari, a private window) would otherwise lose photos altogether, and a write past the real quota fails
 * whole (the image goes with its revision or not at all, storage/fiches.ts), which is then said (STORAGE_FULL_MESSAGE).
 */
export function photoRefusal(figures: StorageFigures | null): string | null {
  if (!figures || !(figures.quota > 0)) return null;
  const ratio = figures.usage / figures.quota;
  if (ratio < PHOTO_QUOTA_RATIO) return null;
  return `Photo non enregistrée : le stockage de la tablette est occupé à ${Math.floor(ratio * 100)} % (au-delà de ${PHOTO_QUOTA_RATIO * 100} %, les nouvelles photos sont refusées). Le reste de la fiche est enregistré. Libérez les photos déjà envoyées au serveur (écran Appareil) puis réessayez.`;
}

/** The browser's "no space left", as IndexedDB or Dexie report it (Dexie wraps it in an AbortError's `inner`). */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { inner?: unknown }).inner, depth += 1) {
    const name = (e as { name?: unknown }).name;
    if (name === 'QuotaExceededError' || (e instanceof Error && /quota/i.test(e.message))) return true;
  }
  return false;
}

type Estimator = () => Promise<StorageEstimate | undefined>;

const browserEstimate: Estimator = async () => {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  return typeof storage?.estimate === 'function' ? storage.estimate() : undefined;
};

let estimator: Estimator = browserEstimate;

/** Tests give their own estimate; undefined puts the browser's back. */
export function setStorageEstimator(replacement: Estimator | undefined): void {
  estimator = replacement ?? browserEstimate;
}

/** The browser's figures, or null when it gives none (or fails to). */
export async function storageFigures(): Promise<StorageFigures | null> {
  try {
    const estimate = await estimator();
    if (typeof estimate?.usage !== 'number' || typeof estimate.quota !== 'number') return null;
    return { usage: estimate.usage, quota: estimate.quota };
  } catch {
    return null;
  }
}

/** Throws PhotoRefusedError when the tablet is too full for a new photo. */
export async function assertRoomForPhoto(): Promise<void> {
  const refusal = photoRefusal(await storageFigures());
  if (refusal) throw new PhotoRefusedError(refusal);
}

/** For the device screen: the photos on the tablet, what the server holds of them, and the storage's figures. */
export async function photoSpace(): Promise<PhotoSpace> {
  const [totals, figures] = await Promise.all([photoTotals(deviceDb()), storageFigures()]);
  const ratio = figures && figures.quota > 0 ? figures.usage / figures.quota : null;
  return { ...totals, usage: figures?.usage ?? null, quota: figures?.quota ?? null, ratio };
}

/** "Libérer les photos envoyées": drops the full images the server holds (thumbnails stay); the bytes freed. */
export function freeUploadedPhotos(): Promise<{ count: number; bytes: number }> {
  return freeUploaded(deviceDb());
}
