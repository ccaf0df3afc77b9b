// Access tokens of the sync endpoint: 32 random bytes shown once to whoever creates them; only their SHA-256 is
// stored, with the name of the person they were given to (recorded on every revision sent with them).
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from './store/store';

const TOKEN_BYTES = 32;
const OWNER_MAX_LENGTH = 100;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a token for `owner` and returns it: the only moment it exists in clear. */
export async function createToken(store: Store, owner: string, now: Date = new Date()): Promise<string> {
  const name = owner.trim();
  if (name === '' || name.length > OWNER_MAX_LENGTH) {
    throw new Error(`Le nom du titulaire du jeton doit compter de 1 à ${OWNER_MAX_LENGTH} caractères.`);
  }
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  await store.tokens.add(hashToken(token), name, now.toISOString());
  return token;
}

/**
 * The owner of a token, or null when it is unknown. Looking up by hash needs no constant-time comparison: the
 * timing of an index lookup can only tell something about a hash, never about the token that produced it.
 */
export function ownerOfToken(store: Store, token: string): Promise<string | null> {
  return store.tokens.ownerOf(hashToken(token));
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
