// POST /api/v1/sync, record by record: each status of sync.md, over HTTP against the real server and SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import type { SyncResponse } from '../../src/model/sync-protocol';
import { countRows, makeBatch, makeTempDir, postSync, readDb, removeTempDir, startServer, syncStatuses, TOKEN_OWNER } from './support';
import type { TestServer } from './support';

let dir: string;
let server: TestServer;

beforeEach(async () => {
  dir = makeTempDir();
  server = await startServer(join(dir, 'tne13.sqlite'));
});

afterEach(async () => {
  await server.close();
  removeTempDir(dir);
});

describe('POST /api/v1/sync, one status per record', () => {
  it('stores a new revision with the device, the token’s owner and the arrival time', async () => {
    const fiche = makeClassroomFiche({ rev: 1 });
    const batch = makeBatch([fiche], 'tablette-7');
    const before = Date.now();
    const answer = await postSync(server, batch);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ batchId: batch.batchId, results: [{ id: fiche.id, rev: 1, status: 'stored' }] });
    const row = readDb(server.dbPath, (db) => db.prepare('SELECT * FROM revisions WHERE id = ?').get(fiche.id)) as Record<string, unknown>;
    expect(row).toMatchObject({ rev: 1, kind: 'classroom', uai: fiche.uai, campaign: '2026-2027', deleted: 0, device_id: 'tablette-7', token_owner: TOKEN_OWNER });
    expect(JSON.parse(row.record as string)).toEqual(fiche);
    expect(Date.parse(row.received_at as string)).toBeGreaterThanOrEqual(before - 1000);
    expect(row.received_at).toBe(answer.body.serverTime);
  });

  it('answers duplicate when a held revision is sent again, even after a higher one arrived', async () => {
    const rev1 = makeSchoolFiche({ rev: 1 });
    const rev2 = { ...rev1, rev: 2, data: { ...rev1.data, pupils: 120 } };
    expect(await syncStatuses(server, [rev1, rev2])).toEqual(['stored', 'stored']);

    expect(await syncStatuses(server, [rev1])).toEqual(['duplicate']);
    expect(countRows(server.dbPath, 'revisions')).toBe(2);
  });

  it('compares content whatever the order of the keys the device wrote', async () => {
    const fiche = makeClassroomFiche();
    const reordered = Object.fromEntries(Object.entries(fiche).reverse());
    await syncStatuses(server, [fiche]);

    expect(await syncStatuses(server, [reordered])).toEqual(['duplicate']);
  });

  it('answers conflict when one (id, rev) arrives with other content, keeping the held copy and the sent one aside', async () => {
    const held = makeClassroomFiche({ rev: 3, data: { label: 'CM1 A' } });
    const other = { ...held, data: { ...held.data, label: 'CM1 B' } };
    await syncStatuses(server, [held], 'tablette-1');

    expect(await syncStatuses(server, [other], 'tablette-2')).toEqual(['conflict']);
    const kept = readDb(server.dbPath, (db) => ({
      revision: db.prepare('SELECT record FROM revisions WHERE id = ? AND rev = 3').pluck().get(held.id) as string,
      conflicts: db.prepare('SELECT record, device_id FROM conflicts WHERE id = ?').all(held.id) as { record: string; device_id: string }[],
    }));
    expect(JSON.parse(kept.revision).data.label).toBe('CM1 A');
    expect(kept.conflicts.map((c) => [JSON.parse(c.record).data.label, c.device_id])).toEqual([['CM1 B', 'tablette-2']]);
  });

  it('answers superseded to a revision that arrives after a higher one, and keeps it in history', async () => {
    const rev3 = makeClassroomFiche({ rev: 3, data: { pupils: 25 } });
    const rev2 = { ...rev3, rev: 2, data: { ...rev3.data, pupils: 24 } };
    expect(await syncStatuses(server, [rev3])).toEqual(['stored']);

    expect(await syncStatuses(server, [rev2])).toEqual(['superseded']);
    const revs = readDb(server.dbPath, (db) => db.prepare('SELECT rev FROM revisions WHERE id = ? ORDER BY rev').pluck().all(rev3.id));
    expect(revs).toEqual([2, 3]);
    const consolidated = readDb(server.dbPath, (db) => db.prepare('SELECT rev FROM fiches WHERE id = ?').pluck().get(rev3.id));
    expect(consolidated).toBe(3);
  });

  it('refuses 41 pupils as invalid, naming data.pupils in French, and stores the rest of the batch', async () => {
    const before = makeClassroomFiche();
    const tooMany = makeClassroomFiche({ data: { pupils: 41 } });
    const after = makeSchoolFiche();
    const answer = await postSync(server, makeBatch([before, tooMany, after]));

    expect(answer.body.results).toEqual([
      { id: before.id, rev: 1, status: 'stored' },
      {
        id: tooMany.id,
        rev: 1,
        status: 'invalid',
        errors: [{ path: 'data.pupils', message: "Nombre d'élèves : saisissez un nombre entre 0 et 40 (saisi : 41)." }],
      },
      { id: after.id, rev: 1, status: 'stored' },
    ]);
    expect(countRows(server.dbPath, 'revisions')).toBe(2);
  });

  it('refuses an unknown kind, or a record that is not an object, as invalid records, not as a refused batch', async () => {
    const gym = { ...makeClassroomFiche(), kind: 'gymnase' };
    const answer = await postSync<SyncResponse>(server, makeBatch([gym, 'fiche', null]));

    expect(answer.status).toBe(200);
    expect(answer.body.results.map((r) => [r.status, r.errors?.[0]?.path])).toEqual([
      ['invalid', 'kind'],
      ['invalid', ''],
      ['invalid', ''],
    ]);
    expect(answer.body.results[0]?.errors?.[0]?.message).toMatch(/^Type de fiche : /);
    expect(countRows(server.dbPath, 'revisions')).toBe(0);
  });

  it('answers 500 records with 500 results in their order', async () => {
    const fiches = Array.from({ length: 500 }, (_, i) => makeClassroomFiche({ rev: i + 1 }));
    const answer = await postSync(server, makeBatch(fiches));

    expect(answer.status).toBe(200);
    expect(answer.body.results.map((r) => [r.id, r.rev, r.status])).toEqual(fiches.map((f) => [f.id, f.rev, 'stored']));
  });

  it('answers duplicate to a revision repeated inside one batch, and conflict to a changed copy in it', async () => {
    const fiche = makeClassroomFiche();
    const changed = { ...fiche, deleted: true };

    expect(await syncStatuses(server, [fiche, fiche, changed])).toEqual(['stored', 'duplicate', 'conflict']);
  });
});
