// The school directory on the device.
import type { AuditDb } from './db';
import type { DirectorySchool } from '../model/school';
import { mergeDirectory, type DirectoryMerge } from '../model/directory-merge';
import { uaisWithFiches } from './fiche-queries';

export function listSchools(db: AuditDb): Promise<DirectorySchool[]> {
  return db.schools.toArray();
}

export function getSchool(db: AuditDb, uai: string): Promise<DirectorySchool | undefined> {
  return db.schools.get(uai);
}

/** Adds or updates directory rows; never touches a fiche. */
export async function putSchools(db: AuditDb, schools: readonly DirectorySchool[]): Promise<void> {
  await db.schools.bulkPut([...schools]);
}

/** Fills an empty directory with `schools` (the demonstration directory on first run); returns whether it did. */
export function seedDirectoryIfEmpty(db: AuditDb, schools: readonly DirectorySchool[]): Promise<boolean> {
  return db.transaction('rw', db.schools, async () => {
    if ((await db.schools.count()) > 0) return false;
    await db.schools.bulkAdd([...schools]);
    return true;
  });
}

/**
 * Merges an imported directory into the device's (model/directory-merge.ts) in one transaction over the directory and
 * the fiches: the schools that have fiches, the directory as it stands and the directory written are one moment. A
 * failure half-way (a tab closed, a full disk) or an import cancelled before the write leaves the old directory whole,
 * never half of each, and a fiche saved meanwhile is either seen by the merge or written after it. Offline that matters
 * most: the device's directory is all the next visit has. Fiches are read, never written.
 */
export function mergeIntoDirectory(db: AuditDb, imported: readonly DirectorySchool[], signal?: AbortSignal): Promise<DirectoryMerge> {
  return db.transaction('rw', db.schools, db.fiches, async () => {
    const withFiches = await uaisWithFiches(db);
    const merge = mergeDirectory(await db.schools.toArray(), imported, (uai) => withFiches.has(uai));
    signal?.throwIfAborted();
    const keep = new Set(merge.schools.map((s) => s.uai));
    await db.schools.bulkDelete((await db.schools.toCollection().primaryKeys()).filter((uai) => !keep.has(uai)));
    await db.schools.bulkPut(merge.schools);
    return merge;
  });
}
