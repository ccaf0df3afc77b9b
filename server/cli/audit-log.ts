// `npm run audit-log [-- --since AAAA-MM-JJ] [--limit N]` prints the audit log of the server's database (DATABASE_URL,
// else TNE13_DB, else data/tne13.sqlite), oldest first, Paris time: tokens created and revoked, failed authentications by address and
// minute, exports, directory imports and backups. Without options, the latest DEFAULT_LIMIT entries.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { auditLine, parseSinceDay } from '../src/audit-text';
import { describeStoreLocation, isPostgresUrl, storeLocationFromEnv } from '../src/store/open-store';
import { frenchDay } from '../src/tokens';
import { openCliStore } from './cli-store';

const DEFAULT_LIMIT = 200;
const USAGE = [
  'Usage :',
  '  npm run audit-log [-- --since AAAA-MM-JJ] [--limit N]',
  `        affiche le journal d'audit (heure de Paris) depuis ce jour, ou ses N dernières entrées (${DEFAULT_LIMIT} sans option)`,
].join('\n');

/** A refusal of what was typed: the message and the usage are printed, exit code 2. */
class UsageError extends Error {}

interface Options {
  /** The day typed (AAAA-MM-JJ) and the instant it starts in Paris. */
  since?: { day: string; at: string };
  limit?: number;
}

function readOptions(args: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { since: { type: 'string' }, limit: { type: 'string' } } }));
  } catch {
    throw new UsageError(`Arguments « ${args.join(' ')} » non reconnus.`);
  }
  const options: Options = {};
  if (values.since !== undefined) {
    try {
      options.since = { day: values.since.trim(), at: parseSinceDay(values.since) };
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  if (values.limit !== undefined) {
    if (!/^\d{1,7}$/.test(values.limit) || Number(values.limit) === 0) throw new UsageError(`Limite « ${values.limit} » invalide : un nombre d'entrées, 1 ou plus.`);
    options.limit = Number(values.limit);
  } else if (options.since === undefined) options.limit = DEFAULT_LIMIT;
  return options;
}

async function main(args: string[]): Promise<number> {
  let options;
  try {
    options = readOptions(args);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const location = storeLocationFromEnv(process.env);
  if (!isPostgresUrl(location) && !existsSync(location)) {
    console.error(`Aucune base de données à ${resolve(location)} : vérifiez TNE13_DB.`);
    return 1;
  }
  const opened = await openCliStore(location);
  if (opened === null) return 1;
  const { store } = opened;
  try {
    // One more than asked: whether older entries were left out.
    const entries = await store.audit.list({ since: options.since?.at, limit: options.limit === undefined ? undefined : options.limit + 1 });
    const more = options.limit !== undefined && entries.length > options.limit;
    const shown = more ? entries.slice(1) : entries;
    const since = options.since === undefined ? '' : ` depuis le ${frenchDay(options.since.day)}`;
    console.log(`Journal d'audit de ${describeStoreLocation(location)}${since} (heure de Paris) : ${shown.length} entrée${shown.length >= 2 ? 's' : ''}.`);
    if (more) console.log(`  Entrées plus anciennes non affichées : --limit N pour en voir davantage, ou --since AAAA-MM-JJ.`);
    for (const entry of shown) console.log(auditLine(entry));
    return 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
