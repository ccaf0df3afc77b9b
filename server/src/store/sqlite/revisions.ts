// Pushes in SQLite (sync.md v2): a batch is one IMMEDIATE transaction, so a crash leaves either all of its revisions
// or none of them, two batches never interleave, and seqs are given in commit order. The server numbers revisions:
// a record on the head's rev becomes the next one; the `heads` row follows by trigger (migrations/seq-and-heads.ts).
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalJson, canonicalRevision, contentOf, type PushRecord } from '../../../../src/model/sync-protocol';
import type { Fiche } from '../../../../src/model/types';
import type { PushOutcome, RevisionStore, Sender } from '../store';
import { sqliteChanges } from './changes';
import { ORIGIN_OF_HEAD, toHead, type HeadRow } from '../head-row';
import { sqliteHistory } from './history';

export function sqliteRevisions(db: Database.Database): RevisionStore {
  const headOf = db.prepare(`SELECT h.rev, h.seq, r.record, ${ORIGIN_OF_HEAD} AS origin FROM heads h JOIN revisions r ON r.seq = h.seq WHERE h.id = ?`);
  const revisionAt = db.prepare('SELECT rev, seq, record FROM revisions WHERE id = ? AND rev = ?');
  const insertRevision = db.prepare(
    `INSERT INTO revisions (id, rev, kind, uai, campaign, deleted, record, device_id, token_owner, received_at)
     VALUES (@id, @rev, @kind, @uai, @campaign, @deleted, @record, @deviceId, @tokenOwner, @receivedAt)`,
  );
  // The same conflicting content sent again is kept once: re-sending a batch changes nothing.
  const insertConflict = db.prepare(
    `INSERT OR IGNORE INTO conflicts (id, rev, base_rev, record_sha256, record, device_id, token_owner, received_at)
     VALUES (@id, @rev, @baseRev, @sha256, @record, @deviceId, @tokenOwner, @receivedAt)`,
  );

  const store = (record: PushRecord, storedAt: (rev: number) => string, sender: Sender): PushOutcome => {
    const rev = record.baseRev + 1;
    const { kind, uai, campaign, id } = record;
    const stored = storedAt(rev);
    const { lastInsertRowid } = insertRevision.run({ id, rev, kind, uai, campaign, deleted: record.deleted ? 1 : 0, record: stored, ...sender });
    return { status: 'stored', rev, seq: Number(lastInsertRowid) };
  };

  const keepAside = (record: PushRecord, content: string, head: HeadRow, sender: Sender): PushOutcome => {
    const sha256 = createHash('sha256').update(content).digest('hex');
    insertConflict.run({ id: record.id, rev: head.rev, baseRev: record.baseRev, sha256, record: canonicalJson(record), ...sender });
    return { status: 'conflict', head: toHead(head) };
  };

  const pushOne = (record: PushRecord, sender: Sender): PushOutcome => {
    const { content, storedAt } = canonicalRevision(record);
    // The revision made on baseRev: this same content there is a re-send (or another device's identical record).
    const made = revisionAt.get(record.id, record.baseRev + 1) as Omit<HeadRow, 'origin'> | undefined;
    if (made !== undefined && contentOf(JSON.parse(made.record) as Fiche) === content) return { status: 'duplicate', rev: made.rev, seq: made.seq };
    const head = headOf.get(record.id) as HeadRow | undefined;
    if (head === undefined) return record.baseRev === 0 ? store(record, storedAt, sender) : { status: 'unheld-base' };
    if (head.rev === record.baseRev) return store(record, storedAt, sender);
    // A stale base, or one the server never made (forged, or a server restored from an older backup): the device
    // merges with the head and pushes again on it.
    return keepAside(record, content, head, sender);
  };
  const pushAll = db.transaction((records: readonly PushRecord[], sender: Sender) => records.map((record) => pushOne(record, sender)));

  return {
    async push(records, sender) {
      return pushAll.immediate(records, sender);
    },
    changes: sqliteChanges(db),
    history: sqliteHistory(db),
  };
}
