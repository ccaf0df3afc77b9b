// The school directory in PostgreSQL: one row per school, its record as JSON. A replacement reads the directory and
// the schools that fiches hang on and writes the new directory in one transaction, under the write lock that every
// push takes (revisions.ts): no fiche can arrive between the read and the write. It writes the directory's
// fingerprint beside it, which the export version reads instead of hashing the schools each time.
import type pg from 'pg';
import type { DirectorySchool } from '../../../../src/model/school';
import type { DirectoryStore } from '../store';
import { directoryFingerprint } from '../sqlite/directory';
import { inTransaction, lock, LOCKS, type Client } from './pool';

/** Every school's stored JSON, by UAI (byte order, as SQLite's). */
async function schoolRecords(client: Client | pg.Pool): Promise<string[]> {
  const { rows } = await client.query<{ record: string }>({ name: 'school-records', text: 'SELECT record FROM schools ORDER BY uai' });
  return rows.map((row) => row.record);
}

/** Makes the directory `schools` exactly, and its fingerprint that of what is now stored. */
export async function writeSchools(client: Client, schools: readonly DirectorySchool[]): Promise<void> {
  await client.query('DELETE FROM schools');
  // One statement whatever the number of schools: three arrays, unnested into rows.
  await client.query(
    'INSERT INTO schools (uai, circonscription, record) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])',
    [schools.map((s) => s.uai), schools.map((s) => (typeof s.circonscription === 'string' ? s.circonscription : null)), schools.map((s) => JSON.stringify(s))],
  );
  const fingerprint = directoryFingerprint(await schoolRecords(client));
  await client.query(
    `INSERT INTO directory_state (single, fingerprint) VALUES (true, $1)
     ON CONFLICT (single) DO UPDATE SET fingerprint = excluded.fingerprint`,
    [fingerprint],
  );
}

export function pgDirectory(pool: pg.Pool): DirectoryStore {
  return {
    async list() {
      return (await schoolRecords(pool)).map((record) => JSON.parse(record) as DirectorySchool);
    },
    async replace(change) {
      return inTransaction(pool, async (client) => {
        await lock(client, LOCKS.writes);
        const current = (await schoolRecords(client)).map((record) => JSON.parse(record) as DirectorySchool);
        const { rows } = await client.query<{ uai: string }>('SELECT DISTINCT uai FROM revisions');
        const withFiches = new Set(rows.map((row) => row.uai));
        const result = change(current, (uai) => withFiches.has(uai));
        await writeSchools(client, result.schools);
        return result;
      });
    },
  };
}
