// The images of photos, by the SHA-256 of their bytes (sync.md v2, attachments): PUT before the fiches that name
// them, GET when a form shows a photo another tablet took. Next to the sync endpoint, as `changes` is.
import { PHOTO_TYPES } from '../model/schema';
import type { PhotoType } from '../model/types';
import { request, type Endpoint, type Outcome } from './transport';

/** …/api/v1/attachments/<sha256> for an endpoint …/api/v1/sync. */
export function attachmentUrl(endpoint: Endpoint, sha256: string): string {
  return new URL(`attachments/${sha256}`, endpoint.url).href;
}

/** The body of an answer not read is let go, so that the connection serves the next request. */
async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // nothing held
  }
}

/** Stores the image (idempotent): `created` for a 201, false for a 200 (the server held it already). */
export function putAttachment(endpoint: Endpoint, sha256: string, blob: Blob, type: PhotoType, signal?: AbortSignal): Promise<Outcome<{ created: boolean }>> {
  const init = { method: 'PUT', headers: { 'Content-Type': type }, body: blob };
  return request(attachmentUrl(endpoint, sha256), endpoint, init, async (response) => {
    await discard(response);
    return { created: response.status === 201 };
  }, signal);
}

/** The image the server holds under that hash, with its type; a type other than JPEG or WebP is unreadable. */
export function getAttachment(endpoint: Endpoint, sha256: string, signal?: AbortSignal): Promise<Outcome<{ blob: Blob; type: PhotoType }>> {
  return request(attachmentUrl(endpoint, sha256), endpoint, { method: 'GET' }, async (response) => {
    const type = (response.headers.get('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() as PhotoType;
    if (!PHOTO_TYPES.includes(type)) {
      await discard(response);
      return undefined;
    }
    const bytes = await response.arrayBuffer();
    return { blob: new Blob([bytes], { type }), type };
  }, signal);
}
