// GET /api/v1/fiches/<id>/history over HTTP against the real server and SQLite file: every stored revision with its
// device, token owner, arrival time and seq, the copies kept aside, oldest first; who may read it; and what an id that
// is no fiche's gets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { FicheHistory } from '../../server/src/store/store';
import { makeTerritory } from '../../server/src/territory';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import type { SyncError } from '../../src/model/sync-protocol';
import type { ClassroomFiche } from '../../src/model/types';
import { makeBatch, makeTempDir, postSync, pushOf, removeTempDir, startServer, TOKEN_OWNER, type Answer, type TestServer } from './support';

let dir: string;
let server: TestServer;
let clock: Date;

beforeEach(async () => {
  dir = makeTempDir();
  clock = new Date('2026-11-29T09:00:00.000Z');
  server = await startServer(join(dir, 'tne13.sqlite'), { now: () => clock });
});

afterEach(async () => {
  await server.close();
  removeTempDir(dir);
});

/** GET the history of `id` (a path segment, sent as written) with `token` (none: null). */
async function getHistory<T = FicheHistory>(id: string, token: string | null = server.token, on: TestServer = server): Promise<Answer<T>> {
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  const response = await fetch(`${on.url}/api/v1/fiches/${id}/history`, { headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

/** Pushes one record at `at` from `deviceId` with `token`; answers its result. */
async function pushAt(at: string, record: unknown, deviceId: string, token: string) {
  clock = new Date(at);
  const answer = await postSync(server, makeBatch([record], deviceId), { token });
  expect(answer.status).toBe(200);
  return answer.body.results[0];
}

const withPupils = (fiche: ClassroomFiche, pupils: number): ClassroomFiche => ({ ...fiche, data: { ...fiche.data, pupils } });

describe('the history of a fiche', () => {
  it('lists its three revisions with device, token owner, arrival time and seq, and the copy kept aside, oldest first', async () => {
    const lea = await server.makeToken('Léa Durand', { role: 'auditeur' });
    const fiche = makeClassroomFiche({ data: { pupils: 20 } });
    const first = await pushAt('2026-11-29T10:00:00.000Z', pushOf(fiche), 'tablette-1', server.token);
    const second = await pushAt('2026-11-29T11:00:00.000Z', pushOf(withPupils(fiche, 21), 1), 'tablette-2', lea);
    const third = await pushAt('2026-11-29T12:00:00.000Z', pushOf(withPupils(fiche, 22), 2), 'tablette-1', server.token);
    // Made on rev 1 while the head is rev 3: kept aside, not stored.
    const stale = await pushAt('2026-11-29T13:00:00.000Z', pushOf(withPupils(fiche, 30), 1), 'tablette-3', lea);
    expect([first, second, third, stale].map((result) => result?.status)).toEqual(['stored', 'stored', 'stored', 'conflict']);

    const answer = await getHistory(fiche.id, await server.makeToken('Sam Bernard', { role: 'lecteur' }));

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.body).toEqual({
      id: fiche.id,
      revisions: [
        { rev: 1, seq: first?.seq, deviceId: 'tablette-1', tokenOwner: TOKEN_OWNER, receivedAt: '2026-11-29T10:00:00.000Z', record: { ...fiche, rev: 1 } },
        { rev: 2, seq: second?.seq, deviceId: 'tablette-2', tokenOwner: 'Léa Durand', receivedAt: '2026-11-29T11:00:00.000Z', record: { ...withPupils(fiche, 21), rev: 2 } },
        { rev: 3, seq: third?.seq, deviceId: 'tablette-1', tokenOwner: TOKEN_OWNER, receivedAt: '2026-11-29T12:00:00.000Z', record: { ...withPupils(fiche, 22), rev: 3 } },
      ],
      conflicts: [
        { headRev: 3, baseRev: 1, deviceId: 'tablette-3', tokenOwner: 'Léa Durand', receivedAt: '2026-11-29T13:00:00.000Z', record: pushOf(withPupils(fiche, 30), 1) },
      ],
    });
    expect(answer.body.revisions.map((revision) => revision.seq)).toEqual([first?.seq, second?.seq, third?.seq].sort((a = 0, b = 0) => a - b));
  });

  it('answers a school fiche by its derived id, its text as stored (trimmed), and no conflict when there was none', async () => {
    const fiche = makeSchoolFiche({ data: { notes: '  Préau à câbler\u200b ' } });
    await pushAt('2026-11-29T10:00:00.000Z', pushOf(fiche), 'tablette-1', server.token);

    const answer = await getHistory(fiche.id);
    expect(answer.status).toBe(200);
    expect(answer.body.revisions.map((revision) => revision.record.data)).toEqual([{ ...fiche.data, notes: 'Préau à câbler' }]);
    expect(answer.body.conflicts).toEqual([]);
  });
});

describe('who may read a fiche’s history', () => {
  it('lets lecteur and admin in, refuses an auditeur with a 403 naming what its role may not do, and no token with a 401', async () => {
    const fiche = makeClassroomFiche();
    await pushAt('2026-11-29T10:00:00.000Z', pushOf(fiche), 'tablette-1', server.token);
    const lecteur = await server.makeToken('Sam Bernard', { role: 'lecteur' });
    const auditeur = await server.makeToken('Léa Durand', { role: 'auditeur' });

    const [asLecteur, asAdmin, asAuditeur, anonymous] = [
      await getHistory(fiche.id, lecteur),
      await getHistory(fiche.id, server.token),
      await getHistory<SyncError>(fiche.id, auditeur),
      await getHistory<SyncError>(fiche.id, null),
    ];
    expect([asLecteur.status, asAdmin.status, asAuditeur.status, anonymous.status]).toEqual([200, 200, 403, 401]);
    expect(asLecteur.body).toEqual(asAdmin.body);
    expect(asAuditeur.body).toEqual({
      error: 'forbidden',
      message: "Ce jeton (rôle auditeur) ne permet pas de consulter l'historique des fiches ; demandez à l'administrateur un jeton de lecteur.",
    });
    expect(anonymous.body.error).toBe('unauthorized');
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('refuses an auditeur even for a fiche the server never held: the role is checked before the id', async () => {
    const auditeur = await server.makeToken('Léa Durand', { role: 'auditeur' });
    expect((await getHistory(crypto.randomUUID(), auditeur)).status).toBe(403);
  });
});

describe('an id that is no fiche’s', () => {
  it('answers 404 in French for a fiche the server never held', async () => {
    const id = crypto.randomUUID();
    const answer = await getHistory<SyncError>(id);
    expect(answer).toMatchObject({ status: 404, body: { error: 'not_found', message: `Fiche ${id} inconnue du serveur.` } });
  });

  it('answers odd ids with a French 400, 404 or 414 (a segment over 100 characters), never a crash', async () => {
    const invalid = { error: 'invalid_request', message: expect.stringMatching(/^Identifiant de fiche invalide : attendu un UUID ou ecole-<campagne>-<UAI>/) };
    const cases: ReadonlyArray<[string, number, object]> = [
      ['%00', 400, invalid],
      ['salle%201', 400, invalid],
      ['a%2Fb', 400, invalid],
      ['%27%20OR%201%3D1--', 400, invalid],
      ['%C3%A9cole', 400, invalid],
      ['%FF', 400, { error: 'invalid_url' }],
      ['x'.repeat(100), 404, { error: 'not_found', message: `Fiche ${'x'.repeat(100)} inconnue du serveur.` }],
      ['x'.repeat(101), 414, { error: 'invalid_url', message: 'Adresse invalide : un de ses segments est trop long.' }],
      ['x'.repeat(5000), 414, { error: 'invalid_url' }],
    ];
    for (const [segment, status, body] of cases) {
      const answer = await getHistory<SyncError>(segment);
      expect([segment.slice(0, 20), answer.status, answer.body]).toEqual([segment.slice(0, 20), status, expect.objectContaining(body)]);
    }
  });

  it('answers another method with a 405 naming GET and HEAD, whatever the id', async () => {
    const response = await fetch(`${server.url}/api/v1/fiches/${crypto.randomUUID()}/history`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(((await response.json()) as SyncError).error).toBe('method_not_allowed');
  });

  it('answers 404 for a fiche of a campaign the server no longer accepts, as the pull leaves it out, saying why', async () => {
    const old = makeClassroomFiche({ campaign: '2025-2026' });
    await pushAt('2026-11-29T10:00:00.000Z', pushOf(old), 'tablette-1', server.token);
    await server.close();
    server = await startServer(join(dir, 'tne13.sqlite'), { now: () => clock, territory: makeTerritory('013', ['2026-2027']) });

    const answer = await getHistory<SyncError>(old.id);
    expect(answer).toMatchObject({
      status: 404,
      body: { error: 'not_found', message: `Fiche ${old.id} hors du territoire de ce serveur : sa campagne 2025-2026 n'y est pas acceptée.` },
    });
  });
});
