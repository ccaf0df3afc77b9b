// The SQLite store against the Store contract, on a fresh file per test, as the server opens it.
import { join } from 'node:path';
import { openSqliteStore } from '../../../server/src/store/sqlite/sqlite-store';
import { makeTempDir, removeTempDir } from '../support';
import { describeStoreContract } from './store-contract';

describeStoreContract('SQLite', async () => {
  const dir = makeTempDir();
  return { store: openSqliteStore(join(dir, 'tne13.sqlite')), remove: () => removeTempDir(dir) };
});
