// A fiche's history in SQLite (GET /api/v1/fiches/<id>/history): its revisions by seq and the conflicting copies kept
// aside for it in the order they came, read in one transaction so that a push between the two reads cannot show a
// conflict without the head it conflicted with. Both tables are read by their (id, …) keys.
import type Database from 'better-sqlite3';
import type { Fiche } from '../../../../src/model/types';
import type { FicheHistory, KeptConflict, StoredRevision } from '../store';

interface RevisionRow {
  rev: number;
  seq: number;
  deviceId: string;
  tokenOwner: string;
  receivedAt: string;
  record: string;
}

interface ConflictRow {
  headRev: number;
  baseRev: number | null;
  deviceId: string;
  tokenOwner: string;
  receivedAt: string;
  record: string;
}

export function sqliteHistory(db: Database.Database): (id: string) => Promise<FicheHistory | null> {
  const revisionsOf = db.prepare(
    `SELECT rev, seq, device_id AS deviceId, token_owner AS tokenOwner, received_at AS receivedAt, record
       FROM revisions WHERE id = ? ORDER BY seq`,
  );
  // conflicts.seq is the order they were kept in (AUTOINCREMENT), not a revision's seq.
  const conflictsOf = db.prepare(
    `SELECT rev AS headRev, base_rev AS baseRev, device_id AS deviceId, token_owner AS tokenOwner, received_at AS receivedAt, record
       FROM conflicts WHERE id = ? ORDER BY seq`,
  );
  const read = db.transaction((id: string): FicheHistory | null => {
    const revisions = revisionsOf.all(id) as RevisionRow[];
    if (revisions.length === 0) return null;
    const conflicts = conflictsOf.all(id) as ConflictRow[];
    return {
      id,
      revisions: revisions.map((row): StoredRevision => ({ ...row, record: JSON.parse(row.record) as Fiche })),
      conflicts: conflicts.map((row): KeptConflict => ({ ...row, record: JSON.parse(row.record) as Record<string, unknown> })),
    };
  });
  return async (id) => read(id);
}
