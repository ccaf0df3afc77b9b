// GET and PUT /api/v1/referential (sync.md "Other endpoints") over HTTP against the real server and SQLite file: the
// default référentiel, its ETag (the same from two instances on one database), who may read and publish, the French
// messages naming each refused field, the versions the server numbers, a version taken, the audit log, and the
// server's export computed with the référentiel in force (its Référentiel sheet read back from the CSV endpoint).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { REFERENTIAL_V1, type Referential } from '../../src/model/referential';
import { makeTempDir, readDb, removeTempDir, startServer, TOKEN_OWNER, type TestServer } from './support';
import { AUDIT_BY } from './store-under-test';

/** 28 November 2026: new versions are numbered in 2026. */
const NOW = new Date('2026-11-28T17:38:00.000Z');
const PATH = '/api/v1/referential';

let dir: string;
let dbPath: string;
let server: TestServer;

beforeEach(async () => {
  dir = makeTempDir();
  dbPath = join(dir, 'tne13.sqlite');
  server = await startServer(dbPath, { now: () => NOW });
});

afterEach(async () => {
  await server.close();
  removeTempDir(dir);
});

interface Answer {
  status: number;
  etag: string | null;
  body: Record<string, unknown> | null;
}

async function call(method: 'GET' | 'PUT', options: { token?: string | null; body?: unknown; query?: string; etag?: string; on?: TestServer } = {}): Promise<Answer> {
  const on = options.on ?? server;
  const token = options.token === undefined ? on.token : options.token;
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.etag !== undefined) headers['if-none-match'] = options.etag;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${on.url}${PATH}${options.query ?? ''}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, etag: response.headers.get('etag'), body: text === '' ? null : (JSON.parse(text) as Record<string, unknown>) };
}

/** v1 with some parameters changed, as an administrator would send it. */
const edited = (params: Partial<Referential['params']>): Referential => ({ ...REFERENTIAL_V1, params: { ...REFERENTIAL_V1.params, ...params } });

/** The Référentiel sheet of the server's export, one row per line, cells split on `;` (none of these cells holds one). */
async function referentialSheet(): Promise<{ etag: string | null; rows: string[][] }> {
  const response = await fetch(`${server.url}/api/v1/export.csv?sheet=referentiel&campaign=2026-2027`, { headers: { authorization: `Bearer ${server.token}` } });
  expect(response.status).toBe(200);
  const text = (await response.text()).replace(/^\uFEFF/, '');
  return { etag: response.headers.get('etag'), rows: text.split('\r\n').filter((line) => line !== '').map((line) => line.split(';')) };
}

const rowLabelled = (rows: string[][], label: string) => rows.find((row) => row[2] === label);

describe('GET /api/v1/referential', () => {
  it('answers the default référentiel (v1) while none is published, with an ETag that an unchanged copy answers 304', async () => {
    const auditeur = await server.makeToken('Auditrice', { role: 'auditeur' });
    const answer = await call('GET', { token: auditeur });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(REFERENTIAL_V1)));
    expect(answer.etag).toMatch(/^"[\w-]{43}"$/);

    const again = await call('GET', { token: auditeur, etag: answer.etag ?? '' });
    expect([again.status, again.etag, again.body]).toEqual([304, answer.etag, null]);
    expect((await call('GET', { token: auditeur, etag: '"autre"' })).status).toBe(200);
  });

  it('gives the same ETag from two instances of the server on one database: it is the hash of the body, not of a process', async () => {
    const second = await startServer(dbPath, { now: () => NOW });
    try {
      expect((await call('GET', { on: second })).etag).toBe((await call('GET')).etag);
      expect((await call('PUT', { body: edited({ maxAgeYears: 6 }) })).status).toBe(201);
      const [first, other] = [await call('GET'), await call('GET', { on: second })];
      expect(first.body?.version).toBe('2026.2');
      expect(other.etag).toBe(first.etag);
    } finally {
      await second.close();
    }
  });

  it('is refused without a token or with an unknown one (401); every role reads it', async () => {
    expect((await call('GET', { token: null })).status).toBe(401);
    expect((await call('GET', { token: 'jeton-inconnu' })).status).toBe(401);
    for (const role of ['auditeur', 'lecteur', 'admin'] as const) {
      expect((await call('GET', { token: await server.makeToken(`Titulaire ${role}`, { role }) })).status, role).toBe(200);
    }
  });
});

