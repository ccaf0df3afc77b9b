// `npm run token -- create "Nom Prénom" [--role auditeur|lecteur|admin] [--expires AAAA-MM-JJ]` prints a new access
// token once (only its hash is kept); `npm run token -- list` prints one line per token, starting with its id (a
// number given in creation order, never reused); `npm run token -- revoke <id>` refuses it from then on, keeping it
// listed. Creations and revocations go to the audit log (`npm run audit-log`). The database is DATABASE_URL, else
// TNE13_DB, else data/tne13.sqlite.
import { parisDateTime } from '../../src/export/paris-time';
import { cliActor } from '../src/audit';
import { DEFAULT_ROLE } from '../src/roles';
import { describeStoreLocation } from '../src/store/open-store';
import type { Store, TokenRecord } from '../src/store/store';
import { frenchDay, issueToken, parseRole, tokenState, type TokenOptions } from '../src/tokens';
import { openCliStore } from './cli-store';

const USAGE = [
  'Usage :',
  '  npm run token -- create "Nom Prénom" [--role auditeur|lecteur|admin] [--expires AAAA-MM-JJ]',
  `        crée un jeton (rôle ${DEFAULT_ROLE} par défaut, valable jusqu'à la fin du jour donné, heure de Paris) et l’affiche une seule fois`,
  '  npm run token -- list            liste les jetons : numéro, titulaire, rôle, création, expiration, révocation',
  '  npm run token -- revoke <numéro> révoque un jeton : le serveur le refuse dès maintenant',
].join('\n');

/** A refusal of what was typed: the message and the usage are printed, exit code 2. */
class UsageError extends Error {}

/** `2026-11-29T10:12:00.000Z` → `29/11/2026 à 11:12` (Paris). */
function frenchDateTime(iso: string): string {
  const wall = parisDateTime(iso) ?? iso;
  return `${frenchDay(wall.slice(0, 10))} à ${wall.slice(11, 16)}`;
}

function expiryText(token: TokenRecord, now: Date): string {
  if (token.expiresOn === null) return 'sans expiration';
  const verb = tokenState({ ...token, revokedAt: null }, now) === 'expired' ? 'expiré' : 'expire';
  return `${verb} le ${frenchDay(token.expiresOn)} à 24 h`;
}

/** `3  Dominique Durand  lecteur  créé le 29/11/2026 à 11:12  expire le 31/08/2027 à 24 h  non révoqué` */
function tokenLine(token: TokenRecord, now: Date): string {
  const revoked = token.revokedAt === null ? 'non révoqué' : `révoqué le ${frenchDateTime(token.revokedAt)}`;
  return [token.id, token.owner, token.role, `créé le ${frenchDateTime(token.createdAt)}`, expiryText(token, now), revoked].join('  ');
}

/** The owner's name and the options of `create`, in any order; `--role=x` and `--role x` alike. */
function parseCreate(args: readonly string[]): { owner: string; options: TokenOptions } {
  const words: string[] = [];
  const options: TokenOptions = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      words.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = equals === -1 ? arg : arg.slice(0, equals);
    if (name !== '--role' && name !== '--expires') throw new UsageError(`Option « ${name} » inconnue.`);
    const value = equals === -1 ? args[++i] : arg.slice(equals + 1);
    if (value === undefined || value === '') throw new UsageError(`Option ${name} sans valeur.`);
    if (name === '--role') options.role = parseRole(value);
    else options.expires = value;
  }
  return { owner: words.join(' '), options };
}

async function create(store: Store, args: readonly string[], location: string): Promise<void> {
  const { owner, options } = parseCreate(args);
  const { token, record } = await issueToken(store, owner, options);
  const { id, role, expiresOn } = record;
  await store.audit.record({ kind: 'token-created', at: record.createdAt, by: cliActor(), token: { id, owner: record.owner, role, expiresOn } });
  const expiry = record.expiresOn === null ? 'sans expiration' : `expire le ${frenchDay(record.expiresOn)} à 24 h (heure de Paris)`;
  console.log(`Jeton n° ${record.id} créé pour « ${record.owner} » dans ${describeStoreLocation(location)} : rôle ${record.role}, ${expiry}.`);
  console.log('Il ne sera plus jamais affiché : transmettez-le à son titulaire.');
  console.log(token);
}

async function list(store: Store): Promise<void> {
  const tokens = await store.tokens.list();
  if (tokens.length === 0) console.log('Aucun jeton.');
  const now = new Date();
  for (const token of tokens) console.log(tokenLine(token, now));
}

async function revoke(store: Store, args: readonly string[]): Promise<number> {
  const [text = '', ...extra] = args;
  if (!/^\d{1,15}$/.test(text) || extra.length > 0) throw new UsageError(`Numéro de jeton « ${args.join(' ')} » invalide : un nombre, tel que « npm run token -- list » l'affiche.`);
  const at = new Date().toISOString();
  const token = await store.tokens.revoke(Number(text), at);
  if (token === null) {
    console.error(`Aucun jeton n° ${text} : « npm run token -- list » les affiche tous.`);
    return 1;
  }
  // A token revoked before keeps its first revocation time, and its revocation is logged once.
  const verb = token.revokedAt === at ? 'révoqué' : 'déjà révoqué';
  if (token.revokedAt === at) await store.audit.record({ kind: 'token-revoked', at, by: cliActor(), token: { id: token.id, owner: token.owner, role: token.role } });
  console.log(`Jeton n° ${token.id} de « ${token.owner} » ${verb} le ${frenchDateTime(token.revokedAt as string)} : le serveur le refuse.`);
  return 0;
}

async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command !== 'create' && command !== 'list' && command !== 'revoke') {
    console.error(USAGE);
    return 2;
  }
  const opened = await openCliStore();
  if (opened === null) return 1;
  const { store, location } = opened;
  try {
    if (command === 'create') await create(store, rest, location);
    else if (command === 'list') await list(store);
    else return await revoke(store, rest);
    return 0;
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
