// The référentiels published, in PostgreSQL (schema.ts): one row per version, never changed.
import type pg from 'pg';
import type { PublishedReferential, ReferentialStore } from '../store';

interface Row {
  version: string;
  body: string;
  publishedAt: string;
  publishedBy: string;
}

const COLUMNS = 'version, body, published_at AS "publishedAt", published_by AS "publishedBy"';

function toPublished(row: Row): PublishedReferential {
  return { version: row.version, referential: JSON.parse(row.body) as Record<string, unknown>, publishedAt: row.publishedAt, publishedBy: row.publishedBy };
}

export function pgReferentials(pool: pg.Pool): ReferentialStore {
  return {
    async current() {
      const { rows } = await pool.query<Row>({ name: 'referential-current', text: `SELECT ${COLUMNS} FROM referentials ORDER BY seq DESC LIMIT 1` });
      return rows[0] === undefined ? null : toPublished(rows[0]);
    },
    async list() {
      return (await pool.query<Row>(`SELECT ${COLUMNS} FROM referentials ORDER BY seq`)).rows.map(toPublished);
    },
    async publish(entry) {
      const { rowCount } = await pool.query(
        'INSERT INTO referentials (version, body, published_at, published_by) VALUES ($1, $2, $3, $4) ON CONFLICT (version) DO NOTHING',
        [entry.version, JSON.stringify(entry.referential), entry.publishedAt, entry.publishedBy],
      );
      return rowCount === 1 ? 'published' : 'version-taken';
    },
  };
}
