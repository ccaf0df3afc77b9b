// A backup of the SQLite file with SQLite's online backup API (better-sqlite3 `db.backup`), safe while a server
// writes to the same file from another process: the copy is the database as one read transaction sees it.
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { BackupSummary } from '../store';

// better-sqlite3 copies 100 pages a step by default, between event-loop turns; a write by another connection between
// two steps restarts the copy, so under a steady flow of pushes it might never end. Every page in one step: the copy
// is made inside one read transaction, which writers in WAL mode do not wait for.
const ALL_PAGES = 0x7fffffff;

export function sqliteBackup(db: Database.Database): (destination: string) => Promise<BackupSummary> {
  return async (destination) => {
    await db.backup(destination, { progress: () => ALL_PAGES });
    const copy = new Database(destination);
    try {
      // One self-contained file, whatever the journal of the original: copying it is copying everything. A server
      // opening it as TNE13_DB puts it back in WAL mode.
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`copie incohérente (PRAGMA integrity_check : ${String(check)})`);
      const count = (table: string) => copy.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
      return {
        revisions: count('revisions'),
        tokens: count('tokens'),
        schools: count('schools'),
        schemaVersion: copy.pragma('user_version', { simple: true }) as number,
        bytes: statSync(destination).size,
      };
    } finally {
      copy.close();
    }
  };
}
