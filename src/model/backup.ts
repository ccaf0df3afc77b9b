// The device backup: one JSON file with every fiche, every revision not yet sent, the images of the photos the server
// does not hold yet, and the settings (never a token). This is how a tablet that never meets a network hands its
// audits over. Reading one is all or nothing: a file
// with one invalid record is refused whole, with a French message naming the record and the field.
import * as v from 'valibot';
import { PHOTO_MAX_BYTES, PHOTO_TYPES, SHA256_PATTERN } from './schema';
import type { Fiche, PhotoType } from './types';
import type { Referential } from './referential';
import type { Author } from './types';
import { validateFiche } from './validate';

export const BACKUP_FORMAT = 'tne13-etat-des-lieux/sauvegarde';
export const BACKUP_VERSION = 1;

export interface BackupOutboxEntry {
  id: string;
  rev: number;
}

/** An image the server did not hold when the backup was made: the only copy may be in this file. */
export interface BackupPhoto {
  sha256: string;
  type: PhotoType;
  /** The image's bytes in base64. */
  base64: string;
}

export interface DeviceBackup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  deviceId: string;
  fiches: Fiche[];
  /** Revisions the device had not yet had acknowledged: (id, rev) of fiches in `fiches`. */
  unsent: BackupOutboxEntry[];
  /** Absent in backups made before photos existed. */
  photos?: BackupPhoto[];
  settings: { auditor: Author | null; campaign: string | null; referential: Referential | null };
}

const envelope = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  exportedAt: v.string(),
  deviceId: v.string(),
  fiches: v.array(v.unknown()),
  unsent: v.array(v.object({ id: v.string(), rev: v.number() })),
  photos: v.optional(v.array(v.unknown())),
  settings: v.object({ auditor: v.unknown(), campaign: v.unknown(), referential: v.unknown() }),
});

export type BackupReading = { ok: true; backup: DeviceBackup } | { ok: false; message: string };

export function readBackup(text: string, now?: Date): BackupReading {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: "Ce fichier n'est pas une sauvegarde lisible : son contenu n'est pas du JSON valide. Rien n'a été importé." };
  }
  if (!v.safeParse(envelope, json).success) {
    return { ok: false, message: "Ce fichier n'est pas une sauvegarde de l'application (format non reconnu). Rien n'a été importé." };
  }
  const raw = json as DeviceBackup;
  const fiches: Fiche[] = [];
  const seen = new Set<string>();
  for (const [index, record] of raw.fiches.entries()) {
    const checked = validateFiche(record, { now });
    if (!checked.ok) {
      const id = record !== null && typeof record === 'object' && typeof (record as { id?: unknown }).id === 'string' ? ` (${(record as { id: string }).id})` : '';
      return { ok: false, message: `Fiche n° ${index + 1}${id} invalide : ${checked.errors.map((e) => e.message).join(' ')} Rien n'a été importé.` };
    }
    if (seen.has(checked.value.id)) {
      return { ok: false, message: `La fiche ${checked.value.id} figure deux fois dans le fichier (fiche n° ${index + 1}) : une sauvegarde n'en contient qu'une. Rien n'a été importé.` };
    }
    seen.add(checked.value.id);
    fiches.push(checked.value);
  }
  const photos = readPhotos(raw.photos ?? []);
  if (typeof photos === 'string') return { ok: false, message: photos };
  const revs = new Map(fiches.map((f) => [f.id, f.rev]));
  const stray = raw.unsent.find((entry) => revs.get(entry.id) !== entry.rev);
  if (stray) {
    return { ok: false, message: `Révision à envoyer sans fiche correspondante (${stray.id}, révision ${stray.rev}). Rien n'a été importé.` };
  }
  return { ok: true, backup: { ...raw, fiches, ...(raw.photos ? { photos } : {}) } };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const photoEntry = v.object({
  sha256: v.pipe(v.string(), v.regex(SHA256_PATTERN)),
  type: v.picklist(PHOTO_TYPES),
  base64: v.pipe(v.string(), v.regex(BASE64), v.check((text) => text.length % 4 === 0 && text.length > 0 && (text.length / 4) * 3 <= PHOTO_MAX_BYTES + 2)),
});

/** The photos of a backup, or the French message refusing the file. Their hashes are checked where they are written. */
function readPhotos(entries: readonly unknown[]): BackupPhoto[] | string {
  const photos: BackupPhoto[] = [];
  for (const [index, entry] of entries.entries()) {
    const checked = v.safeParse(photoEntry, entry);
    if (!checked.success) {
      return `Photo n° ${index + 1} de la sauvegarde illisible (empreinte SHA-256, type JPEG ou WebP, image d'au plus 2 Mio en base64 attendus). Rien n'a été importé.`;
    }
    photos.push(checked.output);
  }
  return photos;
}

/** Bytes to base64, by slices: one call per byte of a 300 KB image would overflow the argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export interface ImportPlan {
  /** New fiches, or a higher revision than the device holds. */
  take: Fiche[];
  /** Same revision already held with the same content, or a higher one held: nothing to do. */
  skipped: Fiche[];
  /** Same revision held with other content: kept as it is on the device, listed for someone to look at. */
  conflicts: Fiche[];
}

const canonical = (fiche: Fiche) => JSON.stringify(fiche);

/**
 * What merging a backup by id and rev does; never replaces a higher revision, nor a revision made on this device
 * and not yet sent (`editedHere`): both tablets edited that fiche, so the device keeps its own and reports it.
 */
export function planImport(fiches: readonly Fiche[], held: ReadonlyMap<string, Fiche>, editedHere: ReadonlySet<string> = new Set()): ImportPlan {
  const plan: ImportPlan = { take: [], skipped: [], conflicts: [] };
  for (const fiche of fiches) {
    const local = held.get(fiche.id);
    if (local && local.rev < fiche.rev && editedHere.has(fiche.id)) plan.conflicts.push(fiche);
    else if (!local || local.rev < fiche.rev) plan.take.push(fiche);
    else if (local.rev > fiche.rev || canonical(local) === canonical(fiche)) plan.skipped.push(fiche);
    else plan.conflicts.push(fiche);
  }
  return plan;
}
