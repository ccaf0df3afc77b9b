// The export's zip: the workbook, then every photo under the name photo-names.ts gives it. Each entry goes to
// `write` as soon as it is made and the next image is read only then, so that a département's photos never sit in
// memory together (the server's CLI writes them to a file). JPEG and WebP are compressed already: photos are stored
// as they are; the workbook is deflated. fflate marks a name that is not ASCII as UTF-8, accents kept.
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { parisWall } from './paris-time';
import type { PhotoEntry } from './photo-names';
import type { ExportFile } from './run-export';

/** An image as the server holds it (`store.attachments.get`). */
export interface StoredPhoto {
  type: string;
  bytes: Uint8Array;
}

/** Reads an image by its SHA-256; undefined when it is not there. */
export type ReadPhoto = (sha256: string) => Promise<StoredPhoto | undefined>;

/** Takes the zip's bytes in order; the next entry is made once the promise settles. */
export type WriteChunk = (chunk: Uint8Array) => Promise<void>;

/** The entry that lists the photos a fiche cites and the zip does not hold. */
export const MISSING_PHOTOS_FILE = 'photos-manquantes.txt';

/** Why a photo is not in the zip, in the words of photos-manquantes.txt and of the CLI. */
export const MISSING_REASONS = {
  absent: 'absente du serveur',
  altered: 'altérée sur le serveur, son contenu ne correspond plus à son empreinte',
} as const;

export interface MissingPhoto {
  entry: PhotoEntry;
  reason: keyof typeof MISSING_REASONS;
}

export interface PhotoZipReport {
  /** Photos written into the zip. */
  photos: number;
  missing: MissingPhoto[];
  /** Size of the zip. */
  bytes: number;
}

// A zip without ZIP64 (fflate writes none) counts its entries on 16 bits and its offsets on 32: past either, the
// file would be silently wrong, so the export refuses instead.
const MAX_ENTRIES = 0xffff;
const MAX_OFFSET = 0xffffffff;
/** Bytes of one entry besides its data: local header, data descriptor, central directory record, twice the name. */
const entryOverhead = (name: string) => 30 + 16 + 46 + 2 * strToU8(name).length;
const GIB = 1024 ** 3;

function tooLarge(bytes: number): Error {
  return new Error(
    `L'archive dépasserait 4 Gio (environ ${(bytes / GIB).toFixed(1).replace('.', ',')} Gio), la limite des archives ` +
    "ZIP de l'export ; le classeur seul s'exporte toujours (fichier .xlsx).",
  );
}

/** Refuses, before anything is written, a zip that could not be written right (counted from what the fiches say). */
function checkLimits(workbook: ExportFile, photos: readonly PhotoEntry[]): void {
  if (photos.length + 2 > MAX_ENTRIES) {
    throw new Error(`Trop de photos pour une archive ZIP : ${photos.length} (au plus ${MAX_ENTRIES - 2}).`);
  }
  // Deflate never makes the workbook much larger than it is; photos are stored as they are.
  let foreseen = workbook.bytes.length + 1024 + entryOverhead(workbook.fileName) + entryOverhead(MISSING_PHOTOS_FILE) + 64 * 1024;
  for (const photo of photos) foreseen += photo.bytes + entryOverhead(photo.path);
  if (foreseen > MAX_OFFSET) throw tooLarge(foreseen);
}

/**
 * A zip entry's time: the wall clock in Paris at `at` (a zip's dates have no zone; the export's file name is in Paris
 * time too), null when `at` is no date or outside what a zip can say (1980 to 2099 here: DOS dates). fflate reads the
 * local fields of the Date it is given, so the answer's local fields are Paris's, whatever the machine's zone.
 */
export function zipEntryTime(at: Date): Date | null {
  if (Number.isNaN(at.getTime())) return null;
  const wall = parisWall(at);
  const year = wall.getUTCFullYear();
  if (year < 1980 || year > 2099) return null;
  return new Date(year, wall.getUTCMonth(), wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds());
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** photos-manquantes.txt: what is missing and why, one photo a line (UTF-8 with a BOM and CRLF, for Notepad too). */
export function missingPhotosText(missing: readonly MissingPhoto[]): string {
  const lines = [
    `${missing.length} photo${missing.length > 1 ? 's' : ''} citée${missing.length > 1 ? 's' : ''} par les fiches mais absente${missing.length > 1 ? 's' : ''} de cette archive :`,
    '',
    ...missing.map(({ entry, reason }) => `${entry.path} (empreinte ${entry.sha256}) : ${MISSING_REASONS[reason]}`),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Writes the zip to `write`: the workbook under its export file name, each photo of `photos` read with `read` and
 * written under its path, and, when some cannot be, photos-manquantes.txt. A photo the server does not hold, or whose
 * bytes no longer hash to its name, is left out and listed, not a failure. Throws (with nothing worth keeping
 * written) when the zip would pass what a zip without ZIP64 can hold, or when `read` or `write` fails.
 */
export async function writePhotoZip(
  workbook: ExportFile,
  photos: readonly PhotoEntry[],
  read: ReadPhoto,
  write: WriteChunk,
  exportedAt: Date,
): Promise<PhotoZipReport> {
  checkLimits(workbook, photos);
  let pending: Uint8Array[] = [];
  let failure: Error | null = null;
  let finished = false;
  // fflate hands the bytes over synchronously while an entry is pushed; they are written once it returns.
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else {
      pending.push(chunk);
      if (final) finished = true;
    }
  });
  let written = 0;
  const flush = async () => {
    if (failure) throw failure;
    const chunks = pending;
    pending = [];
    for (const chunk of chunks) {
      written += chunk.length;
      await write(chunk);
    }
  };
  const add = async (entry: ZipPassThrough | ZipDeflate, bytes: Uint8Array, at: Date) => {
    entry.mtime = at;
    zip.add(entry);
    entry.push(bytes, true);
    await flush();
    if (written > MAX_OFFSET) throw tooLarge(written);
  };

  const exportTime = zipEntryTime(exportedAt) ?? new Date(1980, 0, 1);
  await add(new ZipDeflate(workbook.fileName, { level: 6 }), workbook.bytes, exportTime);
  const missing: MissingPhoto[] = [];
  for (const photo of photos) {
    const stored = await read(photo.sha256);
    if (stored === undefined) missing.push({ entry: photo, reason: 'absent' });
    else if ((await sha256Hex(stored.bytes)) !== photo.sha256) missing.push({ entry: photo, reason: 'altered' });
    else await add(new ZipPassThrough(photo.path), stored.bytes, zipEntryTime(new Date(photo.takenAt)) ?? exportTime);
  }
  if (missing.length > 0) await add(new ZipDeflate(MISSING_PHOTOS_FILE, { level: 6 }), strToU8(missingPhotosText(missing)), exportTime);
  zip.end();
  await flush();
  if (!finished) throw new Error("L'archive n'a pas pu être terminée.");
  return { photos: photos.length - missing.length, missing, bytes: written };
}
