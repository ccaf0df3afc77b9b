// The photos of fiches (records.md v2 "Photos", sync.md v2 attachments): what an uploaded image must be before the
// store keeps it, and what a pushed record's `data.photos` must agree with once it is kept. Pure: the route
// (attachments-route.ts) and the push (sync.ts) are the shells around it.
import { createHash } from 'node:crypto';
import { frenchNumber } from '../../src/model/french-number';
import { fieldLabel } from '../../src/model/labels';
import { PHOTO_MAX_BYTES, PHOTO_TYPES, SHA256_PATTERN } from '../../src/model/schema';
import type { FieldError, Fiche, PhotoType } from '../../src/model/types';
import type { AttachmentInfo } from './store/store';

export { PHOTO_MAX_BYTES, PHOTO_TYPES };

/** A photo never changes under its name: a device may keep it as long as it likes, for itself alone. */
export const ATTACHMENT_CACHE_CONTROL = 'private, max-age=31536000, immutable';

export function isSha256(name: string): boolean {
  return SHA256_PATTERN.test(name);
}

export function isPhotoType(value: string): value is PhotoType {
  return (PHOTO_TYPES as readonly string[]).includes(value);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const ASCII = (text: string) => [...text].map((char) => char.charCodeAt(0));
const RIFF = ASCII('RIFF');
const WEBP = ASCII('WEBP');

const startsWith = (bytes: Uint8Array, at: number, expected: readonly number[]) => expected.every((byte, i) => bytes[at + i] === byte);

/**
 * The type the bytes are by their first bytes (their "magic number"): JPEG begins FF D8 FF (start of image, then a
 * marker), WebP is a RIFF container whose form type is "WEBP". Null for anything else. What the device declares is
 * checked against it, so that the server never keeps, nor later serves as an image, bytes of another kind.
 */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (bytes.length >= 12 && startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP)) return 'image/webp';
  return null;
}

const TYPE_NAMES: Record<PhotoType, string> = { 'image/jpeg': 'JPEG', 'image/webp': 'WebP' };

export interface UploadProblem {
  code: string;
  message: string;
}

export const NAME_PROBLEM: UploadProblem = {
  code: 'invalid_attachment_name',
  message: "Nom de photo invalide : l'adresse doit finir par l'empreinte SHA-256 de l'image (64 caractères hexadécimaux en minuscules).",
};

export const TYPE_PROBLEM: UploadProblem = {
  code: 'unsupported_media_type',
  message: 'Type de contenu non pris en charge : envoyez une photo JPEG ou WebP (Content-Type: image/jpeg ou image/webp).',
};

export const TOO_LARGE_PROBLEM: UploadProblem = {
  code: 'payload_too_large',
  message: `Photo trop volumineuse : au plus ${frenchNumber(PHOTO_MAX_BYTES / (1024 * 1024))} Mio (${frenchNumber(PHOTO_MAX_BYTES)} octets).`,
};

/** Why these bytes, sent as `type` under the name `sha256`, may not be kept; null when they may. */
export function uploadProblem(sha256: string, type: PhotoType, bytes: Uint8Array): UploadProblem | null {
  const actual = sniffPhotoType(bytes);
  if (actual !== type) {
    const what = actual === null ? "n'est pas une image JPEG ni WebP" : `est une image ${TYPE_NAMES[actual]}`;
    return { code: 'invalid_attachment', message: `Photo refusée : le corps envoyé comme ${type} ${what}.` };
  }
  const hash = sha256Hex(bytes);
  if (hash !== sha256) {
    return {
      code: 'invalid_attachment',
      message: `Photo refusée : son empreinte SHA-256 est ${hash}, pas ${sha256} comme le dit l'adresse (image abîmée pendant l'envoi ?).`,
    };
  }
  return null;
}

/** The photos a record references, by sha256 (none when it has no `data.photos`). */
export function photoHashes(record: Pick<Fiche, 'data'>): string[] {
  return (record.data.photos ?? []).map((photo) => photo.sha256);
}

/**
 * Where `record`'s photos disagree with what the server holds (`held`, by sha256): a photo not received, or received
 * with another type or size than the record says. A record may reference a photo only once it is held (sync.md).
 */
export function photoReferenceErrors(record: Pick<Fiche, 'data'>, held: ReadonlyMap<string, AttachmentInfo>): FieldError[] {
  const errors: FieldError[] = [];
  (record.data.photos ?? []).forEach((photo, index) => {
    const at = (field: string) => `data.photos.${index}.${field}`;
    const kept = held.get(photo.sha256);
    if (kept === undefined) {
      errors.push({ path: at('sha256'), message: `${fieldLabel(at('sha256'))} : photo non reçue par le serveur ; la tablette doit l'envoyer avant la fiche.` });
      return;
    }
    if (kept.type !== photo.type) {
      errors.push({ path: at('type'), message: `${fieldLabel(at('type'))} : la photo reçue est une image ${TYPE_NAMES[kept.type]}, pas ${TYPE_NAMES[photo.type]}.` });
    }
    if (kept.bytes !== photo.bytes) {
      errors.push({
        path: at('bytes'),
        message: `${fieldLabel(at('bytes'))} : la photo reçue fait ${frenchNumber(kept.bytes)} octets, pas ${frenchNumber(photo.bytes)}.`,
      });
    }
  });
  return errors;
}
