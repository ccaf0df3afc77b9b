// Access tokens in SQLite: the SHA-256 of each token with the name of the person it was given to.
import type Database from 'better-sqlite3';
import type { TokenOwner, TokenStore } from '../store';

export function sqliteTokens(db: Database.Database): TokenStore {
  const insert = db.prepare('INSERT INTO tokens (hash, owner, created_at) VALUES (?, ?, ?)');
  const owner = db.prepare('SELECT owner FROM tokens WHERE hash = ?').pluck();
  const owners = db.prepare('SELECT owner, created_at AS createdAt FROM tokens ORDER BY created_at, owner');
  const any = db.prepare('SELECT 1 FROM tokens LIMIT 1');
  return {
    async add(hash, name, createdAt) {
      insert.run(hash, name, createdAt);
    },
    async ownerOf(hash) {
      return (owner.get(hash) as string | undefined) ?? null;
    },
    async list() {
      return owners.all() as TokenOwner[];
    },
    async hasAny() {
      return any.get() !== undefined;
    },
  };
}
