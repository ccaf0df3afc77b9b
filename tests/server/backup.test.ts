// `npm run backup` (issue 14): SQLite's online backup of the server's file while a server process takes pushes, a
// copy that passes integrity_check and holds every acknowledged revision; no file replaced without --force; French
// errors naming the path. And what devices see after a restore to an older backup (README, "Backup and restore").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../server/src/store/open-store';
import { SCHEMA_VERSION } from '../../server/src/store/sqlite/schema';
import { createToken } from '../../server/src/tokens';
import { makeClassroomFiche } from '../../src/model/make';
import type { ChangesResponse, SyncResponse } from '../../src/model/sync-protocol';
import { serveProcess } from './serve-process';
import { getChanges, makeBatch, makeTempDir, postSync, pushOf, readDb, removeTempDir, startServer, type TestServer, runCli } from './support';
import { storeLocation, storeEnv } from './store-under-test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BATCH_SIZE = 20;

let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = makeTempDir();
  dbPath = join(dir, 'tne13.sqlite');
});

afterEach(() => removeTempDir(dir));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run backup -- …` on the test's database, waited for. */
function backupCli(...args: string[]): Run {
  return runCli('backup', dbPath, ...args);
}

/** The same as a child process running alongside the test, which goes on pushing meanwhile. */
function backupCliRunning(...args: string[]): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', ...args], { env: { ...process.env, ...storeEnv(dbPath) }, cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** An auditeur's token in the file, made before the server starts (so no demonstration token is printed). */
async function makeToken(): Promise<string> {
  const store = await openStore(storeLocation(dbPath));
  try {
    return await createToken(store, 'Camille Martin');
  } finally {
    await store.close();
  }
}

const revisionsIn = (path: string): Set<string> =>
  new Set(readDb(path, (db) => db.prepare("SELECT id || '@' || rev FROM revisions").pluck().all() as string[]));

describe('npm run backup', () => {
  it('copies the file while a server process takes pushes: the copy passes integrity_check and holds every revision acknowledged before it started', async () => {
    const token = await makeToken();
    const started = await serveProcess(dbPath);
    if (!('url' in started)) throw new Error(`le serveur s'est arrêté : ${started.stderr}`);
    const server = { url: started.url, token };
    // Revisions as "id@rev", in the order their batches were acknowledged.
    const acknowledged: string[] = [];
    const statuses = new Set<number>();
    let pushing = true;
    const loop = (async () => {
      while (pushing) {
        const answer = await postSync<SyncResponse>(server, makeBatch(Array.from({ length: BATCH_SIZE }, () => pushOf(makeClassroomFiche()))));
        statuses.add(answer.status);
        if (answer.status === 200) for (const result of answer.body.results) if (result.status === 'stored') acknowledged.push(`${result.id}@${result.rev}`);
      }
    })();
    try {
      while (acknowledged.length < 50 * BATCH_SIZE) await new Promise((resolve) => setTimeout(resolve, 20));
      const before = acknowledged.slice();
      const backup = join(dir, 'sauvegarde.sqlite');
      const run = await backupCliRunning(backup);
      const during = acknowledged.length - before.length;
      pushing = false;
      await loop;

      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(new RegExp(`^Sauvegarde de ${dbPath} écrite dans ${backup} : [\\d\\u202f]+ révisions, 1 jeton, \\d+ écoles, schéma version ${SCHEMA_VERSION}, [\\d,]+ [KM]o\\.\\nCopie vérifiée \\(PRAGMA integrity_check : ok\\)\\.\\n`));
      expect(statuses).toEqual(new Set([200]));
      // The server went on storing while the backup ran.
      expect(during).toBeGreaterThan(0);
      expect(readDb(backup, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
      const held = revisionsIn(backup);
      expect(before.filter((revision) => !held.has(revision))).toEqual([]);
      // One moment's copy: every head it holds is a revision it holds.
      expect(readDb(backup, (db) => db.prepare('SELECT COUNT(*) FROM heads h LEFT JOIN revisions r ON r.seq = h.seq WHERE r.seq IS NULL').pluck().get())).toBe(0);
      expect(readDb(backup, (db) => db.pragma('journal_mode', { simple: true }))).toBe('delete');
    } finally {
      pushing = false;
      await loop;
      await started.stop();
    }
    expect(revisionsIn(dbPath).size).toBe(acknowledged.length);
  }, 60_000);

  it('refuses to replace an existing file, unless told --force', async () => {
    await makeToken();
    const backup = join(dir, 'sauvegarde.sqlite');
    writeFileSync(backup, 'la sauvegarde d’hier');

    const refused = backupCli(backup);
    expect(refused).toMatchObject({ code: 1, stdout: '', stderr: `Le fichier ${backup} existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer.\n` });
    expect(readFileSync(backup, 'utf8')).toBe('la sauvegarde d’hier');

    expect(backupCli(backup, '--force').code).toBe(0);
    expect(readDb(backup, (db) => db.prepare('SELECT owner FROM tokens').pluck().all())).toEqual(['Camille Martin']);
    expect(readdirSync(dir).sort()).toEqual(['sauvegarde.sqlite', 'tne13.sqlite']);
  });

  it('says in French, naming the path, why it cannot write the copy, and leaves nothing behind', async () => {
    await makeToken();
    const missing = join(dir, 'absent', 'sauvegarde.sqlite');
    writeFileSync(join(dir, 'un-fichier'), '');
    const underFile = join(dir, 'un-fichier', 'sauvegarde.sqlite');

    const runs = [backupCli(missing), backupCli(underFile)];
    expect(runs).toEqual([
      { code: 1, stdout: '', stderr: `Sauvegarde impossible vers ${missing} : le dossier ${join(dir, 'absent')} n'existe pas.\n` },
      { code: 1, stdout: '', stderr: `Sauvegarde impossible vers ${underFile} : un élément du chemin ${join(dir, 'un-fichier')} n'est pas un dossier.\n` },
    ]);
    expect(readdirSync(dir).sort()).toEqual(['tne13.sqlite', 'un-fichier']);
  });

  it('refuses to write over the database itself, and to back up a database that does not exist', async () => {
    await makeToken();
    expect(backupCli(dbPath, '--force')).toMatchObject({ code: 1, stderr: `Sauvegarde refusée : ${dbPath} est la base du serveur elle-même. Choisissez un autre fichier.\n` });
    expect(revisionsIn(dbPath).size).toBe(0);

    rmSync(dbPath);
    expect(backupCli(join(dir, 'sauvegarde.sqlite'))).toMatchObject({ code: 1, stderr: `Aucune base de données à ${dbPath} : vérifiez TNE13_DB.\n` });
    expect(existsSync(dbPath)).toBe(false);
  });

  it('is in the audit log, with where the copy went', async () => {
    await makeToken();
    const backup = join(dir, 'sauvegarde.sqlite');
    expect(backupCli(backup).code).toBe(0);
    expect(readDb(dbPath, (db) => db.prepare('SELECT kind, details FROM audit_events').all())).toEqual([{ kind: 'backup', details: JSON.stringify({ destination: backup }) }]);
  });
});

