// The Store on one SQLite file (better-sqlite3, WAL). Its calls are synchronous underneath: each method runs its
// whole transaction before it returns, and hands the result back as a Promise to fit the interface.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { folderAttachments } from '../attachments/folder';
import { memoryAttachments } from '../attachments/memory';
import type { AttachmentStore, Store, StoreOptions } from '../store';
import { sqliteAudit } from './audit';
import { sqliteBackup } from './backup';
import { sqliteCampaignReader, sqliteExportVersion } from './campaign';
import { sqliteDirectory } from './directory';
import { sqliteReferentials } from './referentials';
import { sqliteRevisions } from './revisions';
import { migrate } from './schema';
import { sqliteThrottle } from './throttle';
import { sqliteTokens } from './tokens';

const BUSY_TIMEOUT_MS = 5_000;

// What the write probe writes: the header field SQLite keeps for the application that owns the file ("TNE1"). The
// same value each time, a real commit (a page written to the WAL, synced) that touches no table.
const APPLICATION_ID = 0x544e4531;

/** The folder of a database's photos when none is configured: `attachments/` beside its file. */
export const ATTACHMENTS_FOLDER = 'attachments';

// Photos are files, not rows (attachments/folder.ts): a database of a few megabytes of fiches stays one, quick to back
// up and to copy, and the images, which never change, sit beside it. An in-memory database keeps them in memory.
function attachmentsOf(path: string, options: StoreOptions): AttachmentStore {
  if (options.attachmentsDir !== undefined) return folderAttachments(options.attachmentsDir);
  if (path === ':memory:' || path === '') return memoryAttachments();
  return folderAttachments(join(dirname(resolve(path)), ATTACHMENTS_FOLDER));
}

/**
 * Opens (and creates or migrates) the database at `path`; ':memory:' is accepted. Photos go to `attachments/` beside
 * the file, or to the folder `options.attachmentsDir` when one is given.
 */
export function openSqliteStore(path: string, options: StoreOptions = {}): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // FULL: an answer "stored" lets the device forget the revision, so the commit must survive a power cut.
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const readCampaign = sqliteCampaignReader(db);
  const { exportVersion, directoryReplaced } = sqliteExportVersion(db);
  const probe = db.prepare('SELECT 1');
  let attachments: AttachmentStore;
  try {
    attachments = attachmentsOf(path, options);
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    tokens: sqliteTokens(db),
    revisions: sqliteRevisions(db),
    directory: sqliteDirectory(db, directoryReplaced),
    audit: sqliteAudit(db),
    referentials: sqliteReferentials(db),
    throttle: sqliteThrottle(db),
    attachments,
    backup: sqliteBackup(db),
    async readCampaign(campaign) {
      return readCampaign(campaign);
    },
    async exportVersion(campaign) {
      return exportVersion(campaign);
    },
    readerLocation: path === ':memory:' || path === '' ? null : resolve(path),
    async ping() {
      probe.get();
    },
    async probeWrite() {
      db.pragma(`application_id = ${APPLICATION_ID}`);
    },
    async checkpoint() {
      // A checkpoint blocked by another connection (a backup, an export) would wait out the busy timeout on the one
      // thread: it gives up at once instead, and the next one truncates.
      db.pragma('busy_timeout = 0');
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
    },
    async close() {
      db.close();
    },
  };
}
