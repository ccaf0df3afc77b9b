// The PostgreSQL store: the Store contract on a fresh database per test of the run's server
// (tests/server/pg/global-setup.ts), then what only a database shared by several server instances asks for: one
// migration however many start at once, one `stored` per base whichever instance sends it, seqs a cursor can follow
// while instances push, an export version and a campaign read that see the other instances' writes. Last, the server
// and its CLIs chosen by DATABASE_URL, as an administrator runs them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describeStoreLocation, openCampaignReader, openStore, storeLocationFromEnv } from '../../../server/src/store/open-store';
import { openPgStore } from '../../../server/src/store/pg/pg-store';
import { openPool } from '../../../server/src/store/pg/pool';
import { migrate, SCHEMA_VERSION } from '../../../server/src/store/pg/schema';
import { directoryFingerprint } from '../../../server/src/store/sqlite/directory';
import type { PushOutcome, Sender, Store } from '../../../server/src/store/store';
import { DEMO_SCHOOLS } from '../../../src/directory/demo-schools';
import { makeClassroomFiche, makeDirectorySchool } from '../../../src/model/make';
import type { Fiche } from '../../../src/model/types';
import { createTestDatabase, type TestDatabase } from '../pg/database';
import { DEMO_TOKEN_PRINTED, serveProcess } from '../serve-process';
import { distinctJpeg, sha256Of } from '../fixtures/photos';
import { postSync, makeBatch, pushOf } from '../support';
import { describeStoreContract } from './store-contract';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CAMPAIGN = '2026-2027';

describeStoreContract(
  'PostgreSQL',
  async () => {
    const database = await createTestDatabase();
    return { store: await openPgStore(database.url), remove: () => database.drop() };
  },
  { backup: { refusedFor: /utilisez pg_dump/ } },
);

const sender = (deviceId: string): Sender => ({ deviceId, tokenOwner: 'Camille Martin', receivedAt: '2026-11-29T10:00:00.000Z' });
const withPupils = (fiche: Fiche, pupils: number): Fiche => ({ ...fiche, data: { ...fiche.data, pupils } }) as Fiche;
const query = (since: number, limit: number) => ({ campaign: CAMPAIGN, since, limit, circonscriptions: [], uais: [] });

