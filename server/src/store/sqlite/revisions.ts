// The append-only history in SQLite: a batch is one IMMEDIATE transaction, so a crash leaves either all of its
// revisions or none of them, and two batches never interleave.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { RevisionStore, Sender, StoredStatus, ValidRevision } from '../store';

export function sqliteRevisions(db: Database.Database): RevisionStore {
  const held = db.prepare('SELECT record FROM revisions WHERE id = ? AND rev = ?').pluck();
  const highestRev = db.prepare('SELECT MAX(rev) FROM revisions WHERE id = ?').pluck();
  const insertRevision = db.prepare(
    `INSERT INTO revisions (id, rev, kind, uai, campaign, deleted, record, device_id, token_owner, received_at)
     VALUES (@id, @rev, @kind, @uai, @campaign, @deleted, @record, @deviceId, @tokenOwner, @receivedAt)`,
  );
  // The same conflicting copy sent again is kept once: re-sending a batch changes nothing.
  const insertConflict = db.prepare(
    `INSERT OR IGNORE INTO conflicts (id, rev, record_sha256, record, device_id, token_owner, received_at)
     VALUES (@id, @rev, @sha256, @record, @deviceId, @tokenOwner, @receivedAt)`,
  );

  const appendOne = ({ fiche, record }: ValidRevision, sender: Sender): StoredStatus => {
    const { id, rev, kind, uai, campaign } = fiche;
    const existing = held.get(id, rev) as string | undefined;
    if (existing !== undefined) {
      if (existing === record) return 'duplicate';
      const sha256 = createHash('sha256').update(record).digest('hex');
      insertConflict.run({ id, rev, sha256, record, ...sender });
      return 'conflict';
    }
    insertRevision.run({ id, rev, kind, uai, campaign, deleted: fiche.deleted ? 1 : 0, record, ...sender });
    return (highestRev.get(id) as number) > rev ? 'superseded' : 'stored';
  };
  const appendAll = db.transaction((revisions: readonly ValidRevision[], sender: Sender) =>
    revisions.map((revision) => appendOne(revision, sender)),
  );

  return {
    async append(revisions, sender) {
      return appendAll.immediate(revisions, sender);
    },
  };
}
