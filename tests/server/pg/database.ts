// A fresh, empty PostgreSQL database for one test, on the run's server (global-setup.ts), under a random name so
// that test files running at once never share one.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  /** The new database's URL, as DATABASE_URL would name it. */
  url: string;
  /** Drops it, closing whatever connections a test left open. */
  drop(): Promise<void>;
}

async function onServer(run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: inject('pgBaseUrl') });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `tne13_test_${randomBytes(6).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(inject('pgBaseUrl'));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}
