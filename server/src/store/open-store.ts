// Where the server's store is chosen: the SQLite file today (TNE13_DB, else data/tne13.sqlite); the PostgreSQL
// store of issue 16 is chosen here too, so that main.ts, the CLIs and the tests open a store one way.
import type { CampaignReader, Store } from './store';
import { openSqliteCampaignReader } from './sqlite/campaign';
import { openSqliteStore } from './sqlite/sqlite-store';

export const DEFAULT_DB_PATH = 'data/tne13.sqlite';

/** Opens (creating or migrating it) the store at `path`; ':memory:' is accepted. */
export async function openStore(path: string = DEFAULT_DB_PATH): Promise<Store> {
  return openSqliteStore(path);
}

/** A read-only view of the store at `location` (`Store.readerLocation`), for a thread of its own (the export worker). */
export async function openCampaignReader(location: string): Promise<CampaignReader> {
  return openSqliteCampaignReader(location);
}
