// Where the server's store is chosen, so that main.ts, the CLIs and the tests open a store one way: PostgreSQL when
// DATABASE_URL is set (a postgres:// URL), else the SQLite file TNE13_DB, else data/tne13.sqlite.
import { resolve } from 'node:path';
import type { CampaignReader, Store, StoreOptions } from './store';
import { openPgCampaignReader, openPgStore } from './pg/pg-store';
import { isPostgresUrl, redactPostgresUrl } from './pg/location';
import { openSqliteCampaignReader } from './sqlite/campaign';
import { openSqliteStore } from './sqlite/sqlite-store';

export { isPostgresUrl };

export const DEFAULT_DB_PATH = 'data/tne13.sqlite';

/** The store the environment names: DATABASE_URL if set, else TNE13_DB, else data/tne13.sqlite. */
export function storeLocationFromEnv(env: NodeJS.ProcessEnv): string {
  const url = env.DATABASE_URL?.trim();
  if (url !== undefined && url !== '') return url;
  return env.TNE13_DB ?? DEFAULT_DB_PATH;
}

/** The store's options the environment gives: TNE13_ATTACHMENTS_DIR, the folder photos are kept in (relative to here). */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv): StoreOptions {
  const dir = env.TNE13_ATTACHMENTS_DIR?.trim();
  return dir === undefined || dir === '' ? {} : { attachmentsDir: resolve(dir) };
}

/** How a location is named in what is printed: a file by its absolute path, a URL without its password. */
export function describeStoreLocation(location: string): string {
  return isPostgresUrl(location) ? redactPostgresUrl(location) : resolve(location);
}

/**
 * Opens (creating or migrating it) the store at `location`: a PostgreSQL database for a postgres:// or
 * postgresql:// URL, else the SQLite file at that path (':memory:' is accepted). Its photos where `options` says
 * (storeOptionsFromEnv), else in the store's own place.
 */
export async function openStore(location: string = DEFAULT_DB_PATH, options: StoreOptions = {}): Promise<Store> {
  return isPostgresUrl(location) ? openPgStore(location, options) : openSqliteStore(location, options);
}

/** A read-only view of the store at `location` (`Store.readerLocation`), for a thread of its own (the export worker). */
export async function openCampaignReader(location: string): Promise<CampaignReader> {
  return isPostgresUrl(location) ? openPgCampaignReader(location) : openSqliteCampaignReader(location);
}
