// What sync.md guarantees over time: idempotence when a batch is sent again (its answer was lost), every revision
// kept, and nothing lost across a restart of the server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import type { Fiche } from '../../src/model/types';
import { countRows, makeBatch, makeTempDir, postSync, readDb, removeTempDir, startServer, syncStatuses } from './support';
import type { TestServer } from './support';

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

function withRev<T extends Fiche>(fiche: T, rev: number, pupils: number): T {
  return { ...fiche, rev, data: { ...fiche.data, pupils } };
}

function rowCounts() {
  return { revisions: countRows(dbPath, 'revisions'), conflicts: countRows(dbPath, 'conflicts'), fiches: countRows(dbPath, 'fiches') };
}

describe('sync guarantees', () => {
  it('changes nothing when the same batch is sent again after its answer was lost', async () => {
    const held = makeClassroomFiche({ rev: 2 });
    await syncStatuses(server, [held]);
    const batch = makeBatch([makeClassroomFiche(), makeSchoolFiche(), withRev(held, 1, 10), { ...held, deleted: true }]);
    const first = await postSync(server, batch);
    const counts = rowCounts();

    const again = await postSync(server, batch);
    const third = await postSync(server, batch);

    expect(first.body.results.map((r) => r.status)).toEqual(['stored', 'stored', 'superseded', 'conflict']);
    expect(again.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'conflict']);
    expect(third.body.results).toEqual(again.body.results);
    expect(rowCounts()).toEqual(counts);
    expect(counts).toEqual({ revisions: 4, conflicts: 1, fiches: 3 });
  });

  it('keeps every revision in history, the consolidated fiche being the highest', async () => {
    const fiche = makeClassroomFiche();
    for (const rev of [1, 2, 3]) await syncStatuses(server, [withRev(fiche, rev, 20 + rev)]);

    const history = readDb(dbPath, (db) => db.prepare('SELECT rev, record FROM revisions WHERE id = ? ORDER BY rev').all(fiche.id)) as { rev: number; record: string }[];
    expect(history.map((row) => [row.rev, JSON.parse(row.record).data.pupils])).toEqual([[1, 21], [2, 22], [3, 23]]);
    const consolidated = readDb(dbPath, (db) => db.prepare('SELECT rev, record FROM fiches WHERE id = ?').all(fiche.id)) as { rev: number; record: string }[];
    expect(consolidated.map((row) => [row.rev, JSON.parse(row.record).data.pupils])).toEqual([[3, 23]]);
  });

  it('keeps the highest revision consolidated when revisions arrive out of order', async () => {
    const fiche = makeSchoolFiche();
    expect(await syncStatuses(server, [withRev(fiche, 3, 300)])).toEqual(['stored']);
    expect(await syncStatuses(server, [withRev(fiche, 1, 100), withRev(fiche, 2, 200)])).toEqual(['superseded', 'superseded']);
    expect(await syncStatuses(server, [withRev(fiche, 4, 400)])).toEqual(['stored']);

    expect(readDb(dbPath, (db) => db.prepare('SELECT rev FROM fiches WHERE id = ?').pluck().all(fiche.id))).toEqual([4]);
    expect(countRows(dbPath, 'revisions')).toBe(4);
  });

  it('loses nothing when the server restarts on the same file', async () => {
    const fiches = [makeClassroomFiche(), makeClassroomFiche(), makeSchoolFiche()];
    const batch = makeBatch(fiches);
    await postSync(server, batch);
    await server.close();

    server = await startServer(dbPath);
    const again = await postSync(server, batch);

    expect(again.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    const ids = readDb(dbPath, (db) => db.prepare('SELECT id FROM revisions ORDER BY id').pluck().all());
    expect(ids).toEqual(fiches.map((f) => f.id).sort());
  });

  it('never updates nor deletes a stored revision, even from SQL', async () => {
    const fiche = makeClassroomFiche();
    await syncStatuses(server, [fiche]);
    const db = new Database(dbPath);
    try {
      expect(() => db.prepare('UPDATE revisions SET deleted = 1').run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM revisions').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
    expect(countRows(dbPath, 'revisions')).toBe(1);
  });
});
