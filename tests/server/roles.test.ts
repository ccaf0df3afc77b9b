// Roles (sync.md "Roles and tokens"), over HTTP against the real server and SQLite file: each role on each endpoint,
// allowed or refused whole with a 403 that names what the role may not do, and a refused push that stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Role } from '../../server/src/roles';
import { makeClassroomFiche } from '../../src/model/make';
import type { SyncError } from '../../src/model/sync-protocol';
import { countRows, makeBatch, makeTempDir, postSync, pushOf, readDb, removeTempDir, startServer, type TestServer } from './support';

const CAMPAIGN = '2026-2027';

let dir: string;
let server: TestServer;
const tokens = {} as Record<Role, string>;
/** A fiche the server holds, whose history the table reads. */
const held = makeClassroomFiche();

beforeAll(async () => {
  dir = makeTempDir();
  server = await startServer(join(dir, 'tne13.sqlite'));
  for (const role of ['auditeur', 'lecteur', 'admin'] as const) tokens[role] = await server.makeToken(`Titulaire ${role}`, { role });
  expect((await postSync(server, makeBatch([pushOf(held)]))).status).toBe(200);
});

afterAll(async () => {
  await server.close();
  removeTempDir(dir);
});

type Endpoint = 'push' | 'pull' | 'schools' | 'export.xlsx' | 'export.csv' | 'health' | 'history';

/** One request to `endpoint` with `token`: its status and, for a refusal, its body. */
async function call(endpoint: Endpoint, token: string): Promise<{ status: number; body: unknown }> {
  const authorization = `Bearer ${token}`;
  if (endpoint === 'push') {
    const answer = await postSync(server, makeBatch([pushOf(makeClassroomFiche())]), { token });
    return { status: answer.status, body: answer.body };
  }
  const paths: Record<Exclude<Endpoint, 'push'>, string> = {
    pull: `/api/v1/changes?campaign=${CAMPAIGN}`,
    schools: '/api/v1/schools',
    'export.xlsx': `/api/v1/export.xlsx?campaign=${CAMPAIGN}`,
    'export.csv': `/api/v1/export.csv?sheet=ecoles&campaign=${CAMPAIGN}`,
    health: '/api/v1/health',
    history: `/api/v1/fiches/${held.id}/history`,
  };
  const response = await fetch(`${server.url}${paths[endpoint]}`, { headers: { authorization } });
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, body: type.startsWith('application/json') ? await response.json() : null };
}

const PUSH_REFUSED = "Ce jeton (rôle lecteur) ne permet pas d'envoyer des fiches ; demandez à l'administrateur un jeton d'auditeur.";
const EXPORT_REFUSED = "Ce jeton (rôle auditeur) ne permet pas d'exporter le tableau départemental ; demandez à l'administrateur un jeton de lecteur.";
const HISTORY_REFUSED = "Ce jeton (rôle auditeur) ne permet pas de consulter l'historique des fiches ; demandez à l'administrateur un jeton de lecteur.";

// sync.md's table: auditeur pushes and pulls; lecteur pulls, exports and reads history; admin does everything. The
// directory and the health probe answer every role (and no token at all).
const TABLE: ReadonlyArray<[Role, Endpoint, 200 | 403, string?]> = [
  ['auditeur', 'push', 200],
  ['auditeur', 'pull', 200],
  ['auditeur', 'schools', 200],
  ['auditeur', 'health', 200],
  ['auditeur', 'export.xlsx', 403, EXPORT_REFUSED],
  ['auditeur', 'export.csv', 403, EXPORT_REFUSED],
  ['auditeur', 'history', 403, HISTORY_REFUSED],
  ['lecteur', 'push', 403, PUSH_REFUSED],
  ['lecteur', 'pull', 200],
  ['lecteur', 'schools', 200],
  ['lecteur', 'health', 200],
  ['lecteur', 'export.xlsx', 200],
  ['lecteur', 'export.csv', 200],
  ['lecteur', 'history', 200],
  ['admin', 'push', 200],
  ['admin', 'pull', 200],
  ['admin', 'schools', 200],
  ['admin', 'health', 200],
  ['admin', 'export.xlsx', 200],
  ['admin', 'export.csv', 200],
  ['admin', 'history', 200],
];

describe('what each role may do', () => {
  it.each(TABLE)('a token of role %s on %s: %i', async (role, endpoint, status, message) => {
    const answer = await call(endpoint, tokens[role]);
    expect(answer.status).toBe(status);
    if (status === 403) expect(answer.body).toEqual({ error: 'forbidden', message });
  });

  it('refuses a lecteur’s push whole, before its body is read, and stores nothing of it', async () => {
    const before = countRows(server.dbPath, 'revisions');
    const refused = await postSync<SyncError>(server, makeBatch([pushOf(makeClassroomFiche())]), { token: tokens.lecteur });
    // Not even JSON: the role is refused first, as a missing token is.
    const notJson = await postSync<SyncError>(server, 'pas du JSON', { token: tokens.lecteur, contentType: 'text/plain' });

    expect([refused.status, notJson.status]).toEqual([403, 403]);
    expect(notJson.body).toEqual({ error: 'forbidden', message: PUSH_REFUSED });
    expect(countRows(server.dbPath, 'revisions')).toBe(before);
  });

  it('records each revision with its token’s owner, whatever the role', async () => {
    for (const role of ['auditeur', 'admin'] as const) {
      const fiche = makeClassroomFiche();
      await postSync(server, makeBatch([pushOf(fiche)]), { token: tokens[role] });
      expect(readDb(server.dbPath, (db) => db.prepare('SELECT token_owner FROM revisions WHERE id = ?').pluck().get(fiche.id))).toBe(`Titulaire ${role}`);
    }
  });

  it('gives the directory to a request without a token, as devices ask for it', async () => {
    const response = await fetch(`${server.url}/api/v1/schools`);
    expect(response.status).toBe(200);
  });
});
