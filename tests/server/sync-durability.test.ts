// What sync.md v2 guarantees over time: idempotence when a batch is sent again (its answer was lost), a batch stored
// whole or not at all, every revision kept with its seq, and nothing lost across a restart of the server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import type { Fiche } from '../../src/model/types';
import { countRows, makeBatch, makeTempDir, postSync, push, pushOf, readDb, removeTempDir, startServer, syncStatuses } from './support';
import type { TestServer } from './support';
import { execOnStore } from './store-under-test';

let dir: string;
let dbPath: string;
let server: TestServer;

beforeEach(async () => {
  dir = makeTempDir();
  dbPath = join(dir, 'tne13.sqlite');
  server = await startServer(dbPath);
});

afterEach(async () => {
  await server.close();
  removeTempDir(dir);
});

const withPupils = <T extends Fiche>(fiche: T, pupils: number): T => ({ ...fiche, data: { ...fiche.data, pupils } });

function rowCounts() {
  return {
    revisions: countRows(dbPath, 'revisions'),
    heads: countRows(dbPath, 'heads'),
    conflicts: countRows(dbPath, 'conflicts'),
    fiches: countRows(dbPath, 'fiches'),
  };
}

/** Makes the server's store refuse to store the fiche `id`, as a full disk would half-way through a batch; undone by the function returned. */
function failOnInsertOf(id: string): () => void {
  execOnStore(dbPath, {
    sqlite: `CREATE TRIGGER fail_mid_batch BEFORE INSERT ON revisions WHEN NEW.id = '${id}' BEGIN SELECT RAISE(ABORT, 'disque plein'); END`,
    postgres: `CREATE FUNCTION fail_mid_batch() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN RAISE EXCEPTION 'disque plein' USING ERRCODE = 'disk_full'; END $$;
               CREATE TRIGGER fail_mid_batch BEFORE INSERT ON revisions FOR EACH ROW WHEN (NEW.id = '${id}') EXECUTE FUNCTION fail_mid_batch();`,
  });
  return () => execOnStore(dbPath, { sqlite: 'DROP TRIGGER fail_mid_batch', postgres: 'DROP TRIGGER fail_mid_batch ON revisions; DROP FUNCTION fail_mid_batch();' });
}

describe('sync guarantees', () => {
  it('leaves the server as once when the same batch is sent again and again', async () => {
    const held = makeClassroomFiche({ data: { pupils: 20 } });
    await push(server, [pushOf(held), pushOf(withPupils(held, 21), 1)]);
    const batch = makeBatch([
      pushOf(makeClassroomFiche()),
      pushOf(makeSchoolFiche()),
      pushOf(withPupils(held, 30), 1), // stale base: conflict
      pushOf(withPupils(held, 22), 2), // on the head: stored
      pushOf(makeClassroomFiche(), 4), // never held: invalid
    ]);
    const first = await postSync(server, batch);
    const counts = rowCounts();

    const again = await postSync(server, batch);
    const third = await postSync(server, batch);

    expect(first.body.results.map((r) => r.status)).toEqual(['stored', 'stored', 'conflict', 'stored', 'invalid']);
    expect(again.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'conflict', 'duplicate', 'invalid']);
    expect(again.body.results.map((r) => r.rev)).toEqual(first.body.results.map((r) => r.rev));
    expect(again.body.results.map((r) => r.seq)).toEqual(first.body.results.map((r) => r.seq));
    expect(third.body.results).toEqual(again.body.results);
    expect(rowCounts()).toEqual(counts);
    expect(counts).toEqual({ revisions: 5, heads: 3, conflicts: 1, fiches: 3 });
  });

  it('keeps every revision in history with its seq, the consolidated fiche being the head', async () => {
    const fiche = makeClassroomFiche();
    for (const base of [0, 1, 2]) await syncStatuses(server, [pushOf(withPupils(fiche, 21 + base), base)]);

    const history = readDb(dbPath, (db) => db.prepare('SELECT rev, seq, record FROM revisions WHERE id = ? ORDER BY rev').all(fiche.id)) as Array<{ rev: number; seq: number; record: string }>;
    expect(history.map((row) => [row.rev, JSON.parse(row.record).data.pupils])).toEqual([[1, 21], [2, 22], [3, 23]]);
    expect(history.map((row) => row.seq)).toEqual([...history.map((row) => row.seq)].sort((a, b) => a - b));
    const consolidated = readDb(dbPath, (db) => db.prepare('SELECT rev, record FROM fiches WHERE id = ?').all(fiche.id)) as Array<{ rev: number; record: string }>;
    expect(consolidated.map((row) => [row.rev, JSON.parse(row.record).data.pupils])).toEqual([[3, 23]]);
  });

  it('stores a batch whole or not at all: a failure half-way leaves none of it, and the batch sent again is stored', async () => {
    const fiches = [makeClassroomFiche(), makeClassroomFiche(), makeClassroomFiche()];
    const diskFreed = failOnInsertOf(fiches[1]!.id);
    const batch = makeBatch(fiches.map((f) => pushOf(f)));

    const failed = await postSync(server, batch);
    expect(failed.status).toBe(500);
    expect(rowCounts()).toMatchObject({ revisions: 0, heads: 0 });

    diskFreed();
    const retried = await postSync(server, batch);
    expect(retried.body.results.map((r) => [r.status, r.rev])).toEqual(fiches.map(() => ['stored', 1]));
  });

  it('loses nothing when the server restarts on the same file, and never gives a seq twice', async () => {
    const fiches = [makeClassroomFiche(), makeClassroomFiche(), makeSchoolFiche()];
    const batch = makeBatch(fiches.map((f) => pushOf(f)));
    const first = await postSync(server, batch);
    await server.close();

    server = await startServer(dbPath);
    const again = await postSync(server, batch);
    const [later] = await push(server, [pushOf(makeClassroomFiche())]);

    expect(again.body.results).toEqual(first.body.results.map((r) => ({ ...r, status: 'duplicate' })));
    expect(later?.seq).toBeGreaterThan(Math.max(...first.body.results.map((r) => r.seq as number)));
    const ids = readDb(dbPath, (db) => db.prepare('SELECT id FROM heads ORDER BY seq').pluck().all());
    expect(ids.slice(0, 3).sort()).toEqual(fiches.map((f) => f.id).sort());
  });

  it('never updates nor deletes a stored revision, even from SQL', async () => {
    await syncStatuses(server, [pushOf(makeClassroomFiche())]);
    const sql = (statement: string) => ({ sqlite: statement, postgres: statement });

    expect(() => execOnStore(dbPath, { sqlite: 'UPDATE revisions SET deleted = 1', postgres: 'UPDATE revisions SET deleted = true' })).toThrow(/append-only/);
    expect(() => execOnStore(dbPath, sql('DELETE FROM revisions'))).toThrow(/append-only/);
    // PostgreSQL empties a table without deleting its rows one by one: that too is refused. SQLite has no TRUNCATE
    // (its DELETE without WHERE, refused above, would do it).
    expect(() => execOnStore(dbPath, { sqlite: 'DELETE FROM revisions WHERE 1', postgres: 'TRUNCATE revisions CASCADE' })).toThrow(/append-only/);
    expect(countRows(dbPath, 'revisions')).toBe(1);
  });
});
