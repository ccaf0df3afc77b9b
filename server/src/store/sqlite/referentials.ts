// The référentiels published, in SQLite (migrations/referentials-throttle.ts): one row per version, never changed.
import type Database from 'better-sqlite3';
import type { PublishedReferential, ReferentialStore } from '../store';

interface Row {
  version: string;
  body: string;
  publishedAt: string;
  publishedBy: string;
}

const COLUMNS = 'version, body, published_at AS publishedAt, published_by AS publishedBy';

function toPublished(row: Row): PublishedReferential {
  return { version: row.version, referential: JSON.parse(row.body) as Record<string, unknown>, publishedAt: row.publishedAt, publishedBy: row.publishedBy };
}

export function sqliteReferentials(db: Database.Database): ReferentialStore {
  const latest = db.prepare(`SELECT ${COLUMNS} FROM referentials ORDER BY seq DESC LIMIT 1`);
  const all = db.prepare(`SELECT ${COLUMNS} FROM referentials ORDER BY seq`);
  const insert = db.prepare('INSERT INTO referentials (version, body, published_at, published_by) VALUES (?, ?, ?, ?) ON CONFLICT (version) DO NOTHING');
  return {
    async current() {
      const row = latest.get() as Row | undefined;
      return row ? toPublished(row) : null;
    },
    async list() {
      return (all.all() as Row[]).map(toPublished);
    },
    async publish(entry) {
      const { changes } = insert.run(entry.version, JSON.stringify(entry.referential), entry.publishedAt, entry.publishedBy);
      return changes === 1 ? 'published' : 'version-taken';
    },
  };
}
