// The photos of a store with nothing on disk (SQLite's ':memory:', the tests that open one): a map, gone with the
// process, as the database is.
import { SHA256_PATTERN } from '../../../../src/model/schema';
import type { PhotoType } from '../../../../src/model/types';
import type { AttachmentStore } from '../store';

export function memoryAttachments(): AttachmentStore {
  const kept = new Map<string, { type: PhotoType; bytes: Uint8Array }>();
  return {
    async put(sha256, type, bytes) {
      if (!SHA256_PATTERN.test(sha256)) throw new Error(`not a SHA-256: ${sha256.slice(0, 80)}`);
      if (kept.has(sha256)) return 'held';
      // A copy: the caller's buffer may be reused.
      kept.set(sha256, { type, bytes: Uint8Array.from(bytes) });
      return 'created';
    },
    async get(sha256) {
      const photo = kept.get(sha256);
      return photo === undefined ? undefined : { type: photo.type, bytes: Uint8Array.from(photo.bytes) };
    },
    async held(sha256s) {
      return new Set(sha256s.filter((sha256) => kept.has(sha256)));
    },
    async info(sha256s) {
      return new Map(sha256s.flatMap((sha256) => {
        const photo = kept.get(sha256);
        return photo === undefined ? [] : [[sha256, { type: photo.type, bytes: photo.bytes.length }]];
      }));
    },
  };
}
