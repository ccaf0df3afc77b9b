// The school directory on the device.
import type { AuditDb } from './db';
import type { DirectorySchool } from '../model/school';

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