describe('PUT /api/v1/referential', () => {
  it('is for the admin role only: an auditeur or a lecteur may read but not publish (403), and nothing is published', async () => {
    for (const role of ['auditeur', 'lecteur'] as const) {
      const answer = await call('PUT', { token: await server.makeToken(`Titulaire ${role}`, { role }), body: edited({ maxAgeYears: 6 }) });
      expect(answer).toMatchObject({
        status: 403,
        body: { error: 'forbidden', message: `Ce jeton (rôle ${role}) ne permet pas de publier le référentiel ; demandez à l'administrateur un jeton d'administrateur (rôle admin).` },
      });
    }
    expect((await call('GET')).body?.version).toBe('2026.1');
  });

  it('refuses a référentiel out of bounds with a 400 naming each field in French, and publishes nothing', async () => {
    const body = {
      ...edited({ maxAgeYears: 40, minRamGb: 'huit' as unknown as number }),
      prices: [{ item: 'display', unitPriceHt: -5, date: null, source: null }, { item: 'hoverboard', unitPriceHt: 10, date: null, source: null }],
      funding: { ...REFERENTIAL_V1.funding, stateShareBelow: 70 },
      targets: { classes: 2700 },
    };
    const answer = await call('PUT', { body });
    expect(answer.status).toBe(400);
    expect(answer.body?.error).toBe('invalid_referential');
    const errors = answer.body?.errors as Array<{ path: string; message: string }>;
    expect(errors.map((e) => e.path)).toEqual([
      'params.maxAgeYears',
      'params.minRamGb',
      'prices.0.unitPriceHt',
      'prices.1.item',
      'funding.stateShareBelow',
      'targets.newTeachers',
    ]);
    expect(errors[0]?.message).toBe("params.maxAgeYears (Âge maximal d'un ordinateur ou d'une flotte mobile (ans)) : saisissez un nombre entre 1 et 30 (saisi : 40).");
    expect(errors[2]?.message).toBe('prices.0.unitPriceHt (Prix unitaire HT (€) – Écran numérique interactif (ENI 65")) : saisissez un nombre entre 0 et 1\u202f000\u202f000 (saisi : -5).');
    expect(errors[3]?.message).toMatch(/^prices\.1\.item \(Article – article n° 2\) : article inconnu \(saisi : hoverboard\) : display, /);
    expect(errors[4]?.message).toBe("funding.stateShareBelow (Financement : Part de l'État sous le seuil (fraction, 0,7 pour 70 %)) : saisissez un nombre entre 0 et 1 (saisi : 70).");
    expect(errors[5]?.message).toBe('targets.newTeachers (Objectif : néo-titulaires à équiper) : ce champ manque.');
    expect(answer.body?.message).toMatch(/^Référentiel refusé, rien n'est publié : params\.maxAgeYears /);

    expect((await call('PUT', { body: [] })).status).toBe(400);
    const notJson = await fetch(`${server.url}${PATH}`, { method: 'PUT', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'text/plain' }, body: 'x' });
    expect(notJson.status).toBe(415);
    expect((await call('GET')).body?.version).toBe('2026.1');
  });

  it('numbers the versions after the highest held, or takes the one given; a version published once is a 409', async () => {
    const published = await call('PUT', { body: edited({ maxAgeYears: 6 }) });
    expect(published.status).toBe(201);
    // Rules and wording come from the code; the version from the server.
    expect(published.body).toEqual(JSON.parse(JSON.stringify({ ...edited({ maxAgeYears: 6 }), version: '2026.2' })));
    const served = await call('GET');
    expect([served.body?.version, served.etag]).toEqual(['2026.2', published.etag]);

    // A body's own version (as `npm run referential -- show` prints it) is not read.
    expect((await call('PUT', { body: { ...edited({ maxAgeYears: 7 }), version: '2026.2' } })).body?.version).toBe('2026.3');
    expect((await call('PUT', { body: edited({ maxAgeYears: 8 }), query: '?version=2026.9' })).body?.version).toBe('2026.9');
    expect((await call('PUT', { body: edited({ maxAgeYears: 9 }) })).body?.version).toBe('2026.10');

    for (const version of ['2026.2', '2026.1']) {
      expect(await call('PUT', { body: edited({ maxAgeYears: 10 }), query: `?version=${version}` })).toMatchObject({
        status: 409,
        body: {
          error: 'version_taken',
          message: `La version ${version} du référentiel est déjà publiée : une version publiée ne change plus. Publiez sous une autre version, ou sans en donner (le serveur numérote).`,
        },
      });
    }
    const local = await call('PUT', { body: edited({ maxAgeYears: 10 }), query: '?version=2026.1-local.1' });
    expect(local.status).toBe(400);
    expect(local.body?.message).toContain('Version « 2026.1-local.1 » invalide : attendue sous la forme 2026.2');

    const latest = await call('GET', { etag: served.etag ?? '' });
    expect([latest.status, (latest.body?.params as Referential['params']).maxAgeYears, latest.body?.version]).toEqual([200, 9, '2026.10']);
    // Each publication is in the audit log, with the token's owner.
    const logged = readDb(dbPath, (db) => db.prepare(`SELECT ${AUDIT_BY} AS "by", details FROM audit_events WHERE kind = 'referential-published' ORDER BY seq`).all()) as Array<{ by: string; details: string }>;
    expect(logged.map((row) => [row.by, JSON.parse(row.details)])).toEqual(
      ['2026.2', '2026.3', '2026.9', '2026.10'].map((version) => [TOKEN_OWNER, { via: 'api', version }]),
    );
  });
});

describe('the server’s export', () => {
  it('computes with the référentiel in force: a publication changes its ETag and its Référentiel sheet', async () => {
    const before = await referentialSheet();
    expect(rowLabelled(before.rows, 'Version du référentiel')?.[3]).toBe('2026.1');
    expect(rowLabelled(before.rows, "Âge maximal d'un ordinateur ou d'une flotte mobile")?.[3]).toBe('5');
    // Not a simulation: no warning on its first line.
    expect(before.rows[1]?.[0]).toBe('Export');

    expect((await call('PUT', { body: edited({ maxAgeYears: 6 }) })).status).toBe(201);
    const after = await referentialSheet();
    expect(after.etag).not.toBe(before.etag);
    expect(rowLabelled(after.rows, 'Version du référentiel')?.[3]).toBe('2026.2');
    expect(rowLabelled(after.rows, "Âge maximal d'un ordinateur ou d'une flotte mobile")?.[3]).toBe('6');
    expect(after.rows[1]?.[0]).toBe('Export');
  });
});
