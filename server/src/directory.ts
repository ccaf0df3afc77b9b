// The server's school directory: replaced by an import of the open data, merged as on the device (updates, new
// schools, closed ones marked, schools with fiches kept), never touching a revision.
import type { DirectorySchool } from '../../src/model/school';
import { mergeDirectory, type DirectoryMerge } from '../../src/model/directory-merge';
import { listSchools } from './schools-route';
import type { Db } from './store';

export function importSchools(db: Db, imported: readonly DirectorySchool[]): DirectoryMerge {
  const withFiches = new Set(db.prepare('SELECT DISTINCT uai FROM revisions').pluck().all() as string[]);
  const merge = mergeDirectory(listSchools(db), imported, (uai) => withFiches.has(uai));
  const insert = db.prepare('INSERT INTO schools (uai, record) VALUES (?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM schools').run();
    for (const school of merge.schools) insert.run(school.uai, JSON.stringify(school));
  }).immediate();
  return merge;
}
