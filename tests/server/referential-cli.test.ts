// `npm run referential -- show | publish` on the store under test, run as the administrator runs it: the référentiel in
// force printed as JSON that `publish` reads back once edited, the versions numbered or given, a refused file naming
// each field, a version taken, the audit log's line, and what the server then serves. Also the file of a schema 6
// server (a PostgreSQL database of schema 1): its audit log given a new kind of event with every entry kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import Database from 'better-sqlite3';
import { migrate, SCHEMA_VERSION } from '../../server/src/store/sqlite/schema';
import { openPool } from '../../server/src/store/pg/pool';
import { migrate as migratePg, SCHEMA_VERSION as PG_SCHEMA_VERSION } from '../../server/src/store/pg/schema';
import { openStore } from '../../server/src/store/open-store';
import { REFERENTIAL_V1, type Referential } from '../../src/model/referential';
import { makeTempDir, readDb, removeTempDir, startServer, runCli, type CliRun } from './support';
import { AUDIT_BY, execOnStore, ON_POSTGRES, shownLocation, storeLocation } from './store-under-test';


let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = makeTempDir();
  dbPath = join(dir, 'tne13.sqlite');
});

afterEach(() => removeTempDir(dir));

function cli(script: 'referential' | 'audit-log', ...args: string[]): CliRun {
  return runCli(script, dbPath, ...args);
}

function fileWith(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const year = new Date().getFullYear();

describe('npm run referential', () => {
  it('shows the référentiel in force, publishes it edited under the next version, and the server serves that one', async () => {
    const shown = cli('referential', 'show');
    expect(shown.code).toBe(0);
    expect(shown.stderr).toBe("Référentiel en vigueur : version 2026.1, celui d'origine du serveur (aucun n'a été publié).\n");
    const printed = JSON.parse(shown.stdout) as Referential;
    expect(printed).toEqual(JSON.parse(JSON.stringify(REFERENTIAL_V1)));

    // What was printed, one parameter edited, rules and version left in: publish reads neither.
    const file = fileWith('referentiel.json', { ...printed, params: { ...printed.params, minDownloadMbps: 8 } });
    const published = cli('referential', 'publish', file);
    const next = year > 2026 ? `${year}.1` : '2026.2';
    expect([published.code, published.stderr]).toEqual([0, '']);
    expect(published.stdout).toBe(`Référentiel ${next} publié dans ${shownLocation(dbPath)} : les tablettes le prennent à leur prochaine synchronisation.\n`);

    const again = cli('referential', 'show');
    expect(again.stderr).toMatch(new RegExp(`^Référentiel en vigueur : version ${next.replace('.', '\\.')}, publié le \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d par ${userInfo().username}\\.\\n$`));
    expect((JSON.parse(again.stdout) as Referential).params.minDownloadMbps).toBe(8);

    const server = await startServer(dbPath);
    try {
      const answer = await fetch(`${server.url}/api/v1/referential`, { headers: { authorization: `Bearer ${server.token}` } });
      expect(((await answer.json()) as Referential).version).toBe(next);
    } finally {
      await server.close();
    }

    const log = cli('audit-log');
    expect(log.stdout).toMatch(new RegExp(`  Référentiel publié  compte ${userInfo().username} \\(ligne de commande\\)  version ${next.replace('.', '\\.')}\\n`));
  });

  it('takes the version given, and refuses one already published or not of the form 2026.2, publishing nothing', () => {
    const file = fileWith('referentiel.json', REFERENTIAL_V1);
    expect(cli('referential', 'publish', file, '--version', '2030.4')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Référentiel 2030\.4 publié dans /) });
    expect(cli('referential', 'publish', file, '--version', '2030.4')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'La version 2030.4 du référentiel est déjà publiée : une version publiée ne change plus. Publiez sous une autre version, ou sans en donner (le serveur numérote).\n',
    });
    expect(cli('referential', 'publish', file, '--version=2026.1-local.1')).toMatchObject({
      code: 1,
      stderr: "Référentiel refusé, rien n'est publié (1 erreur) :\n  Version « 2026.1-local.1 » invalide : attendue sous la forme 2026.2 (année, point, numéro).\n",
    });
    // After 2030.4, the next one.
    expect(cli('referential', 'publish', file).stdout).toMatch(/^Référentiel 2030\.5 publié dans /);
  });

  it('refuses a file out of bounds naming each field, an unreadable file and a wrong command, publishing nothing', () => {
    const wrong = fileWith('faux.json', { ...REFERENTIAL_V1, params: { ...REFERENTIAL_V1.params, classesPerGroup: 0 }, targets: { classes: -1, newTeachers: 1000 } });
    expect(cli('referential', 'publish', wrong)).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        "Référentiel refusé, rien n'est publié (2 erreurs) :",
        '  params.classesPerGroup (Classes par groupe) : saisissez un nombre entre 1 et 30 (saisi : 0).',
        '  targets.classes (Objectif : classes à équiper) : saisissez un nombre entre 0 et 100\u202f000 (saisi : -1).',
        '',
      ].join('\n'),
    });
    const notJson = cli('referential', 'publish', fileWith('texte.json', '{ "params": '));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^Fichier .*texte\.json : ce n'est pas du JSON valide \(/);
    expect(cli('referential', 'publish', join(dir, 'absent.json')).stderr).toMatch(/^Fichier .*absent\.json illisible : il n’existe pas\.\n/);
    expect(cli('referential', 'publier').code).toBe(2);
    expect(cli('referential', 'show').stderr).toContain("celui d'origine du serveur (aucun n'a été publié)");
  });
});