describe('a server restored from an older backup', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** Stops the server, puts the copy in place of its file as the README says, starts it again. */
  async function restore(backup: string): Promise<TestServer> {
    await server?.close();
    for (const suffix of ['-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
    copyFileSync(backup, dbPath);
    return startServer(dbPath);
  }

  it('answers conflict (the older head) to an edit on a lost rev, invalid to an edit of a fiche it lost, and gives lost seqs again', async () => {
    server = await startServer(dbPath);
    const kept = makeClassroomFiche();
    expect((await postSync<SyncResponse>(server, makeBatch([pushOf(kept)]))).body.results[0]).toMatchObject({ status: 'stored', rev: 1 });
    const backup = join(dir, 'sauvegarde.sqlite');
    expect(backupCli(backup).code).toBe(0);
    // Acknowledged after the backup: a device forgot these edits once stored.
    const lost = makeClassroomFiche();
    const afterBackup = await postSync<SyncResponse>(server, makeBatch([pushOf({ ...kept, data: { ...kept.data, label: 'CM1 B' } }, 1), pushOf(lost)]));
    expect(afterBackup.body.results.map((r) => r.status)).toEqual(['stored', 'stored']);
    const cursor = (await getChanges(server, { campaign: kept.campaign })).body.cursor;

    server = await restore(backup);
    const edits = await postSync<SyncResponse>(server, makeBatch([pushOf({ ...kept, data: { ...kept.data, label: 'CM1 C' } }, 2), pushOf({ ...lost, data: { ...lost.data, label: 'CE2' } }, 1)]));
    expect(edits.body.results).toEqual([
      { id: kept.id, status: 'conflict', head: expect.objectContaining({ rev: 1, record: expect.objectContaining({ rev: 1 }) }) },
      { id: lost.id, status: 'invalid', errors: [{ path: 'baseRev', message: "Révision de base : le serveur n'a jamais reçu cette fiche, elle doit être envoyée sur la base 0." }] },
    ]);

    // A new fiche takes a seq the lost revisions had: a pull from a cursor of before the restore skips it.
    const fresh = await postSync<SyncResponse>(server, makeBatch([pushOf(makeClassroomFiche({ campaign: kept.campaign }))], 'tablette-2'));
    const seq = fresh.body.results[0]?.status === 'stored' ? fresh.body.results[0].seq : NaN;
    expect(seq).toBeLessThanOrEqual(Number(cursor));
    expect((await getChanges<ChangesResponse>(server, { campaign: kept.campaign, since: cursor })).body.changes).toEqual([]);
    expect((await getChanges<ChangesResponse>(server, { campaign: kept.campaign })).body.changes.map((change) => change.seq)).toContain(seq);
  });
});
