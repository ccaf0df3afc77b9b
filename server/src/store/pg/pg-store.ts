// The Store on a PostgreSQL database (node-postgres, one pool), chosen by DATABASE_URL. Several server instances may
// share the database: pushes and directory replacements are serialised by an advisory lock (revisions.ts), the
// schema is migrated under another (schema.ts), and everything an instance would otherwise keep in memory (the
// export version, the failed authentications) is read from the database.
import { folderAttachments } from '../attachments/folder';
import type { AttachmentStore, Store, StoreOptions } from '../store';
import { pgAttachments } from './attachments';
import { pgAudit } from './audit';
import { pgBackup } from './backup';
import { openPgCampaignReader, pgCampaignReader, readExportVersion } from './campaign';
import { pgDirectory } from './directory';
import { openPool } from './pool';
import { pgReferentials } from './referentials';
import { pgRevisions } from './revisions';
import { migrate } from './schema';
import { pgThrottle } from './throttle';
import { pgTokens } from './tokens';

export { openPgCampaignReader };

// Requests beyond it wait for a connection; a push holds one while it waits for the write lock. Ten per instance
// stays well within PostgreSQL's default max_connections (100) for a few instances, a CLI and the export workers.
const POOL_SIZE = 10;

/**
 * node-postgres says a connection attempt that timed out in words only: it gets the code a refused or reset one has,
 * so that the server's startup message (startup-error.ts) says it in French as it says those.
 */
function withCode(error: unknown): unknown {
  if (error instanceof Error && (error as { code?: unknown }).code === undefined && /timeout|timed out/i.test(error.message)) {
    return Object.assign(error, { code: 'ETIMEDOUT' });
  }
  return error;
}

/**
 * Opens the database at `url`, creating or migrating its schema; rejects when it cannot be reached or migrated. Photos
 * go to its `attachments` table, or to the folder `options.attachmentsDir` when one is given.
 */
export async function openPgStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const pool = openPool(url, { max: POOL_SIZE });
  let attachments: AttachmentStore;
  try {
    await migrate(pool);
    attachments = options.attachmentsDir === undefined ? pgAttachments(pool) : folderAttachments(options.attachmentsDir);
  } catch (error) {
    await pool.end().catch(() => {});
    throw withCode(error);
  }
  return {
    tokens: pgTokens(pool),
    revisions: pgRevisions(pool),
    directory: pgDirectory(pool),
    audit: pgAudit(pool),
    referentials: pgReferentials(pool),
    throttle: pgThrottle(pool),
    attachments,
    backup: pgBackup,
    readCampaign: pgCampaignReader(pool),
    exportVersion: (campaign) => readExportVersion(pool, campaign),
    readerLocation: url,
    async ping() {
      await pool.query('SELECT 1');
    },
    async probeWrite() {
      // A real commit, flushed to the write-ahead log as a push's is: it fails as a push would (disk full, read-only
      // standby, a database in recovery).
      await pool.query(
        `INSERT INTO write_probe (single, at) VALUES (true, $1) ON CONFLICT (single) DO UPDATE SET at = excluded.at`,
        [new Date().toISOString()],
      );
    },
    async checkpoint() {
      // PostgreSQL checkpoints on its own.
    },
    async close() {
      await pool.end();
    },
  };
}
