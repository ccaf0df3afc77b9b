// POST /api/v1/sync (protocol v2), record by record: each status of sync.md, over HTTP against the real server and
// SQLite file. The server numbers revisions; a device pushes its fiche's latest state on the head it knows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import type { SyncError, SyncResponse } from '../../src/model/sync-protocol';
import type { Fiche } from '../../src/model/types';
import { countRows, makeBatch, makeTempDir, postSync, push, pushOf, readDb, removeTempDir, startServer, syncStatuses, TOKEN_OWNER } from './support';
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

const withPupils = <T extends Fiche>(fiche: T, pupils: number): T => ({ ...fiche, data: { ...fiche.data, pupils } });

function headRow(id: string): { rev: number; seq: number } | undefined {
  return readDb(server.dbPath, (db) => db.prepare('SELECT rev, seq FROM heads WHERE id = ?').get(id)) as { rev: number; seq: number } | undefined;
}

describe('POST /api/v1/sync, stored', () => {
  it('stores a new fiche as rev 1 with a seq, the device, the token’s owner and the arrival time', async () => {
    const fiche = makeClassroomFiche();
    const batch = makeBatch([pushOf(fiche)], 'tablette-7');
    const before = Date.now();
    const answer = await postSync(server, batch);

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ batchId: batch.batchId, serverTime: expect.any(String), results: [{ id: fiche.id, status: 'stored', rev: 1, seq: expect.any(Number) }] });
    const row = readDb(server.dbPath, (db) => db.prepare('SELECT * FROM revisions WHERE id = ?').get(fiche.id)) as Record<string, unknown>;
    expect(row).toMatchObject({ rev: 1, seq: answer.body.results[0]?.seq, kind: 'classroom', uai: fiche.uai, campaign: '2026-2027', deleted: 0, device_id: 'tablette-7', token_owner: TOKEN_OWNER });
    expect(JSON.parse(row.record as string)).toEqual({ ...fiche, rev: 1 });
    expect(Date.parse(row.received_at as string)).toBeGreaterThanOrEqual(before - 1000);
    expect(row.received_at).toBe(answer.body.serverTime);
  });

  it('numbers each edit on the head as the next rev, with seqs that only grow across fiches', async () => {
    const school = makeSchoolFiche();
    const room = makeClassroomFiche();
    const first = await push(server, [pushOf(school), pushOf(room)]);
    const second = await push(server, [pushOf(withPupils(school, 120), 1), pushOf({ ...room, deleted: true }, 1)]);
    const third = await push(server, [pushOf(withPupils(school, 121), 2)]);

    const results = [...first, ...second, ...third];
    expect(results.map((r) => [r.id, r.status, r.rev])).toEqual([
      [school.id, 'stored', 1], [room.id, 'stored', 1], [school.id, 'stored', 2], [room.id, 'stored', 2], [school.id, 'stored', 3],
    ]);
    const seqs = results.map((r) => r.seq as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(5);
    expect(headRow(school.id)).toEqual({ rev: 3, seq: seqs[4] });
    expect(headRow(room.id)).toEqual({ rev: 2, seq: seqs[3] });
  });

  it('stores what it validated: text trimmed, with rev, without baseRev', async () => {
    const fiche = makeClassroomFiche({ data: { label: '  CM1 B  ', notes: ' fenêtre cassée ' } });
    await push(server, [pushOf(fiche)]);

    const stored = JSON.parse(readDb(server.dbPath, (db) => db.prepare('SELECT record FROM revisions WHERE id = ?').pluck().get(fiche.id)) as string);
    expect(stored.data.label).toBe('CM1 B');
    expect(stored.data.notes).toBe('fenêtre cassée');
    expect(stored.rev).toBe(1);
    expect(stored).not.toHaveProperty('baseRev');
  });

  it('judges two edits of one fiche in one batch in order: the second on the head the first made', async () => {
    const fiche = makeClassroomFiche({ data: { pupils: 20 } });
    const results = await push(server, [pushOf(fiche), pushOf(withPupils(fiche, 21), 1), pushOf(withPupils(fiche, 22), 1)]);

    expect(results.map((r) => [r.status, r.rev ?? r.head?.rev])).toEqual([['stored', 1], ['stored', 2], ['conflict', 2]]);
  });

  it('answers 500 records with 500 results in their order', async () => {
    const fiches = Array.from({ length: 500 }, () => makeClassroomFiche());
    const results = await push(server, fiches.map((f) => pushOf(f)));

    expect(results.map((r) => [r.id, r.status, r.rev])).toEqual(fiches.map((f) => [f.id, 'stored', 1]));
  });
});

