// The outbox: revisions waiting for the server's acknowledgement (sync.md). A revision leaves it only after a
// `stored`, `duplicate` or `superseded` for it or for a higher rev of the same fiche.
import type { AuditDb, OutboxEntry } from './db';
import { ACKNOWLEDGING, type SyncResult } from '../model/sync-protocol';
import type { FieldError } from '../model/types';

export function listOutbox(db: AuditDb): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('queuedAt').toArray();
}

/** What remains to send: every revision the server has not refused. */
export async function listSendable(db: AuditDb): Promise<OutboxEntry[]> {
  return (await listOutbox(db)).filter((entry) => !entry.refusal);
}

export function countOutbox(db: AuditDb): Promise<number> {
  return db.outbox.count();
}

/**
 * Applies the server's answers in one transaction. An edit saved while the batch travelled has a higher rev:
 * the answer for the older rev leaves it in the outbox.
 */
export function applySyncResults(db: AuditDb, results: readonly SyncResult[], now = new Date()): Promise<{ acknowledged: number; refused: number }> {
  return db.transaction('rw', db.outbox, async () => {
    const entries = await db.outbox.bulkGet(results.map((r) => r.id));
    const done: string[] = [];
    const refusals: OutboxEntry[] = [];
    results.forEach((result, i) => {
      const entry = entries[i];
      if (!entry) return;
      if (ACKNOWLEDGING.has(result.status)) {
        if (entry.rev <= result.rev) done.push(result.id);
      } else if (entry.rev === result.rev) {
        const status = result.status === 'conflict' ? 'conflict' : 'invalid';
        refusals.push({ ...entry, refusal: { status, errors: result.errors ?? [], at: now.toISOString() } });
      }
    });
    await db.outbox.bulkDelete(done);
    await db.outbox.bulkPut(refusals);
    return { acknowledged: done.length, refused: refusals.length };
  });
}

/** The whole batch was refused (400 or 415): kept, shown, and not sent again unchanged. */
export function refuseBatch(db: AuditDb, entries: ReadonlyArray<Pick<OutboxEntry, 'id' | 'rev'>>, message: string, now = new Date()): Promise<void> {
  const errors: FieldError[] = [{ path: '', message }];
  return db.transaction('rw', db.outbox, async () => {
    for (const { id, rev } of entries) {
      const entry = await db.outbox.get(id);
      if (entry && entry.rev === rev) await db.outbox.put({ ...entry, refusal: { status: 'invalid', errors, at: now.toISOString() } });
    }
  });
}
