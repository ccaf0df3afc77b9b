// The store every command opens: DATABASE_URL's PostgreSQL database, else the SQLite file of TNE13_DB (or
// data/tne13.sqlite), with its photos in TNE13_ATTACHMENTS_DIR when set, as the server does; a store that cannot be
// opened is said in French, location and cause.
import { storeOpenFailure } from '../src/startup-error';
import { openStore, storeLocationFromEnv, storeOptionsFromEnv } from '../src/store/open-store';
import type { Store } from '../src/store/store';

export interface CliStore {
  store: Store;
  /** Where it is: a file path or a PostgreSQL URL (`describeStoreLocation` prints it without its password). */
  location: string;
}

/** The command's store, or null once the reason it cannot be opened is printed (the command then exits 1). */
export async function openCliStore(location: string = storeLocationFromEnv(process.env)): Promise<CliStore | null> {
  try {
    return { store: await openStore(location, storeOptionsFromEnv(process.env)), location };
  } catch (error) {
    console.error(storeOpenFailure(location, error));
    return null;
  }
}