describe('POST /api/v1/sync, duplicate', () => {
  it('answers duplicate with the same rev and seq when a batch is sent again after its answer was lost', async () => {
    const batch = makeBatch([pushOf(makeSchoolFiche()), pushOf(makeClassroomFiche())]);
    const first = await postSync(server, batch);
    const again = await postSync(server, batch);

    expect(again.body.results).toEqual(first.body.results.map((r) => ({ ...r, status: 'duplicate' })));
    expect(countRows(server.dbPath, 'revisions')).toBe(2);
  });

  it('answers duplicate to the content made on that base even after later revisions, and to another device', async () => {
    const fiche = makeClassroomFiche({ data: { pupils: 20 } });
    const [made] = await push(server, [pushOf(fiche)], 'tablette-1');
    await push(server, [pushOf(withPupils(fiche, 21), 1)], 'tablette-1');

    expect(await push(server, [pushOf(fiche)], 'tablette-2')).toEqual([{ ...made, status: 'duplicate' }]);
    expect(countRows(server.dbPath, 'revisions')).toBe(2);
    expect(headRow(fiche.id)?.rev).toBe(2);
  });

  it('compares the normalised content, whatever the order of keys or the spaces around text', async () => {
    const fiche = makeClassroomFiche({ data: { label: 'CM1 B' } });
    await push(server, [pushOf(fiche)]);
    const reordered = Object.fromEntries(Object.entries(pushOf({ ...fiche, data: { ...fiche.data, label: ' CM1 B ' } })).reverse());

    expect(await syncStatuses(server, [reordered])).toEqual(['duplicate']);
  });
});

describe('POST /api/v1/sync, conflict', () => {
  it('answers conflict with the head to an edit on a stale base, keeping the sent copy aside once', async () => {
    const fiche = makeClassroomFiche({ data: { label: 'CM1 A' } });
    await push(server, [pushOf(fiche)], 'tablette-1');
    const [stored] = await push(server, [pushOf({ ...fiche, data: { ...fiche.data, label: 'CM1 A bis' } }, 1)], 'tablette-1');
    const stale = pushOf({ ...fiche, data: { ...fiche.data, label: 'CM1 B' } }, 1);

    const [result] = await push(server, [stale], 'tablette-2');
    const [again] = await push(server, [stale], 'tablette-2');

    expect(result).toEqual({ id: fiche.id, status: 'conflict', head: { rev: 2, seq: stored?.seq, record: { ...fiche, rev: 2, data: { ...fiche.data, label: 'CM1 A bis' } }, origin: 'tablette-1' } });
    expect(again).toEqual(result);
    const kept = readDb(server.dbPath, (db) => db.prepare('SELECT rev, base_rev, record, device_id FROM conflicts WHERE id = ?').all(fiche.id)) as Array<Record<string, unknown>>;
    expect(kept.map((c) => [c.rev, c.base_rev, JSON.parse(c.record as string).data.label, c.device_id])).toEqual([[2, 1, 'CM1 B', 'tablette-2']]);
    expect(headRow(fiche.id)?.rev).toBe(2);
    expect(countRows(server.dbPath, 'revisions')).toBe(2);
  });

  it('answers conflict to a fiche created on two tablets at once, both on base 0', async () => {
    const first = makeSchoolFiche({ data: { pupils: 190 } });
    const second = { ...first, author: { name: 'Léa Durand', role: 'directeur' as const }, data: { ...first.data, pupils: 185 } };
    await push(server, [pushOf(first)], 'tablette-1');

    const [result] = await push(server, [pushOf(second)], 'tablette-2');
    expect(result?.status).toBe('conflict');
    expect(result?.head?.record.data).toMatchObject({ pupils: 190 });
  });
});

