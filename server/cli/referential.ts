// `npm run referential -- show` prints the référentiel in force (JSON on the standard output, what it is on the error
// output): redirected to a file, it is what `publish` reads back once edited. `npm run referential -- publish
// fichier.json [--version 2026.2]` publishes a référentiel: the server numbers the version unless one is given, and a
// version published once never changes (a correction is a new version). Devices take it at their next sync. Each
// publication goes to the audit log. The database is DATABASE_URL, else TNE13_DB, else data/tne13.sqlite; the
// territory is the server's (TNE13_DEPARTEMENT, TNE13_TERRITORY…).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cliActor } from '../src/audit';
import { frenchTime } from '../src/audit-text';
import { publishReferential, referentialInForce, versionTakenMessage } from '../src/referential';
import { describeStoreLocation, storeLocationFromEnv } from '../src/store/open-store';
import type { Store } from '../src/store/store';
import { territoryFromEnv, type Territory } from '../src/territory';
import { openCliStore } from './cli-store';

const USAGE = [
  'Usage :',
  '  npm run referential -- show                     affiche le référentiel en vigueur (JSON)',
  '  npm run referential -- publish fichier.json [--version 2026.2]',
  '        publie un référentiel ; sans --version, le serveur le numérote à la suite des versions publiées',
].join('\n');

/** A refusal of what was typed: the message and the usage are printed, exit code 2. */
class UsageError extends Error {}

async function show(store: Store, territory: Territory): Promise<number> {
  const referential = await referentialInForce(store, territory);
  const current = await store.referentials.current();
  console.error(
    current === null
      ? `Référentiel en vigueur : version ${referential.version}, celui d'origine du serveur (aucun n'a été publié).`
      : `Référentiel en vigueur : version ${current.version}, publié le ${frenchTime(current.publishedAt)} par ${current.publishedBy}.`,
  );
  console.log(JSON.stringify(referential, null, 2));
  return 0;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Fichier ${resolve(file)} illisible : ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'il n’existe pas' : (error as Error).message}.`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`Fichier ${resolve(file)} : ce n'est pas du JSON valide (${(error as Error).message}).`);
  }
}

async function publish(store: Store, territory: Territory, args: string[], location: string): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { version: { type: 'string' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('Donnez un seul fichier JSON à publier.');
  const body = readJson(file);
  const outcome = await publishReferential(store, territory, { body, version: parsed.values.version, by: cliActor(), via: 'cli', at: new Date() });
  switch (outcome.status) {
    case 'invalid':
      console.error(`Référentiel refusé, rien n'est publié (${outcome.errors.length} erreur${outcome.errors.length > 1 ? 's' : ''}) :`);
      for (const error of outcome.errors) console.error(`  ${error.message}`);
      return 1;
    case 'version-taken':
      console.error(versionTakenMessage(outcome.version));
      return 1;
    case 'published':
      console.log(`Référentiel ${outcome.referential.version} publié dans ${describeStoreLocation(location)} : les tablettes le prennent à leur prochaine synchronisation.`);
      return 0;
  }
}

async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command !== 'show' && command !== 'publish') {
    console.error(USAGE);
    return 2;
  }
  const location = storeLocationFromEnv(process.env);
  let territory: Territory;
  try {
    territory = territoryFromEnv(process.env);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const opened = await openCliStore(location);
  if (opened === null) return 1;
  const { store } = opened;
  try {
    if (command === 'show') return await show(store, territory);
    return await publish(store, territory, rest, location);
  } catch (error) {
    console.error((error as Error).message);
    if (!(error instanceof UsageError)) return 1;
    console.error(USAGE);
    return 2;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
