// The page's side of the photo worker: started on the first photo (nothing of it is fetched before), one photo at a
// time (a 12-megapixel photo decoded takes 48 MB: five picked at once must not take five times that), and ended
// after a quiet spell, since it holds nothing between photos. Where there is no Worker the pipeline runs here.
import { createWorkerBridge } from '../workers/worker-bridge';
import { PhotoError } from '../photos/photo-error';
import type { CompressedPhoto } from '../photos/compress';
import type { PhotoWorkerApi } from '../photos/photo.worker';

export { PhotoError, type CompressedPhoto };

/** The photo worker holds nothing between photos: ended after this quiet spell, its memory goes back. */
const PHOTO_WORKER_IDLE_MS = 30_000;

const photoWorker = createWorkerBridge<PhotoWorkerApi>({
  start: () => new Worker(new URL('../photos/photo.worker.ts', import.meta.url), { type: 'module' }),
  inThread: async () => ({ compressPhoto: (await import('../photos/compress')).compressPhoto }),
  idleMs: PHOTO_WORKER_IDLE_MS,
});

/**
 * The photo as the tablet keeps it: upright, resized, compressed, its metadata gone, with its thumbnail and hash.
 * Rejects with a PhotoError (a French message for the user) when the file is not an image the browser can read.
 */
export async function preparePhoto(file: Blob, signal?: AbortSignal): Promise<CompressedPhoto> {
  try {
    return await photoWorker.call((api) => api.compressPhoto(file), signal);
  } catch (error) {
    // Comlink sends an error back as a plain Error with its name and message: make it a PhotoError again.
    if (!(error instanceof PhotoError) && error instanceof Error && error.name === 'PhotoError') throw new PhotoError(error.message);
    throw error;
  }
}
