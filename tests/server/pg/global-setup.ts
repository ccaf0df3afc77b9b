// Vitest's global setup for the unit tests: one PostgreSQL server for the whole run, whose URL the tests read with
// inject('pgBaseUrl') (createTestDatabase in database.ts makes a database of their own on it). TEST_DATABASE_URL
// names an existing server to use instead (its role must be allowed to create databases); without it, a throw-away
// cluster is started (cluster.ts). No PostgreSQL at all fails the run: its tests are never skipped silently.
import type { TestProject } from 'vitest/node';
import { startCluster } from './cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL URL whose role may create and drop databases. */
    pgBaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given !== undefined && given !== '') {
    project.provide('pgBaseUrl', given);
    return undefined;
  }
  const cluster = await startCluster();
  project.provide('pgBaseUrl', cluster.url);
  return () => cluster.stop();
}
