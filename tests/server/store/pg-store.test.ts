// The PostgreSQL store against the Store contract, on a fresh database per test of the run's server
// (tests/server/pg/global-setup.ts), as the server opens it.
import { openPgStore } from '../../../server/src/store/pg/pg-store';
import { createTestDatabase } from '../pg/database';
import { describeStoreContract } from './store-contract';

describeStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  return { store: await openPgStore(database.url), remove: () => database.drop() };
});
