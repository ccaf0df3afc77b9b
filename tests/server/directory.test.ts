// The server's directory import (`npm run import` calls importSchools): merged as on the device, and read and
// written in one transaction of the store, so that a failure half-way leaves the previous directory whole.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LOCKS } from '../../server/src/store/pg/pool';
import { importSchools } from '../../server/src/directory';
import { openStore } from '../../server/src/store/open-store';
import type { Store } from '../../server/src/store/store';
import { handleBatch } from '../../server/src/sync';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import { makeClassroomFiche, makeDirectorySchool } from '../../src/model/make';
import { makeBatch, makeTempDir, pushOf, removeTempDir } from './support';
import { execOnPostgres, execOnStore, ON_POSTGRES, storeLocation } from './store-under-test';

let dir: string;
let dbPath: string;
let store: Store;

beforeEach(async () => {
  dir = makeTempDir();
  dbPath = join(dir, 'tne13.sqlite');
  store = await openStore(storeLocation(dbPath));
});

afterEach(async () => {
  await store.close();
  removeTempDir(dir);
});

const annuaire = (uai: string, name: string) => makeDirectorySchool({ uai, name, source: 'annuaire' });

/** Makes the store refuse to write the school `uai`, as a full disk would half-way through. */
function failOnInsertOf(uai: string): void {
  execOnStore(dbPath, {
    sqlite: `CREATE TRIGGER fail_mid_import BEFORE INSERT ON schools WHEN NEW.uai = '${uai}'
             BEGIN SELECT RAISE(ABORT, 'disque plein'); END`,
    postgres: `CREATE FUNCTION fail_mid_import() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN RAISE EXCEPTION 'disque plein' USING ERRCODE = 'disk_full'; END $$;
               CREATE TRIGGER fail_mid_import BEFORE INSERT ON schools FOR EACH ROW WHEN (NEW.uai = '${uai}') EXECUTE FUNCTION fail_mid_import();`,
  });
}

/**
 * A fiche stored by another connection, as a second server process would store it: on SQLite a write to the file
 * (waiting 50 ms at most for its lock); on PostgreSQL a push's transaction, which first takes the write lock every
 * push takes (store/pg/revisions.ts), waiting 50 ms at most.
 */
function ficheSender(): { send(): void; close(): void } {
  const insert = `INSERT INTO revisions (id, rev, kind, uai, campaign, deleted, record, device_id, token_owner, received_at)
                  VALUES ('f1', 1, 'classroom', '${DEMO_SCHOOLS[0]!.uai}', '2026-2027', %DELETED%, '{}', 'tablette-1', 'Camille Martin', '2026-11-29T10:00:00Z')`;
  if (ON_POSTGRES) {
    const push = `BEGIN; SET LOCAL lock_timeout = '50ms'; SELECT pg_advisory_xact_lock(${LOCKS.writes}); ${insert.replace('%DELETED%', 'false')}; COMMIT;`;
    return { send: () => execOnPostgres(dbPath, push), close: () => {} };
  }
  const other = new Database(dbPath, { timeout: 50 });
  return { send: () => void other.prepare(insert.replace('%DELETED%', '0')).run(), close: () => other.close() };
}

describe('the server’s directory import', () => {
  it('replaces the demonstration schools, keeping one that a fiche hangs on', async () => {
    const audited = DEMO_SCHOOLS[0]!;
    await handleBatch(store, makeBatch([pushOf(makeClassroomFiche({ uai: audited.uai }))]), 'Camille Martin');

    const merge = await importSchools(store, [annuaire('0130569Y', 'École A'), annuaire('0130541T', 'École B')]);

    expect(merge).toMatchObject({ added: 2, keptWithFiches: 1, removed: DEMO_SCHOOLS.length - 1 });
    const held = await store.directory.list();
    expect(held.map((s) => [s.uai, s.leftDirectory ?? false])).toEqual([['0130541T', false], ['0130569Y', false], [audited.uai, true]]);
  });

  it('leaves the previous directory whole when writing fails half-way', async () => {
    await importSchools(store, [annuaire('0130569Y', 'École A'), annuaire('0130541T', 'École B')]);
    const before = await store.directory.list();
    failOnInsertOf('0132695J');

    const failing = importSchools(store, [annuaire('0130541T', 'École B renommée'), annuaire('0132695J', 'École C'), annuaire('0139664J', 'École D')]);

    await expect(failing).rejects.toThrow(/disque plein/);
    expect(await store.directory.list()).toEqual(before);
  });

  it('lets no fiche arrive between reading which schools have fiches and writing the new directory', async () => {
    const other = ficheSender();
    const sendFiche = () => other.send();
    let duringMerge: unknown;
    try {
      await store.directory.replace(() => {
        try {
          sendFiche();
        } catch (error) {
          duringMerge = error;
        }
        return { schools: [annuaire('0130569Y', 'École A')] };
      });
      expect(String(duringMerge)).toMatch(ON_POSTGRES ? /lock timeout/ : /database is locked/);
      expect(() => sendFiche()).not.toThrow();
    } finally {
      other.close();
    }
  });
});
