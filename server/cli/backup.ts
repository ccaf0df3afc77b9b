// `npm run backup -- sauvegarde.sqlite [--force]` copies the server's database (TNE13_DB, or data/tne13.sqlite) with
// SQLite's online backup API, while the server keeps running: the copy is the database at one moment, checked
// (PRAGMA integrity_check) before it takes its name. An existing file is replaced only with --force; a failure names
// the path and the cause in French and leaves no partial copy. Restoring: README, "Backup and restore". A PostgreSQL
// database (DATABASE_URL) is refused: it is backed up with pg_dump, which the message says.
import { closeSync, constants, copyFileSync, existsSync, linkSync, openSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cliActor } from '../src/audit';
import { count } from '../src/audit-text';
import { isPostgresUrl, openStore, storeLocationFromEnv } from '../src/store/open-store';
import { PG_BACKUP_REFUSAL } from '../src/store/pg/backup';
import type { BackupSummary } from '../src/store/store';

const USAGE = [
  'Usage :',
  '  npm run backup -- sauvegarde.sqlite [--force]',
  '        copie la base du serveur, même en marche ; --force remplace un fichier existant',
].join('\n');

/** A refusal that names what to do: printed as it is, exit code 1. */
class BackupRefused extends Error {}

const SIZE = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** Why a file could not be written, in French, from Node's or SQLite's error code. */
function causeOf(error: unknown, destination: string): string {
  const { code, message } = error as { code?: string; message?: string };
  switch (code) {
    case 'ENOENT':
      return `le dossier ${dirname(destination)} n'existe pas`;
    case 'ENOTDIR':
      return `un élément du chemin ${dirname(destination)} n'est pas un dossier`;
    case 'EACCES':
    case 'EPERM':
      return `écriture refusée dans ${dirname(destination)} (droits insuffisants)`;
    case 'EROFS':
      return `${dirname(destination)} est en lecture seule`;
    case 'ENOSPC':
    case 'SQLITE_FULL':
      return 'disque plein';
    case 'EISDIR':
      return `${destination} est un dossier`;
    case 'SQLITE_BUSY':
      return 'la base est occupée, réessayez dans un instant';
    default:
      return code === undefined ? (message ?? String(error)) : `erreur ${code} (${message ?? ''})`;
  }
}

function sameFile(a: string, b: string): boolean {
  if (!existsSync(a) || !existsSync(b)) return resolve(a) === resolve(b);
  return realpathSync(a) === realpathSync(b);
}

/** `2_154_496` → `2,1 Mo`. */
function frenchSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${SIZE.format(bytes / 1024)} Ko` : `${SIZE.format(bytes / (1024 * 1024))} Mo`;
}

/** Gives `partial` the name `destination` unless a file appeared there meanwhile, which rename() would replace. */
function keepWithoutReplacing(partial: string, destination: string): void {
  try {
    linkSync(partial, destination);
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') {
      throw new BackupRefused(`Le fichier ${destination} existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer.`);
    }
    // A file system without hard links: a copy that refuses to replace a file.
    copyFileSync(partial, destination, constants.COPYFILE_EXCL);
  }
}

/** Backs `dbPath` up into `destination`: into a new file beside it first, which takes its name once checked. */
async function backUp(dbPath: string, destination: string, force: boolean): Promise<BackupSummary> {
  if (!existsSync(dbPath)) throw new BackupRefused(`Aucune base de données à ${dbPath} : vérifiez TNE13_DB.`);
  if (sameFile(dbPath, destination)) throw new BackupRefused(`Sauvegarde refusée : ${destination} est la base du serveur elle-même. Choisissez un autre fichier.`);
  if (existsSync(destination) && statSync(destination).isDirectory()) throw new BackupRefused(`Sauvegarde impossible vers ${destination} : c'est un dossier. Donnez un nom de fichier.`);
  if (existsSync(destination) && !force) {
    throw new BackupRefused(`Le fichier ${destination} existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer.`);
  }
  const partial = join(dirname(destination), `.${basename(destination)}.partielle-${process.pid}`);
  // 'wx': a new file, which also tells at once, with Node's error code, whether the folder can be written.
  closeSync(openSync(partial, 'wx'));
  try {
    const store = await openStore(dbPath);
    let summary: BackupSummary;
    try {
      summary = await store.backup(partial);
      await store.audit.record({ kind: 'backup', at: new Date().toISOString(), by: cliActor(), destination });
    } finally {
      await store.close();
    }
    if (force) renameSync(partial, destination);
    else keepWithoutReplacing(partial, destination);
    return summary;
  } finally {
    rmSync(partial, { force: true });
  }
}

async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || parsed.positionals.length !== 1 || (parsed.positionals[0] ?? '').trim() === '') {
    console.error(USAGE);
    return 2;
  }
  const location = storeLocationFromEnv(process.env);
  // A PostgreSQL database (DATABASE_URL) is backed up with pg_dump: said before anything is opened or written.
  if (isPostgresUrl(location)) {
    console.error(PG_BACKUP_REFUSAL);
    return 1;
  }
  const dbPath = resolve(location);
  const destination = resolve(parsed.positionals[0] as string);
  try {
    const s = await backUp(dbPath, destination, parsed.values.force === true);
    const held = `${count(s.revisions, 'révision')}, ${count(s.tokens, 'jeton')}, ${count(s.schools, 'école')}`;
    console.log(`Sauvegarde de ${dbPath} écrite dans ${destination} : ${held}, schéma version ${s.schemaVersion}, ${frenchSize(s.bytes)}.`);
    console.log('Copie vérifiée (PRAGMA integrity_check : ok).');
    console.log('Pour la restaurer : arrêtez le serveur, supprimez les fichiers -wal et -shm de la base, remplacez-la par cette copie, redémarrez.');
    return 0;
  } catch (error) {
    if (error instanceof BackupRefused) console.error(error.message);
    else console.error(`Sauvegarde impossible vers ${destination} : ${causeOf(error, destination)}.`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