/** The two entries the older server logged; on SQLite a file of schema 6, on PostgreSQL a database of schema 1. */
const OLDER_ENTRIES = [
  ['2026-11-01T08:00:00.000Z', 'backup', 'ops', JSON.stringify({ destination: '/sauvegardes/a.sqlite' })],
  ['2026-11-02T08:00:00.000Z', 'export', 'Camille Martin', JSON.stringify({ campaign: '2026-2027', format: 'xlsx', sheet: null })],
] as const;
const PUBLICATION = ['2026-11-03T08:00:00.000Z', 'referential-published', 'ops', '{}'] as const;
/** How each store says a kind of event is not among those its schema knows. */
const UNKNOWN_KIND = ON_POSTGRES ? /violates check constraint "audit_events_kind_check"/ : /CHECK constraint failed/;

/** Writes the store of a server before the référentiel kind of audit event, holding OLDER_ENTRIES; it refuses a publication. */
async function writeOlderStore(): Promise<void> {
  if (ON_POSTGRES) {
    const pool = openPool(storeLocation(dbPath), { max: 1 });
    try {
      await migratePg(pool, 1);
      const insert = (entry: readonly string[]) => pool.query('INSERT INTO audit_events (at, kind, actor, details) VALUES ($1, $2, $3, $4)', [...entry]);
      for (const entry of OLDER_ENTRIES) await insert(entry);
      await expect(insert(PUBLICATION)).rejects.toThrow(UNKNOWN_KIND);
    } finally {
      await pool.end();
    }
    return;
  }
  const db = new Database(dbPath);
  try {
    migrate(db, 6);
    const insert = db.prepare('INSERT INTO audit_events (at, kind, by, details) VALUES (?, ?, ?, ?)');
    for (const entry of OLDER_ENTRIES) insert.run(...entry);
    expect(() => insert.run(...PUBLICATION)).toThrow(UNKNOWN_KIND);
  } finally {
    db.close();
  }
}

describe('a store before the référentiel kind of audit event (a SQLite file of schema 6, a PostgreSQL database of schema 1)', () => {
  it('keeps every audit entry and its seq, then logs a publication after them; the log stays append-only', async () => {
    await writeOlderStore();

    const store = await openStore(storeLocation(dbPath));
    try {
      await store.audit.record({ kind: 'referential-published', at: '2026-11-04T08:00:00.000Z', by: 'ops', via: 'cli', version: '2026.2' });
      expect((await store.audit.list()).map((entry) => entry.kind)).toEqual(['backup', 'export', 'referential-published']);
    } finally {
      await store.close();
    }
    const version = ON_POSTGRES
      ? readDb(dbPath, (db) => db.prepare('SELECT version FROM tne13_schema').pluck().get())
      : readDb(dbPath, (db) => db.pragma('user_version', { simple: true }));
    expect(version).toBe(ON_POSTGRES ? PG_SCHEMA_VERSION : SCHEMA_VERSION);
    expect(readDb(dbPath, (db) => db.prepare('SELECT seq, kind FROM audit_events ORDER BY seq').all())).toEqual([
      { seq: 1, kind: 'backup' },
      { seq: 2, kind: 'export' },
      // On PostgreSQL the publication refused above drew seq 3: a sequence gives no number back at a rollback.
      { seq: ON_POSTGRES ? 4 : 3, kind: 'referential-published' },
    ]);
    const run = (sql: string) => execOnStore(dbPath, { sqlite: sql, postgres: sql });
    expect(() => run('DELETE FROM audit_events')).toThrow(/append-only/);
    expect(() => run(`UPDATE audit_events SET ${AUDIT_BY} = 'x'`)).toThrow(/append-only/);
    expect(() => run(`INSERT INTO audit_events (at, kind, ${AUDIT_BY}, details) VALUES ('x', 'autre', 'x', '{}')`)).toThrow(UNKNOWN_KIND);
  });
});
