// GET /api/v1/changes (sync.md v2, "Pull") over HTTP against the real server and SQLite file: pages of heads by
// seq, a cursor that never skips a change while others push, filters by circonscription and UAI, and the refusals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { makeClassroomFiche, makeDirectorySchool, makeSchoolFiche } from '../../src/model/make';
import type { ChangesResponse, Head, SyncError } from '../../src/model/sync-protocol';
import type { Fiche } from '../../src/model/types';
import { getChanges, makeTempDir, push, pushOf, readDb, removeTempDir, startServer, useDirectory } from './support';
import type { TestServer } from './support';

const CAMPAIGN = '2026-2027';

let dir: string;
let server: TestServer;

beforeEach(async () => {
  dir = makeTempDir();
  const dbPath = join(dir, 'tne13.sqlite');
  await useDirectory(dbPath, [
    makeDirectorySchool({ uai: '0130569Y', circonscription: 'Marseille 02 – Joliette' }),
    makeDirectorySchool({ uai: '0131234W', circonscription: 'Marseille 09 – Mazargues' }),
    makeDirectorySchool({ uai: '0130001F', circonscription: 'Aix-en-Provence Sud' }),
  ]);
  server = await startServer(dbPath);
});

afterEach(async () => {
  await server.close();
  removeTempDir(dir);
});

const withPupils = <T extends Fiche>(fiche: T, pupils: number): T => ({ ...fiche, data: { ...fiche.data, pupils } });

/** Pushes new fiches (base 0), all of which must be stored. */
async function pushNew(fiches: readonly Fiche[]): Promise<void> {
  const results = await push(server, fiches.map((f) => pushOf(f)));
  expect(results.map((r) => r.status)).toEqual(fiches.map(() => 'stored'));
}

async function page(params: Record<string, string | number | readonly string[]>): Promise<ChangesResponse> {
  const answer = await getChanges(server, { campaign: CAMPAIGN, ...params });
  expect(answer.status).toBe(200);
  return answer.body;
}

/** The server's heads of the campaign, read from its file: what a device that pulled everything must hold. */
function serverHeads(): Map<string, number> {
  const rows = readDb(server.dbPath, (db) => db.prepare('SELECT id, rev FROM heads WHERE campaign = ?').all(CAMPAIGN)) as Array<{ id: string; rev: number }>;
  return new Map(rows.map((row) => [row.id, row.rev]));
}

describe('GET /api/v1/changes, pages', () => {
  it('answers each fiche’s current head by seq, with its rev and without baseRev, tombstones included', async () => {
    const [room, school, gone] = [makeClassroomFiche(), makeSchoolFiche(), makeClassroomFiche()];
    await pushNew([room, school, gone]);
    await push(server, [pushOf(withPupils(room, 24), 1), pushOf({ ...gone, deleted: true }, 1)]);

    const { changes, cursor, more } = await page({});

    expect(changes.map((h) => [h.record.id, h.rev, h.record.deleted])).toEqual([[school.id, 1, false], [room.id, 2, false], [gone.id, 2, true]]);
    expect(changes[1]).toEqual({ rev: 2, seq: expect.any(Number), record: { ...withPupils(room, 24), rev: 2 }, origin: 'tablette-1' });
    expect(changes.map((h) => h.record)).not.toContainEqual(expect.objectContaining({ baseRev: expect.anything() }));
    expect(cursor).toBe(String(changes[2]?.seq));
    expect(more).toBe(false);
  });

  it('names with each head the device that made the fiche, not the one that sent its latest revision', async () => {
    const [room, other] = [makeClassroomFiche(), makeClassroomFiche()];
    await pushNew([room]);
    expect(await push(server, [pushOf(withPupils(room, 24), 1), pushOf(other)], 'tablette-2')).toMatchObject([{ status: 'stored' }, { status: 'stored' }]);

    const { changes } = await page({});
    expect(changes.map((h) => [h.record.id, h.rev, h.origin])).toEqual([[room.id, 2, 'tablette-1'], [other.id, 1, 'tablette-2']]);
  });

  it('pages through with more while a page is full, then an empty page with more false that keeps the cursor', async () => {
    const fiches = Array.from({ length: 4 }, () => makeClassroomFiche());
    await pushNew(fiches);

    const first = await page({ limit: 2 });
    const second = await page({ limit: 2, since: first.cursor });
    const third = await page({ limit: 2, since: second.cursor });

    expect([first, second].map((p) => [p.changes.length, p.more])).toEqual([[2, true], [2, true]]);
    expect([...first.changes, ...second.changes].map((h) => h.record.id)).toEqual(fiches.map((f) => f.id));
    expect(third).toEqual({ changes: [], cursor: second.cursor, more: false });
    expect(await page({ limit: 2, since: '999999' })).toEqual({ changes: [], cursor: '999999', more: false });
  });

  it('answers at most 500 heads when no limit is asked, and up to 1000 when asked', async () => {
    const fiches = Array.from({ length: 501 }, () => makeClassroomFiche());
    await pushNew(fiches.slice(0, 500));
    await pushNew(fiches.slice(500));

    const byDefault = await page({});
    expect([byDefault.changes.length, byDefault.more]).toEqual([500, true]);
    const asked = await page({ limit: 1000 });
    expect([asked.changes.length, asked.more]).toEqual([501, false]);
  });

  it('answers only the campaign asked', async () => {
    const [now, before] = [makeClassroomFiche(), makeClassroomFiche({ campaign: '2025-2026' })];
    await pushNew([now, before]);

    expect((await page({})).changes.map((h) => h.record.id)).toEqual([now.id]);
    expect((await page({ campaign: '2025-2026' })).changes.map((h) => h.record.id)).toEqual([before.id]);
  });

  it('never skips a change while others push between pages, and ends with the server’s heads', async () => {
    const fiches = Array.from({ length: 12 }, (_, i) => makeClassroomFiche({ data: { pupils: i } }));
    await pushNew(fiches);
    const pulled = new Map<string, Head>();
    let cursor = '';
    let more = true;
    for (let round = 0; more; round++) {
      const answer = await page({ limit: 3, ...(cursor === '' ? {} : { since: cursor }) });
      for (const head of answer.changes) pulled.set(head.record.id, head);
      ({ cursor, more } = answer);
      // Between pages: an edit of a fiche already pulled, one of a fiche not yet pulled, and a new fiche.
      if (round < 3) {
        const [seen, unseen] = [fiches[round]!, fiches[11 - round]!];
        const heads = serverHeads();
        await push(server, [pushOf(withPupils(seen, 30 + round), heads.get(seen.id)), pushOf(withPupils(unseen, 30 + round), heads.get(unseen.id)), pushOf(makeClassroomFiche())]);
      }
    }

    expect(new Map([...pulled].map(([id, head]) => [id, head.rev]))).toEqual(serverHeads());
    expect((await page({ since: cursor })).changes).toEqual([]);
  });

  it('keeps its cursor meaningful under concurrent pushes: pulling while batches arrive misses nothing', async () => {
    const fiches = Array.from({ length: 40 }, () => makeClassroomFiche());
    const pushing = Promise.all(Array.from({ length: 8 }, (_, i) => push(server, fiches.slice(i * 5, i * 5 + 5).map((f) => pushOf(f)))));
    const pulled = new Map<string, number>();
    let cursor = '0';
    for (let i = 0; i < 20; i++) {
      const answer = await page({ limit: 4, since: cursor });
      for (const head of answer.changes) pulled.set(head.record.id, head.rev);
      cursor = answer.cursor;
    }
    await pushing;
    for (let more = true; more; ) {
      const answer = await page({ limit: 4, since: cursor });
      for (const head of answer.changes) pulled.set(head.record.id, head.rev);
      ({ cursor, more } = answer);
    }

    expect(pulled).toEqual(serverHeads());
    expect(pulled.size).toBe(40);
  });
});

