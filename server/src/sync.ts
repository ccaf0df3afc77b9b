// One batch of POST /api/v1/sync (sync.md): every record is validated with the device's own rules, then the valid
// ones are appended in one transaction of the store, so a crash leaves either all of them or none.
import { canonicalJson } from '../../src/model/sync-protocol';
import type { SyncResponse, SyncResult } from '../../src/model/sync-protocol';
import { validateFiche } from '../../src/model/validate';
import type { Sender, Store, StoredStatus, ValidRevision } from './store/store';

export interface Batch {
  deviceId: string;
  batchId: string;
  records: readonly unknown[];
}

type Checked = ({ ok: true } & ValidRevision) | { ok: false; result: SyncResult };

/** Answers a batch: one result per record, in the records' order. */
export async function handleBatch(store: Store, batch: Batch, tokenOwner: string, now: Date = new Date()): Promise<SyncResponse> {
  const checked = batch.records.map((record) => checkRecord(record, now));
  const sender: Sender = { deviceId: batch.deviceId, tokenOwner, receivedAt: now.toISOString() };
  const valid = checked.filter((item) => item.ok);
  // One status per valid record, in order: they go back to their places among the invalid ones.
  const statuses = (await store.revisions.append(valid, sender)).values();
  const results = checked.map((item): SyncResult => {
    if (!item.ok) return item.result;
    return { id: item.fiche.id, rev: item.fiche.rev, status: statuses.next().value as StoredStatus };
  });
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
