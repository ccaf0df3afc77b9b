// What a form shows of a photo: the image on the tablet, else the server's (fetched once, kept, as the server holds
// it), else its thumbnail, else nothing (the screen then says "Photo sur le serveur : visible une fois connecté").
// A photo another tablet took comes with its fiche's pull but not its image: that is fetched only when opened.
import { getPhoto, sha256Of, storeFetchedPhoto } from '../storage/photos';
import { getSyncSettings } from '../storage/prefs';
import { getAttachment } from '../sync/attachments';
import { deviceDb } from './device-db';
import { endpointOf } from './sync';

export type PhotoSize = 'thumbnail' | 'full';

/** An object URL of the image (the caller revokes it with URL.revokeObjectURL once it is off the screen), and what it
 * is: `full` may be given for a thumbnail asked for that is not on the tablet, `thumbnail` for a full image not there. */
export interface ShownPhoto {
  url: string;
  size: PhotoSize;
}

/** Fetches of one image under way: a form showing it twice asks the server once. Not cancelled by a screen that
 * leaves: another may be waiting for it, and what comes is kept for the next time anyway. */
const fetching = new Map<string, Promise<Blob | undefined>>();

/**
 * The image from the server, kept on the tablet as held there; undefined when no sync is set up, the server does not
 * answer or does not hold it, or what comes back is not the image of that name.
 */
export function fetchPhoto(sha256: string): Promise<Blob | undefined> {
  let asked = fetching.get(sha256);
  if (!asked) {
    asked = fetchOnce(sha256).finally(() => fetching.delete(sha256));
    fetching.set(sha256, asked);
  }
  return asked;
}

async function fetchOnce(sha256: string): Promise<Blob | undefined> {
  const settings = await getSyncSettings();
  const endpoint = settings.token.trim() ? endpointOf(settings) : null;
  if (!endpoint) return undefined;
  try {
    const outcome = await getAttachment(endpoint, sha256);
    if (outcome.kind !== 'answered' || (await sha256Of(outcome.response.blob)) !== sha256) return undefined;
    await storeFetchedPhoto(deviceDb(), { sha256, type: outcome.response.type, blob: outcome.response.blob });
    return outcome.response.blob;
  } catch (error) {
    console.warn('photo fetch failed', error);
    return undefined;
  }
}

const shown = (blob: Blob, size: PhotoSize): ShownPhoto => ({ url: URL.createObjectURL(blob), size });

/** The photo `sha256` as an object URL of the size asked for, as near as the tablet and the network allow. */
export async function photoUrl(sha256: string, options: { size?: PhotoSize } = {}): Promise<ShownPhoto | undefined> {
  const size = options.size ?? 'thumbnail';
  const held = await getPhoto(deviceDb(), sha256);
  if (size === 'thumbnail' && held?.thumbnail) return shown(held.thumbnail, 'thumbnail');
  if (held?.blob) return shown(held.blob, 'full');
  const fetched = await fetchPhoto(sha256);
  if (fetched) return shown(fetched, 'full');
  return held?.thumbnail ? shown(held.thumbnail, 'thumbnail') : undefined;
}
