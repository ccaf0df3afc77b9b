// Access tokens: created by the CLI and shown once, kept only as a hash, with a role, an expiry (the end of a day in
// Paris) and a revocation; what the server checks on every request (401 with a French reason); tokens made before
// roles; the demonstration token of a first start.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { ExecFileSyncOptionsWithStringEncoding } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { migrate } from '../../server/src/store/sqlite/schema';
import { makeClassroomFiche } from '../../src/model/make';
import type { SyncError } from '../../src/model/sync-protocol';
import { hashToken, parisDay, parseExpiry, tokenState } from '../../server/src/tokens';
import type { TokenRecord } from '../../server/src/store/store';
import { DEMO_TOKEN_PRINTED, serveProcess } from './serve-process';
import { getChanges, makeBatch, makeTempDir, postSync, pushOf, readDb, removeTempDir, startServer, type TestServer, runCli, type CliRun } from './support';
import { ON_POSTGRES, shownLocation, storeContents, storeEnv } from './store-under-test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = makeTempDir();
  dbPath = join(dir, 'tne13.sqlite');
});

afterEach(() => removeTempDir(dir));

/** `npm run token -- …` on the test's database; throws when it fails. */
function tokenCli(...args: string[]): string {
  const env = { ...process.env, ...storeEnv(dbPath) };
  const options: ExecFileSyncOptionsWithStringEncoding = { env, cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] };
  return execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/token.ts', ...args], options);
}

/** The same, never throwing: its exit code and what it wrote. */
function runTokenCli(...args: string[]): CliRun {
  return runCli('token', dbPath, ...args);
}

/** The token a `create` printed: its last line. */
const printedToken = (output: string): string => output.trim().split('\n').at(-1) ?? '';

/** A push of one new fiche with `token`: its status, and the error body of a refusal. */
async function pushWith(server: TestServer, token: string): Promise<{ status: number; body: unknown }> {
  const answer = await postSync<unknown>(server, makeBatch([pushOf(makeClassroomFiche())]), { token });
  return { status: answer.status, body: answer.body };
}

describe('access tokens', () => {
  it('keeps only a hash of the token: the token is nowhere in the database files', async () => {
    const server = await startServer(dbPath);
    await postSync(server, makeBatch([pushOf(makeClassroomFiche())]));
    const token = server.token;
    const stored = readDb(dbPath, (db) => db.prepare('SELECT hash FROM tokens').pluck().all());
    // The file and its write-ahead log, or on PostgreSQL the dump of every table.
    const files = storeContents(dbPath);
    await server.close();

    expect(stored).toEqual([hashToken(token)]);
    // The look sees what is stored: the hash is there.
    expect(files.some((bytes) => bytes.includes(hashToken(token)))).toBe(true);
    const raw = Buffer.from(token, 'base64url');
    for (const bytes of files) {
      expect(bytes.includes(token)).toBe(false);
      expect(bytes.includes(raw)).toBe(false);
      expect(bytes.includes(raw.toString('hex'))).toBe(false);
    }
  });

  it('creates with the CLI a token printed once that the server accepts, and lists its owner', async () => {
    const output = tokenCli('create', 'Dominique Durand');
    const token = output.trim().split('\n').at(-1) ?? '';

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenCli('list')).toContain('Dominique Durand');
    expect(tokenCli('list')).not.toContain(token);

    const server = await startServer(dbPath);
    try {
      const answer = await postSync(server, makeBatch([pushOf(makeClassroomFiche())]), { token });
      expect(answer.status).toBe(200);
      const owner = readDb(dbPath, (db) => db.prepare('SELECT token_owner FROM revisions').pluck().get());
      expect(owner).toBe('Dominique Durand');
    } finally {
      await server.close();
    }
  });

  it('refuses to create a token without an owner’s name, in French', () => {
    expect(() => tokenCli('create', '  ')).toThrow(/titulaire du jeton/);
  });
});

