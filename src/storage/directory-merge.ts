// An imported directory written into the device's, in its own module: only the import loads it, the first screen
// (which lists the directory) does not.
import type { AuditDb } from './db';
import type { DirectorySchool } from '../model/school';
import { mergeDirectory, type DirectoryMerge } from '../model/directory-merge';
import { uaisWithFiches } from './fiche-queries';

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
