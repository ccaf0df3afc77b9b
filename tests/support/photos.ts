// Photos for tests: an image's bytes (JPEG markers around random bytes: what the device stores and sends is only
// bytes and a hash), the NewPhoto the compress worker would hand over, and the item a fiche references.
import { sha256Of, type NewPhoto } from '../../src/storage/photos';
import type { Photo, PhotoSubject } from '../../src/model/types';

export async function makeNewPhoto(size = 2048, type: NewPhoto['type'] = 'image/jpeg'): Promise<NewPhoto> {
  const bytes = new Uint8Array(size);
  crypto.getRandomValues(bytes);
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  bytes.set([0xff, 0xd9], size - 2);
  const blob = new Blob([bytes], { type });
  const thumbnail = new Blob([bytes.slice(0, 256)], { type });
  return { sha256: await sha256Of(blob), type, bytes: size, blob, thumbnail };
}

export function photoItem(photo: Pick<NewPhoto, 'sha256' | 'type' | 'bytes'>, subject: PhotoSubject = 'display', caption: string | null = null): Photo {
  return { sha256: photo.sha256, type: photo.type, bytes: photo.bytes, takenAt: '2026-11-30T09:00:00.000Z', subject, caption };
}