describe('npm run token: roles, expiry, list and revoke', () => {
  it('creates an auditeur by default and the role and last day asked, and lists each token on a line starting with its id', () => {
    const auditeur = tokenCli('create', 'Dominique Durand');
    const lecteur = tokenCli('create', 'Léa Martin', '--role', 'lecteur', '--expires', '2099-08-31');

    expect(auditeur.split('\n')[0]).toBe(`Jeton n° 1 créé pour « Dominique Durand » dans ${shownLocation(dbPath)} : rôle auditeur, sans expiration.`);
    expect(lecteur).toMatch(/^Jeton n° 2 créé pour « Léa Martin » dans .* : rôle lecteur, expire le 31\/08\/2099 à 24 h \(heure de Paris\)\.\n/);
    const lines = tokenCli('list').trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^1 {2}Dominique Durand {2}auditeur {2}créé le \d\d\/\d\d\/\d{4} à \d\d:\d\d {2}sans expiration {2}non révoqué$/),
      expect.stringMatching(/^2 {2}Léa Martin {2}lecteur {2}créé le .* {2}expire le 31\/08\/2099 à 24 h {2}non révoqué$/),
    ]);
    expect(readDb(dbPath, (db) => db.prepare('SELECT role, expires_on FROM tokens ORDER BY id').all())).toEqual([
      { role: 'auditeur', expires_on: null },
      { role: 'lecteur', expires_on: '2099-08-31' },
    ]);
  });

  it('refuses, in French, a day already past in Paris, an impossible day, an unreadable one and an unknown role', () => {
    const runs = [
      runTokenCli('create', 'Dominique Durand', '--expires', '2020-01-15'),
      runTokenCli('create', 'Dominique Durand', '--expires', '2099-02-30'),
      runTokenCli('create', 'Dominique Durand', '--expires', '31/08/2099'),
      runTokenCli('create', 'Dominique Durand', '--role', 'directeur'),
    ];

    expect(runs.map((run) => run.code)).toEqual([1, 1, 1, 1]);
    expect(runs.map((run) => run.stderr.trim())).toEqual([
      expect.stringMatching(/^Date d'expiration 15\/01\/2020 déjà passée : choisissez aujourd'hui \(\d\d\/\d\d\/\d{4}\) ou un jour à venir\.$/),
      "Date d'expiration « 2099-02-30 » impossible : ce jour n'existe pas.",
      "Date d'expiration « 31/08/2099 » illisible : attendue sous la forme AAAA-MM-JJ (par exemple 2027-08-31).",
      'Rôle « directeur » inconnu : auditeur, lecteur ou admin.',
    ]);
    expect(readDb(dbPath, (db) => db.prepare('SELECT COUNT(*) FROM tokens').pluck().get())).toBe(0);
  });

  it('accepts today in Paris as the last day', () => {
    const today = parisDay(new Date());
    expect(tokenCli('create', 'Dominique Durand', '--expires', today)).toContain(`expire le ${today.split('-').reverse().join('/')} à 24 h`);
  });

  it('revokes a token by its id: a running server refuses it at once, and the list says when', async () => {
    const token = printedToken(tokenCli('create', 'Dominique Durand'));
    const server = await startServer(dbPath);
    try {
      expect((await pushWith(server, token)).status).toBe(200);
      expect(tokenCli('revoke', '1')).toMatch(/^Jeton n° 1 de « Dominique Durand » révoqué le \d\d\/\d\d\/\d{4} à \d\d:\d\d : le serveur le refuse\.\n$/);

      const refused = await pushWith(server, token);
      expect(refused).toEqual({ status: 401, body: { error: 'unauthorized', message: expect.stringMatching(/^Jeton révoqué le \d\d\/\d\d\/\d{4} : demandez un nouveau jeton à l'administrateur\.$/) } });
      expect((await getChanges<SyncError>(server, { campaign: '2026-2027' }, token)).status).toBe(401);
    } finally {
      await server.close();
    }
    expect(tokenCli('list')).toMatch(/^1 {2}Dominique Durand {2}auditeur {2}.* {2}révoqué le \d\d\/\d\d\/\d{4} à \d\d:\d\d\n/);
  });

  it('says in French that an id is unknown, and leaves the other tokens alone', () => {
    tokenCli('create', 'Dominique Durand');
    const run = runTokenCli('revoke', '7');

    expect(run).toMatchObject({ code: 1, stderr: 'Aucun jeton n° 7 : « npm run token -- list » les affiche tous.\n' });
    expect(tokenCli('list')).toContain('non révoqué');
  });
});

describe('a token’s last day, Paris time', () => {
  const record = (expiresOn: string | null): TokenRecord => ({ id: 1, owner: 'Léa Martin', role: 'auditeur', createdAt: '2026-01-01T00:00:00.000Z', expiresOn, revokedAt: null });

  it.each([
    ['the last second of a winter day (UTC+1)', '2026-12-15', '2026-12-15T22:59:59.999Z', 'valid'],
    ['the next midnight in Paris, still the same day in UTC', '2026-12-15', '2026-12-15T23:00:00.000Z', 'expired'],
    ['the last second of a summer day (UTC+2)', '2026-07-14', '2026-07-14T21:59:59.999Z', 'valid'],
    ['the next midnight in summer', '2026-07-14', '2026-07-14T22:00:00.000Z', 'expired'],
    ['the end of the day summer time ends (25 hours long)', '2026-10-25', '2026-10-25T22:59:59.999Z', 'valid'],
    ['the midnight after it', '2026-10-25', '2026-10-25T23:00:00.000Z', 'expired'],
    ['the end of the day summer time starts (23 hours long)', '2026-03-29', '2026-03-29T21:59:59.999Z', 'valid'],
    ['the midnight after it', '2026-03-29', '2026-03-29T22:00:00.000Z', 'expired'],
  ])('%s', (_, expiresOn, at, state) => {
    expect(tokenState(record(expiresOn), new Date(at))).toBe(state);
  });

  it('refuses a day past in Paris even when it is still that day in UTC', () => {
    // 00:30 in Paris on 16 December is 23:30 UTC on the 15th: the 15th is past.
    expect(() => parseExpiry('2026-12-15', new Date('2026-12-15T23:30:00Z'))).toThrow(/^Date d'expiration 15\/12\/2026 déjà passée/);
    expect(parseExpiry('2026-12-16', new Date('2026-12-15T23:30:00Z'))).toBe('2026-12-16');
  });
});

describe('a server refusing expired tokens', () => {
  // The server's clock: 10:00 in Paris on 29 November 2026.
  const NOW = new Date('2026-11-29T09:00:00Z');
  const LONG_AGO = new Date('2026-11-01T09:00:00Z');

  it('refuses a token whose last day was yesterday in Paris, and lets in one whose last day is today', async () => {
    const server = await startServer(dbPath, { now: () => NOW });
    try {
      const yesterday = await server.makeToken('Dominique Durand', { expires: '2026-11-28', now: LONG_AGO });
      const today = await server.makeToken('Léa Martin', { expires: '2026-11-29', now: LONG_AGO });

      expect(await pushWith(server, yesterday)).toEqual({
        status: 401,
        body: { error: 'unauthorized', message: "Jeton expiré le 28/11/2026 à 24 h (heure de Paris) : demandez un nouveau jeton à l'administrateur." },
      });
      expect((await getChanges<SyncError>(server, { campaign: '2026-2027' }, yesterday)).status).toBe(401);
      expect((await pushWith(server, today)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('tokens made before roles', () => {
  /** A file of the server before roles (schema version 3) holding one token, as that server's CLI made it. */
  function writeFileBeforeRoles(token: string): void {
    const db = new Database(dbPath);
    try {
      migrate(db, 3);
      db.prepare('INSERT INTO tokens (hash, owner, created_at) VALUES (?, ?, ?)').run(hashToken(token), 'Ancien titulaire', '2026-09-01T08:00:00.000Z');
    } finally {
      db.close();
    }
  }

  // SQLite only: it writes a file of schema 3; a PostgreSQL database begins at SQLite's schema 6, every token with a role.
  it.skipIf(ON_POSTGRES)('become admin: they still push, pull and export, and the list says so', async () => {
    const token = 'jeton-fait-avant-les-roles';
    writeFileBeforeRoles(token);
    const server = await startServer(dbPath);
    try {
      const statuses = [
        (await pushWith(server, token)).status,
        (await getChanges(server, { campaign: '2026-2027' }, token)).status,
        (await fetch(`${server.url}/api/v1/export.xlsx?campaign=2026-2027`, { headers: { authorization: `Bearer ${token}` } })).status,
      ];
      expect(statuses).toEqual([200, 200, 200]);
      expect(readDb(dbPath, (db) => db.prepare('SELECT token_owner FROM revisions').pluck().get())).toBe('Ancien titulaire');
    } finally {
      await server.close();
    }
    expect(tokenCli('list')).toMatch(/^1 {2}Ancien titulaire {2}admin {2}créé le 01\/09\/2026 à 10:00 {2}sans expiration {2}non révoqué\n/);
  });
});

describe('the demonstration token', () => {
  it('is printed once at the first start, role admin: it exports', async () => {
    const started = await serveProcess(dbPath, {}, DEMO_TOKEN_PRINTED);
    if (!('url' in started)) throw new Error(`le serveur s'est arrêté : ${started.stderr}`);
    try {
      expect(started.stdout).toContain('jeton de démonstration (rôle admin) créé pour « Démonstration »');
      const token = (DEMO_TOKEN_PRINTED.exec(started.stdout)?.[0] ?? '').trim().split('\n').at(-1)?.trim() ?? '';
      const answer = await fetch(`${started.url}/api/v1/export.csv?sheet=ecoles&campaign=2026-2027`, { headers: { authorization: `Bearer ${token}` } });
      expect(answer.status).toBe(200);
    } finally {
      await started.stop();
    }
    expect(tokenCli('list')).toMatch(/^1 {2}Démonstration {2}admin {2}/);
    // In the audit log as any token created, before the export made with it.
    const events = readDb(dbPath, (db) => db.prepare('SELECT kind, details FROM audit_events ORDER BY seq').all()) as Array<{ kind: string; details: string }>;
    expect(events.map((e) => e.kind)).toEqual(['token-created', 'export']);
    expect(JSON.parse(events[0]?.details ?? '{}')).toEqual({ token: { id: 1, owner: 'Démonstration', role: 'admin', expiresOn: null } });
  });
});
