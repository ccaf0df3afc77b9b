// Access tokens in PostgreSQL: the SHA-256 of each token, with its id, the name of the person it was given to, its
// role, its last valid day and when it was revoked.
import type pg from 'pg';
import type { TokenRecord, TokenStore } from '../store';
import { inTransaction } from './pool';

const COLUMNS = 'id, owner, role, created_at AS "createdAt", expires_on AS "expiresOn", revoked_at AS "revokedAt"';

export function pgTokens(pool: pg.Pool): TokenStore {
  return {
    async add(token) {
      const { rows } = await pool.query<{ id: number }>(
        'INSERT INTO tokens (hash, owner, role, created_at, expires_on) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [token.hash, token.owner, token.role, token.createdAt, token.expiresOn],
      );
      return (rows[0] as { id: number }).id;
    },
    async find(hash) {
      const { rows } = await pool.query<TokenRecord>({ name: 'token-by-hash', text: `SELECT ${COLUMNS} FROM tokens WHERE hash = $1`, values: [hash] });
      return rows[0] ?? null;
    },
    async list() {
      return (await pool.query<TokenRecord>(`SELECT ${COLUMNS} FROM tokens ORDER BY id`)).rows;
    },
    async revoke(id, at) {
      return inTransaction(pool, async (client) => {
        await client.query('UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id]);
        const { rows } = await client.query<TokenRecord>(`SELECT ${COLUMNS} FROM tokens WHERE id = $1`, [id]);
        return rows[0] ?? null;
      });
    },
    async hasAny() {
      return (await pool.query('SELECT 1 FROM tokens LIMIT 1')).rowCount === 1;
    },
  };
}
