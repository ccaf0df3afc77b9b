// Access tokens (sync.md "Roles and tokens"): 32 random bytes shown once to whoever creates them; only their SHA-256
// is stored, with the name of the person they were given to (recorded on every revision sent with them), a role, an
// optional last valid day (Paris time) and, once revoked, when.
import { createHash, randomBytes } from 'node:crypto';
import { parisDateTime } from '../../src/export/paris-time';
import { DEFAULT_ROLE, ROLES, isRole, type Role } from './roles';
import type { Store, TokenRecord } from './store/store';

const TOKEN_BYTES = 32;
const OWNER_MAX_LENGTH = 100;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The calendar day in Paris at `at`, AAAA-MM-JJ, whatever the machine's time zone (summer time included). */
export function parisDay(at: Date): string {
  return (parisDateTime(at) ?? at.toISOString()).slice(0, 10);
}

/** `2026-11-28` → `28/11/2026`, as French readers write a day. */
export function frenchDay(day: string): string {
  return day.split('-').reverse().join('/');
}

/**
 * Reads `--expires AAAA-MM-JJ`: the last day the token is valid, until the end of it in Paris. Refuses, in French, an
 * unreadable or impossible day and one already past in Paris (today is accepted).
 */
export function parseExpiry(text: string, now: Date): string {
  const match = DAY.exec(text.trim());
  if (!match) throw new Error(`Date d'expiration « ${text} » illisible : attendue sous la forme AAAA-MM-JJ (par exemple 2027-08-31).`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new Error(`Date d'expiration « ${text.trim()} » impossible : ce jour n'existe pas.`);
  }
  const expiresOn = text.trim();
  const today = parisDay(now);
  if (expiresOn < today) {
    throw new Error(`Date d'expiration ${frenchDay(expiresOn)} déjà passée : choisissez aujourd'hui (${frenchDay(today)}) ou un jour à venir.`);
  }
  return expiresOn;
}

export function parseRole(text: string): Role {
  if (isRole(text)) return text;
  throw new Error(`Rôle « ${text} » inconnu : ${ROLES.slice(0, -1).join(', ')} ou ${ROLES.at(-1)}.`);
}

export interface TokenOptions {
  /** `auditeur` when absent. */
  role?: Role;
  /** AAAA-MM-JJ, read by `parseExpiry`; none when absent. */
  expires?: string;
  now?: Date;
}

/** Creates a token for `owner` and returns it with its record: the only moment it exists in clear. */
export async function issueToken(store: Store, owner: string, options: TokenOptions = {}): Promise<{ token: string; record: TokenRecord }> {
  const name = owner.trim();
  if (name === '' || name.length > OWNER_MAX_LENGTH) {
    throw new Error(`Le nom du titulaire du jeton doit compter de 1 à ${OWNER_MAX_LENGTH} caractères.`);
  }
  const now = options.now ?? new Date();
  const expiresOn = options.expires === undefined ? null : parseExpiry(options.expires, now);
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const fields = { owner: name, role: options.role ?? DEFAULT_ROLE, createdAt: now.toISOString(), expiresOn };
  const id = await store.tokens.add({ hash: hashToken(token), ...fields });
  return { token, record: { id, ...fields, revokedAt: null } };
}

/** Creates a token for `owner` and returns it: the only moment it exists in clear. */
export async function createToken(store: Store, owner: string, options: TokenOptions = {}): Promise<string> {
  return (await issueToken(store, owner, options)).token;
}

/** Whether a held token lets a request in at `now`: valid until the end of its last day, Paris time. */
export function tokenState(record: TokenRecord, now: Date): 'valid' | 'revoked' | 'expired' {
  if (record.revokedAt !== null) return 'revoked';
  if (record.expiresOn !== null && parisDay(now) > record.expiresOn) return 'expired';
  return 'valid';
}

/**
 * The token held for `token`, or null when it is unknown. Looking up by hash needs no constant-time comparison: the
 * timing of an index lookup can only tell something about a hash, never about the token that produced it.
 */
export function findToken(store: Store, token: string): Promise<TokenRecord | null> {
  return store.tokens.find(hashToken(token));
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
