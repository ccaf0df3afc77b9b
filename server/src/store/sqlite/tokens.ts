// Access tokens in SQLite: the SHA-256 of each token, with its id, the name of the person it was given to, its role,
// its last valid day and when it was revoked.
import type Database from 'better-sqlite3';
import type { TokenRecord, TokenStore } from '../store';

const COLUMNS = 'id, owner, role, created_at AS createdAt, expires_on AS expiresOn, revoked_at AS revokedAt';

export function sqliteTokens(db: Database.Database): TokenStore {
  const insert = db.prepare('INSERT INTO tokens (hash, owner, role, created_at, expires_on) VALUES (@hash, @owner, @role, @createdAt, @expiresOn)');
  const byHash = db.prepare(`SELECT ${COLUMNS} FROM tokens WHERE hash = ?`);
  const byId = db.prepare(`SELECT ${COLUMNS} FROM tokens WHERE id = ?`);
  const all = db.prepare(`SELECT ${COLUMNS} FROM tokens ORDER BY id`);
  const markRevoked = db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const any = db.prepare('SELECT 1 FROM tokens LIMIT 1');
  const revoke = db.transaction((id: number, at: string) => {
    markRevoked.run(at, id);
    return (byId.get(id) as TokenRecord | undefined) ?? null;
  });
  return {
    async add(token) {
      return Number(insert.run(token).lastInsertRowid);
    },
    async find(hash) {
      return (byHash.get(hash) as TokenRecord | undefined) ?? null;
    },
    async list() {
      return all.all() as TokenRecord[];
    },
    async revoke(id, at) {
      return revoke.immediate(id, at);
    },
    async hasAny() {
      return any.get() !== undefined;
    },
  };
}
