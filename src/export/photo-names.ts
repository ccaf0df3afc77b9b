// Where each photo goes in the export's zip: `<UAI>/<classe>/<sujet>-<n>.<ext>`, the school fiche's under
// `<UAI>/ecole/`. Pure: the names come from the fiches alone, before any image is read, so that a photo the server
// lacks is still named (in photos-manquantes.txt) and the same fiches always give the same names.
import { PHOTO_SUBJECT_FILE_NAMES } from '../model/labels';
import type { ClassroomFiche, Photo, PhotoSubject, PhotoType, SchoolFiche } from '../model/types';
import { classroomOrder, coveredFiches, type ExportInput } from './export-input';

/** One photo of the zip: its path there (`/` between folders) and what the fiche says of it. */
export interface PhotoEntry {
  path: string;
  sha256: string;
  type: PhotoType;
  /** As the fiche declares it: what the zip's size is foreseen from before any image is read. */
  bytes: number;
  takenAt: string;
}

/** The folder of a school fiche's photos, beside its classrooms' folders. */
export const SCHOOL_FOLDER = 'ecole';

export const PHOTO_EXTENSIONS: Record<PhotoType, string> = { 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** What a classroom's folder is called when nothing of its label can be kept. */
const UNNAMED_FOLDER = 'classe';

/** Names Windows keeps for devices, whatever follows a dot: a folder "CON" cannot be created there. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/**
 * A classroom's label as one folder name that Windows, macOS and Linux all take: a slash, backslash, colon or bar
 * becomes a hyphen ("CE1/CE2" → "CE1-CE2"), the other characters Windows refuses (`* ? " < >`) go, control
 * characters and runs of blanks become one space, leading dots (a hidden folder) and trailing dots and spaces
 * (which Windows drops) go, a device name gets a `_`. Accents and other letters stay: the zip says its names are
 * UTF-8. Nothing left gives "classe".
 */
export function folderName(label: string): string {
  const safe = label
    .normalize('NFC')
    .replace(/[/\\:|]/g, '-')
    .replace(/[*?"<>]/g, '')
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (safe === '') return UNNAMED_FOLDER;
  return WINDOWS_DEVICE.test(safe) ? `${safe}_` : safe;
}

/** How two names are told apart where it matters least: Windows and macOS see "CP A" and "cp a" as one folder. */
const folderKey = (name: string): string => name.toLocaleLowerCase('fr');

/**
 * The folder of each classroom of one school, in the Classes sheet's order: its label made safe, and when an
 * earlier classroom (or the school fiche's folder) took that name, " (2)", " (3)"… Every classroom gets its folder,
 * with photos or not, so that a name does not change when another classroom takes its first photo.
 */
export function classroomFolders(classrooms: readonly ClassroomFiche[]): Map<string, string> {
  const used = new Set([folderKey(SCHOOL_FOLDER)]);
  const folders = new Map<string, string>();
  for (const classroom of [...classrooms].sort(classroomOrder)) {
    const base = folderName(classroom.data.label);
    let name = base;
    for (let n = 2; used.has(folderKey(name)); n++) name = `${base} (${n})`;
    used.add(folderKey(name));
    folders.set(classroom.id, name);
  }
  return folders;
}

/** The photos of one folder, numbered per subject from 1 in the order of `photos`. */
function entriesOf(folder: string, photos: readonly Photo[], counters: Map<PhotoSubject, number>): PhotoEntry[] {
  return photos.map((photo) => {
    const n = (counters.get(photo.subject) ?? 0) + 1;
    counters.set(photo.subject, n);
    return {
      path: `${folder}/${PHOTO_SUBJECT_FILE_NAMES[photo.subject]}-${n}.${PHOTO_EXTENSIONS[photo.type]}`,
      sha256: photo.sha256, type: photo.type, bytes: photo.bytes, takenAt: photo.takenAt,
    };
  });
}

/**
 * Every photo of the fiches an export covers (the campaign's, tombstones left out), by school in UAI order: the
 * school fiche's first, then each classroom's in the Classes sheet's order. A school with two school fiches (two
 * tablets before school fiches had one id) has both fiches' photos in `ecole/`, numbered on from one to the other.
 */
export function photoEntries(input: Pick<ExportInput, 'fiches' | 'campaign'>): PhotoEntry[] {
  const bySchool = new Map<string, { schools: SchoolFiche[]; classrooms: ClassroomFiche[] }>();
  for (const fiche of coveredFiches(input)) {
    let school = bySchool.get(fiche.uai);
    if (!school) bySchool.set(fiche.uai, (school = { schools: [], classrooms: [] }));
    if (fiche.kind === 'school') school.schools.push(fiche);
    else school.classrooms.push(fiche);
  }
  const entries: PhotoEntry[] = [];
  for (const uai of [...bySchool.keys()].sort()) {
    const { schools, classrooms } = bySchool.get(uai) as { schools: SchoolFiche[]; classrooms: ClassroomFiche[] };
    const counters = new Map<PhotoSubject, number>();
    schools.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
    for (const fiche of schools) entries.push(...entriesOf(`${uai}/${SCHOOL_FOLDER}`, fiche.data.photos ?? [], counters));
    const folders = classroomFolders(classrooms);
    for (const fiche of [...classrooms].sort(classroomOrder)) {
      entries.push(...entriesOf(`${uai}/${folders.get(fiche.id) as string}`, fiche.data.photos ?? [], new Map()));
    }
  }
  return entries;
}