describe('GET /api/v1/changes, filters', () => {
  it('filters by the directory’s circonscription label, exactly, and by UAI, as a union', async () => {
    const [joliette, mazargues, aix, outside] = ['0130569Y', '0131234W', '0130001F', '0139999Y'].map((uai) => makeClassroomFiche({ uai }));
    await pushNew([joliette!, mazargues!, aix!, outside!]);
    const uaisOf = async (params: Record<string, string | readonly string[]>) => (await page(params)).changes.map((h) => h.record.uai);

    expect(await uaisOf({ circonscription: 'Marseille 09 – Mazargues' })).toEqual(['0131234W']);
    expect(await uaisOf({ circonscription: 'marseille 09 – mazargues' })).toEqual([]);
    expect(await uaisOf({ uai: '0139999Y' })).toEqual(['0139999Y']);
    expect(await uaisOf({ circonscription: ['Marseille 02 – Joliette', 'Aix-en-Provence Sud'], uai: ['0139999Y', '0130001F'] })).toEqual(['0130569Y', '0130001F', '0139999Y']);
  });
});

describe('GET /api/v1/changes, refusals', () => {
  function expectRefused(answer: { status: number; body: SyncError }, status: number, error: string, message: RegExp): void {
    expect(answer.status).toBe(status);
    expect(Object.keys(answer.body).sort()).toEqual(['error', 'message']);
    expect(answer.body).toEqual({ error, message: expect.stringMatching(message) });
  }

  it('requires a token', async () => {
    expectRefused(await getChanges<SyncError>(server, { campaign: CAMPAIGN }, null), 401, 'unauthorized', /^Jeton d'accès manquant/);
    expectRefused(await getChanges<SyncError>(server, { campaign: CAMPAIGN }, 'pas-un-jeton'), 401, 'unauthorized', /^Jeton d'accès inconnu/);
  });

  it('requires a campaign, as a school year', async () => {
    expectRefused(await getChanges<SyncError>(server, {}), 400, 'invalid_request', /^Paramètre campaign manquant/);
    expectRefused(await getChanges<SyncError>(server, { campaign: '2026' }), 400, 'invalid_request', /^Campagne « 2026 » invalide/);
  });

  it('refuses a limit outside 1 to 1000 rather than cut it, and a cursor it did not give', async () => {
    for (const limit of ['0', '1001', 'beaucoup', '-5', '2.5']) {
      expectRefused(await getChanges<SyncError>(server, { campaign: CAMPAIGN, limit }), 400, 'invalid_request', /^Paramètre limit « .* » invalide : un nombre entier de 1 à 1000\.$/);
    }
    expectRefused(await getChanges<SyncError>(server, { campaign: CAMPAIGN, since: 'abc' }), 400, 'invalid_request', /^Curseur « abc » invalide/);
    expectRefused(await getChanges<SyncError>(server, { campaign: CAMPAIGN, since: ['1', '2'] }), 400, 'invalid_request', /since ne peut figurer qu'une fois/);
  });
});
