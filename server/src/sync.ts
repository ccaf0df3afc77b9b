// One batch of POST /api/v1/sync (sync.md): every record is validated with the device's own rules, then the whole
// batch is written in one SQLite transaction, so a crash leaves either all of its revisions or none of them.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/model/sync-protocol';
import type { SyncResponse, SyncResult } from '../../src/model/sync-protocol';
import type { Fiche } from '../../src/model/types';
import { validateFiche } from '../../src/model/validate';
import type { Db } from './store';

export interface Batch {
  deviceId: string;
  batchId: string;
  records: readonly unknown[];
}

interface Sender {
  deviceId: string;
  tokenOwner: string;
  receivedAt: string;
}

type Checked = { ok: true; fiche: Fiche; record: string } | { ok: false; result: SyncResult };

/** Answers a batch: one result per record, in the records' order. */
export function handleBatch(db: Db, batch: Batch, tokenOwner: string, now: Date = new Date()): SyncResponse {
  const checked = batch.records.map((record) => checkRecord(record, now));
  const sender: Sender = { deviceId: batch.deviceId, tokenOwner, receivedAt: now.toISOString() };
  const write = writer(db);
  const results = db
    .transaction(() => checked.map((item) => (item.ok ? write(item.fiche, item.record, sender) : item.result)))
    .immediate();
  return { batchId: batch.batchId, serverTime: sender.receivedAt, results };
}

function checkRecord(record: unknown, now: Date): Checked {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    const errors = [{ path: '', message: "Fiche illisible : ce n'est pas un objet JSON." }];
    return { ok: false, result: { id: '', rev: 0, status: 'invalid', errors } };
  }
  const validation = validateFiche(record, { now });
  if (!validation.ok) {
    // Echo what identifies the record when it has the right type; the device matches results by position anyway.
    const { id, rev } = record as { id?: unknown; rev?: unknown };
    const result: SyncResult = {
      id: typeof id === 'string' ? id : '',
      rev: typeof rev === 'number' ? rev : 0,
      status: 'invalid',
      errors: validation.errors,
    };
    return { ok: false, result };
  }
  // Content is compared on the record as sent, not on the validated (trimmed) copy.
  return { ok: true, fiche: validation.value, record: canonicalJson(record) };
}

function writer(db: Db) {
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

  return (fiche: Fiche, record: string, sender: Sender): SyncResult => {
    const { id, rev } = fiche;
    const existing = held.get(id, rev) as string | undefined;
    if (existing !== undefined) {
      if (existing === record) return { id, rev, status: 'duplicate' };
      const sha256 = createHash('sha256').update(record).digest('hex');
      insertConflict.run({ id, rev, sha256, record, ...sender });
      return { id, rev, status: 'conflict' };
    }
    const { kind, uai, campaign } = fiche;
    insertRevision.run({ id, rev, kind, uai, campaign, deleted: fiche.deleted ? 1 : 0, record, ...sender });
    const highest = highestRev.get(id) as number;
    return { id, rev, status: highest > rev ? 'superseded' : 'stored' };
  };
}
