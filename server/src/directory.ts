// The server's school directory: replaced by an import of the open data, merged as on the device (updates, new
// schools, closed ones marked, schools with fiches kept), never touching a revision. The merge is computed and
// written in one transaction of the store: a failure leaves the previous directory whole.
import type { DirectorySchool } from '../../src/model/school';
import { mergeDirectory, type DirectoryMerge } from '../../src/model/directory-merge';
import type { Store } from './store/store';

export function importSchools(store: Store, imported: readonly DirectorySchool[]): Promise<DirectoryMerge> {
  return store.directory.replace((current, hasFiches) => mergeDirectory(current, imported, hasFiches));
}