/** Runs `sql` on the database through a connection of its own, as an administrator's psql would. */
async function sql<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('the PostgreSQL store shared by several instances', () => {
  let database: TestDatabase;
  let opened: Store[];
  /** Another instance of the server on the test's database: a pool of its own. */
  const instance = async (): Promise<Store> => {
    const store = await openPgStore(database.url);
    opened.push(store);
    return store;
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    opened = [];
  });
  afterEach(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await database.drop();
  });

  it('migrates a new database once when instances start at once, seeds the directory once, and opening again changes nothing', async () => {
    const [a] = await Promise.all([instance(), instance(), instance()]);
    await instance();

    expect(await sql(database.url, 'SELECT version FROM tne13_schema')).toEqual([{ version: SCHEMA_VERSION }]);
    expect(await a?.directory.list()).toEqual([...DEMO_SCHOOLS].sort((x, y) => (x.uai < y.uai ? -1 : 1)));
  });

  it('refuses a database written by a newer server, in French', async () => {
    await (await instance()).close();
    opened = [];
    await sql(database.url, 'UPDATE tne13_schema SET version = $1', [SCHEMA_VERSION + 1]);
    await expect(openPgStore(database.url)).rejects.toThrow(`Base de données d'une version plus récente (${SCHEMA_VERSION + 1}) que ce serveur (${SCHEMA_VERSION}).`);
  });

  it('keeps revisions, the audit log and the référentiels append-only, whoever writes SQL', async () => {
    const store = await instance();
    await store.revisions.push([pushOf(makeClassroomFiche())], sender('t1'));
    await store.audit.record({ kind: 'backup', at: '2026-11-29T10:00:00.000Z', by: 'ops', destination: '/tmp/x' });
    for (const statement of ["UPDATE revisions SET record = '{}'", 'DELETE FROM revisions', 'TRUNCATE revisions CASCADE', 'DELETE FROM audit_events', 'TRUNCATE referentials']) {
      await expect(sql(database.url, statement)).rejects.toThrow(/append-only/);
    }
    expect(await sql(database.url, 'SELECT COUNT(*)::int AS n FROM revisions')).toEqual([{ n: 1 }]);
  });

  it('brings a database of the server before photos (schema 2) to schema 3, its directory kept, and never lets SQL change a photo', async () => {
    const pool = openPool(database.url, { max: 1 });
    try {
      await migrate(pool, 2);
    } finally {
      await pool.end();
    }
    expect(await sql(database.url, "SELECT to_regclass('attachments') AS t")).toEqual([{ t: null }]);

    const store = await instance();
    expect(await sql(database.url, 'SELECT version FROM tne13_schema')).toEqual([{ version: 3 }]);
    expect(await store.directory.list()).toHaveLength(DEMO_SCHOOLS.length);
    const photo = distinctJpeg(7);
    expect(await store.attachments.put(sha256Of(photo), 'image/jpeg', photo)).toBe('created');
    await expect(sql(database.url, "UPDATE attachments SET type = 'image/webp'")).rejects.toThrow(/never changes/);
    await expect(sql(database.url, "INSERT INTO attachments (sha256, type, bytes) VALUES ('ABC', 'image/jpeg', '\\xffd8ff')")).rejects.toThrow(/check constraint/);
    expect(await sql(database.url, 'SELECT sha256, type, octet_length(bytes) AS n FROM attachments')).toEqual([{ sha256: sha256Of(photo), type: 'image/jpeg', n: photo.length }]);
  });

  it('answers stored to one push per base when two instances push the same fiche at once, conflict or duplicate to the others', async () => {
    const [a, b] = [await instance(), await instance()];
    const fiche = makeClassroomFiche({ data: { pupils: 1 } });
    await a.revisions.push([pushOf(fiche)], sender('t0'));
    const storedSeqs: number[] = [];
    for (let round = 1; round <= 15; round += 1) {
      // Four devices on the head's rev, two through each instance; the first and the last send the same content.
      const contents = [round * 10, round * 10 + 1, round * 10 + 2, round * 10];
      const outcomes = await Promise.all(
        contents.map((pupils, device) => (device % 2 === 0 ? a : b).revisions.push([pushOf(withPupils(fiche, pupils), round)], sender(`t${device}`))),
      );
      const statuses = outcomes.map(([outcome]) => (outcome as PushOutcome).status);
      expect(statuses.filter((s) => s === 'stored')).toHaveLength(1);
      expect(statuses.every((s) => s === 'stored' || s === 'conflict' || s === 'duplicate')).toBe(true);
      const stored = outcomes.map(([o]) => o).find((o) => o?.status === 'stored');
      expect(stored).toMatchObject({ rev: round + 1 });
      storedSeqs.push((stored as { seq: number }).seq);
      // The twin of a stored content is its duplicate; of a content that lost, a conflict like it.
      if (statuses[0] === 'stored') expect(statuses[3]).toBe('duplicate');
      if (statuses[3] === 'stored') expect(statuses[0]).toBe('duplicate');
    }
    expect(storedSeqs).toEqual([...storedSeqs].sort((x, y) => x - y));
    expect(new Set(storedSeqs).size).toBe(storedSeqs.length);
    expect((await b.revisions.history(fiche.id))?.revisions.map((r) => r.rev)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('lets a reader that follows the seq cursor of the pull miss nothing while several instances push', async () => {
    const [a, b, reader] = [await instance(), await instance(), await instance()];
    // Each writer makes fiches of its own and then changes them, three records a batch: every push is stored.
    const write = async (store: Store, writer: number) => {
      const held: Fiche[] = [];
      for (let batch = 0; batch < 10; batch += 1) {
        const records = [0, 1, 2].map((i) => {
          const existing = held[(batch + i) % 4];
          if (batch < 2 || existing === undefined) return pushOf(makeClassroomFiche({ data: { pupils: writer } }));
          return pushOf(withPupils(existing, batch * 10 + i), existing.rev);
        });
        const outcomes = await store.revisions.push(records, sender(`w${writer}`));
        outcomes.forEach((outcome, i) => {
          if (outcome.status !== 'stored') throw new Error(`writer ${writer}: ${outcome.status}`);
          const record = records[i] as ReturnType<typeof pushOf>;
          const { baseRev: _base, ...fiche } = record;
          const index = held.findIndex((f) => f.id === record.id);
          const next = { ...fiche, rev: outcome.rev } as Fiche;
          if (index === -1) held.push(next);
          else held[index] = next;
        });
      }
    };
    const seen = new Map<string, number>();
    let cursor = 0;
    const poll = async () => {
      const heads = await reader.revisions.changes(query(cursor, 5));
      for (const head of heads) {
        expect(head.seq).toBeGreaterThan(cursor);
        cursor = head.seq;
        seen.set(head.record.id, head.rev);
      }
      return heads.length;
    };
    let writing = true;
    const writers = Promise.all([write(a, 1), write(a, 2), write(b, 3), write(b, 4)]).finally(() => (writing = false));
    try {
      while (writing) await poll();
    } finally {
      await writers;
    }
    while ((await poll()) > 0);

    const heads = await reader.revisions.changes(query(0, 10_000));
    // Six fiches per writer (its first two batches), changed eight batches over.
    expect(heads).toHaveLength(24);
    expect(seen).toEqual(new Map(heads.map((head) => [head.record.id, head.rev])));
  });

  it('changes the export version when another instance pushes to the campaign or replaces the directory', async () => {
    const [server, other] = [await instance(), await instance()];
    const before = await server.exportVersion(CAMPAIGN);
    await other.revisions.push([pushOf(makeClassroomFiche())], sender('t1'));
    const pushed = await server.exportVersion(CAMPAIGN);
    expect(pushed).not.toBe(before);
    expect(pushed).toBe(await other.exportVersion(CAMPAIGN));

    await other.revisions.push([pushOf(makeClassroomFiche({ campaign: '2025-2026' }))], sender('t1'));
    await other.directory.replace((current) => ({ schools: current }));
    expect(await server.exportVersion(CAMPAIGN)).toBe(pushed);

    await other.directory.replace((current) => ({ schools: [...current, makeDirectorySchool({ uai: '0130002G' })] }));
    expect(await server.exportVersion(CAMPAIGN)).not.toBe(pushed);
  });

  it('reads a campaign from the export worker’s reader at one moment while other instances push and replace the directory', async () => {
    const [writer, importer] = [await instance(), await instance()];
    // More heads than one chunk of the cursor, pushed as pairs: a read sees both fiches of a pair or neither.
    const pair = (n: number) => [makeClassroomFiche({ id: `a-${n}` }), makeClassroomFiche({ id: `b-${n}` })].map((f) => pushOf(f));
    await writer.revisions.push(Array.from({ length: 600 }, (_, n) => pair(n)).flat(), sender('t1'));
    const reader = await openCampaignReader(database.url);
    try {
      let writing = true;
      const extra = makeDirectorySchool({ uai: '0130002G' });
      const writes = (async () => {
        for (let n = 600; n < 640; n += 1) {
          await writer.revisions.push(pair(n), sender('t1'));
          if (n % 5 === 0) {
            await importer.directory.replace((current) => ({
              schools: current.some((s) => s.uai === extra.uai) ? current.filter((s) => s.uai !== extra.uai) : [...current, extra],
            }));
          }
        }
      })().finally(() => (writing = false));
      try {
        do {
          const snapshot = await reader.readCampaign(CAMPAIGN);
          const ids = new Set(snapshot.fiches.map((f) => f.id));
          const [lastSeq, fingerprint] = snapshot.version.split('.');
          // Every revision here is a new fiche's first, seqs from 1 without a gap: the version's seq counts the heads.
          expect(snapshot.fiches).toHaveLength(Number(lastSeq));
          expect([...ids].filter((id) => !ids.has(id.startsWith('a-') ? `b-${id.slice(2)}` : `a-${id.slice(2)}`))).toEqual([]);
          expect(fingerprint).toBe(directoryFingerprint(snapshot.directory.map((school) => JSON.stringify(school))));
          expect(snapshot.deviceOf.size).toBe(ids.size);
        } while (writing);
      } finally {
        await writes;
      }
      const last = await reader.readCampaign(CAMPAIGN);
      expect(last.fiches).toHaveLength(1_280);
      expect(last.version).toBe(await writer.exportVersion(CAMPAIGN));
    } finally {
      await reader.close();
    }
  });
});

describe('the store an entry point opens', () => {
  it('is DATABASE_URL when set, else TNE13_DB, else data/tne13.sqlite', () => {
    expect(storeLocationFromEnv({ DATABASE_URL: 'postgres://h/db', TNE13_DB: 'x.sqlite' })).toBe('postgres://h/db');
    expect(storeLocationFromEnv({ DATABASE_URL: ' ', TNE13_DB: 'x.sqlite' })).toBe('x.sqlite');
    expect(storeLocationFromEnv({ TNE13_DB: 'x.sqlite' })).toBe('x.sqlite');
    expect(storeLocationFromEnv({})).toBe('data/tne13.sqlite');
  });

  it('is named without the password of its URL', () => {
    expect(describeStoreLocation('postgres://tne13:s3cret@db.example:5432/tne13')).toBe('postgres://tne13:***@db.example:5432/tne13');
    expect(describeStoreLocation('postgresql://tne13@db.example/tne13')).toBe('postgresql://tne13@db.example/tne13');
  });

  it('opens PostgreSQL for a postgres:// or postgresql:// URL, whose reader location is the URL', async () => {
    const database = await createTestDatabase();
    try {
      for (const url of [database.url, database.url.replace(/^postgres:/, 'postgresql:')]) {
        const store = await openStore(url);
        try {
          expect(store.readerLocation).toBe(url);
          await store.tokens.add({ hash: url, owner: 'Léa Durand', role: 'lecteur', createdAt: '2026-11-29T09:00:00.000Z', expiresOn: null });
          expect(await sql(database.url, 'SELECT owner FROM tokens WHERE hash = $1', [url])).toEqual([{ owner: 'Léa Durand' }]);
        } finally {
          await store.close();
        }
      }
    } finally {
      await database.drop();
    }
  });
});

describe('the server and its CLIs on DATABASE_URL', () => {
  let database: TestDatabase;
  beforeEach(async () => (database = await createTestDatabase()));
  afterEach(() => database.drop());

  /** The test cluster trusts local connections: a password in the URL is accepted, and must never be printed. */
  const withPassword = (url: string) => url.replace('postgres@', 'postgres:motdepasse@');
  const cli = (script: string, args: string[], env: Record<string, string>) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], { env: { ...process.env, TNE13_DB: '', ...env }, cwd: ROOT, encoding: 'utf8' });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('starts on the database, names it without its password, takes a push, and its CLIs work on the same data', async () => {
    const url = withPassword(database.url);
    const fiche = makeClassroomFiche({ data: { label: 'CM2 Lumière' } });
    const started = await serveProcess('/nonexistent/ignored.sqlite', { DATABASE_URL: url }, DEMO_TOKEN_PRINTED);
    if (!('url' in started)) throw new Error(`le serveur n'a pas démarré : ${started.stderr}`);
    try {
      expect(started.stdout).toContain(`base de données : ${describeStoreLocation(url)}`);
      expect(started.stdout).not.toContain('motdepasse');
      const token = (/Premier démarrage.*\n +(\S+)\n/.exec(started.stdout) as RegExpExecArray)[1] as string;
      const answer = await postSync({ url: started.url, token }, makeBatch([pushOf(fiche)]));
      expect(answer.body.results).toMatchObject([{ status: 'stored' }]);
      expect(await (await fetch(`${started.url}/api/v1/health`)).json()).toEqual({ status: 'ok' });
      // The export is read by the worker thread through a reader of its own on the URL, and revalidated by its version.
      const authorization = { authorization: `Bearer ${token}` };
      const exported = await fetch(`${started.url}/api/v1/export.csv?sheet=classes`, { headers: authorization });
      expect(exported.status).toBe(200);
      expect(await exported.text()).toContain('CM2 Lumière');
      const etag = exported.headers.get('etag') as string;
      expect((await fetch(`${started.url}/api/v1/export.csv?sheet=classes`, { headers: { ...authorization, 'if-none-match': etag } })).status).toBe(304);
    } finally {
      await started.stop();
    }
    const listed = cli('token', ['list'], { DATABASE_URL: url });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^1 {2}Démonstration {2}admin/m);
    expect(await sql(database.url, 'SELECT rev FROM heads WHERE id = $1', [fiche.id])).toEqual([{ rev: 1 }]);
  });

  it('says in French that PostgreSQL cannot be reached, or that the database does not exist, and exits 1', async () => {
    const closed = new URL(database.url);
    closed.port = '1';
    const unreachable = await serveProcess('/nonexistent/ignored.sqlite', { DATABASE_URL: withPassword(closed.toString()) });
    expect(unreachable).toMatchObject({ code: 1 });
    expect((unreachable as { stderr: string }).stderr).toBe(
      `Impossible d'ouvrir la base de données postgres://postgres:***@127.0.0.1:1/${closed.pathname.slice(1)} : ` +
        "aucun serveur PostgreSQL n'écoute à cette adresse (arrêté, ou mauvais hôte ou port) (ECONNREFUSED).\n",
    );
    const missing = new URL(database.url);
    missing.pathname = '/tne13_absente';
    const run = cli('audit-log', [], { DATABASE_URL: missing.toString() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("cette base de données n'existe pas sur le serveur PostgreSQL (createdb) (3D000).");
  });

  it('refuses npm run backup, naming pg_dump, and writes nothing', () => {
    const run = cli('backup', ['/tmp/tne13-jamais.sqlite'], { DATABASE_URL: database.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/utilisez pg_dump/);
    expect(run.stdout).toBe('');
  });
});