describe('a token of another scope, or a stale or forged base, cannot overwrite a head', () => {
  /** The head of `id` as held: its rev and record. */
  function heldHead(id: string): { rev: number; record: Fiche } {
    const row = readDb(server.dbPath, (db) => db.prepare('SELECT h.rev, r.record FROM heads h JOIN revisions r ON r.seq = h.seq WHERE h.id = ?').get(id)) as { rev: number; record: string };
    return { rev: row.rev, record: JSON.parse(row.record) as Fiche };
  }

  it('refuses a lecteur’s push on the right base whole (403), and the head stays', async () => {
    const fiche = makeSchoolFiche({ data: { pupils: 190 } });
    await push(server, [pushOf(fiche)], 'tablette-1');
    const before = heldHead(fiche.id);
    const lecteur = await server.makeToken('Léa Durand', { role: 'lecteur' });

    const answer = await postSync<SyncError>(server, makeBatch([pushOf({ ...fiche, deleted: true }, 1)], 'tablette-lecteur'), { token: lecteur });

    expect(answer.status).toBe(403);
    expect(answer.body.error).toBe('forbidden');
    expect(heldHead(fiche.id)).toEqual(before);
    expect(countRows(server.dbPath, 'revisions')).toBe(1);
  });

  it('answers forbidden to an edit on the right base that moves the fiche out of the territory, and the head stays', async () => {
    const room = makeClassroomFiche({ data: { pupils: 20 } });
    await push(server, [pushOf(room)], 'tablette-1');
    const before = heldHead(room.id);

    expect(await syncStatuses(server, [pushOf({ ...room, uai: '0750001U', data: { ...room.data, pupils: 5 } }, 1)], 'tablette-2')).toEqual(['forbidden']);
    expect(heldHead(room.id)).toEqual(before);
  });

  it('lets no forged base overwrite a head: a base above the head is a conflict, and the head stays', async () => {
    const fiche = makeSchoolFiche({ data: { pupils: 190 } });
    await push(server, [pushOf(fiche)], 'tablette-1');
    const forged = pushOf({ ...fiche, deleted: true }, 1_000_000);

    expect(await syncStatuses(server, [forged], 'tablette-pirate')).toEqual(['conflict']);
    expect(headRow(fiche.id)?.rev).toBe(1);
    expect(heldHead(fiche.id).record).toMatchObject({ deleted: false, data: { pupils: 190 } });
  });

  it('lets no stale base overwrite a head: an edit on rev 1 when the head is rev 2 is a conflict, and the head stays', async () => {
    const fiche = makeSchoolFiche({ data: { pupils: 190 } });
    await push(server, [pushOf(fiche)], 'tablette-1');
    await push(server, [pushOf(withPupils(fiche, 191), 1)], 'tablette-1');
    const before = heldHead(fiche.id);

    expect(await syncStatuses(server, [pushOf(withPupils(fiche, 5), 1)], 'tablette-2')).toEqual(['conflict']);
    expect(heldHead(fiche.id)).toEqual(before);
  });
});

describe('POST /api/v1/sync, invalid', () => {
  it('refuses 41 pupils, naming data.pupils in French, and stores the rest of the batch', async () => {
    const [before, tooMany, after] = [makeClassroomFiche(), makeClassroomFiche({ data: { pupils: 41 } }), makeSchoolFiche()];
    const answer = await postSync(server, makeBatch([pushOf(before), pushOf(tooMany), pushOf(after)]));

    expect(answer.body.results).toEqual([
      { id: before.id, status: 'stored', rev: 1, seq: expect.any(Number) },
      { id: tooMany.id, status: 'invalid', errors: [{ path: 'data.pupils', message: "Nombre d'élèves : saisissez un nombre entre 0 et 40 (saisi : 41)." }] },
      { id: after.id, status: 'stored', rev: 1, seq: expect.any(Number) },
    ]);
    expect(countRows(server.dbPath, 'revisions')).toBe(2);
  });

  it('refuses a base above 0 for a fiche the server never held, naming baseRev', async () => {
    const fiche = makeClassroomFiche();
    const [result] = await push(server, [pushOf(fiche, 3)]);

    expect(result).toEqual({ id: fiche.id, status: 'invalid', errors: [{ path: 'baseRev', message: expect.stringMatching(/^Révision de base : /) }] });
    expect(countRows(server.dbPath, 'revisions')).toBe(0);
  });

  it('refuses a record that carries a rev, or no baseRev', async () => {
    const fiche = makeClassroomFiche();
    const { baseRev: _, ...withoutBase } = pushOf(fiche);
    const results = await push(server, [{ ...pushOf(fiche), rev: 5 }, withoutBase]);

    expect(results.map((r) => [r.status, r.errors?.map((e) => e.path)])).toEqual([['invalid', ['rev']], ['invalid', ['baseRev']]]);
    expect(countRows(server.dbPath, 'revisions')).toBe(0);
  });

  it('refuses a school fiche whose id is not ecole-<campaign>-<uai> of its own campaign and UAI', async () => {
    const uuid = makeSchoolFiche({ id: crypto.randomUUID() });
    const otherSchool = makeSchoolFiche({ id: 'ecole-2026-2027-0130001F', uai: '0130569Y' });
    const results = await push(server, [pushOf(uuid), pushOf(otherSchool)]);

    expect(results.map((r) => [r.status, [...new Set(r.errors?.map((e) => e.path))]])).toEqual([['invalid', ['id']], ['invalid', ['id']]]);
  });

  it('refuses an unknown kind, or a record that is not an object, as invalid records, not as a refused batch', async () => {
    const gym = { ...pushOf(makeClassroomFiche()), kind: 'gymnase' };
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
});
