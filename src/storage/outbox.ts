// The outbox: each fiche's latest edit the server has not acknowledged (sync.md v2). Saves made offline coalesce
// here into one push of the fiche's latest state, on the base the device knows. An edit leaves the outbox only after
// a `stored` or `duplicate` for that very state; a `conflict` is merged (heads.ts); `invalid` and `forbidden` keep it,
// visible, and unsent until a new edit replaces it.
import type { AuditDb, OutboxEntry } from './db';
import { pushRecordOf, type PushRecord, type SyncResult } from '../model/sync-protocol';
import type { Fiche, FieldError } from '../model/types';
import { announceSaved } from './saved';
import { headTables, keepOrigin, writeHead, type Merger } from './heads';

export function listOutbox(db: AuditDb): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('queuedAt').toArray();
}

export function countOutbox(db: AuditDb): Promise<number> {
  return db.outbox.count();
}

/** An edit ready to push: its outbox entry and the record sent for it. */
export interface Sendable {
  entry: OutboxEntry;
  record: PushRecord;
}

export { pushRecordOf };

/** What remains to send: every edit neither refused nor waiting for the user's arbitration, each on its base; a push
 * whose answer never came is sent again as it was, under its own rev, before the edits made since. */
export async function listSendable(db: AuditDb): Promise<Sendable[]> {
  return db.transaction('r', [db.outbox, db.bases, db.arbitrations], async () => {
    const entries = (await listOutbox(db)).filter((entry) => !entry.refusal);
    const ids = entries.map((e) => e.id);
    const [bases, held] = await Promise.all([db.bases.bulkGet(ids), db.arbitrations.bulkGet(ids)]);
    return entries.flatMap((entry, i): Sendable[] => {
      if (held[i]) return [];
      if (entry.sent) return [{ entry: { ...entry, rev: entry.sent.rev }, record: entry.sent.record }];
      return [{ entry, record: pushRecordOf(entry.record, bases[i]?.rev ?? 0) }];
    });
  });
}

const unsent = ({ sent: _sent, ...entry }: OutboxEntry): OutboxEntry => entry;

/** Written before a batch leaves: until an answer for it is heard, these records are what gets sent again. */
export function markSent(db: AuditDb, batch: readonly Sendable[]): Promise<void> {
  return db.transaction('rw', db.outbox, async () => {
    for (const { entry, record } of batch) {
      const current = await db.outbox.get(entry.id);
      if (current) await db.outbox.put({ ...current, sent: { rev: entry.rev, record } });
    }
  });
}

/** The server answered the whole request without acting on it (401, 403, 429, 503…): nothing of the batch is held. */
export function unmarkSent(db: AuditDb, batch: readonly Sendable[]): Promise<void> {
  return db.transaction('rw', db.outbox, async () => {
    for (const { entry } of batch) {
      const current = await db.outbox.get(entry.id);
      if (current?.sent) await db.outbox.put(unsent(current));
    }
  });
}

export interface PushReport {
  acknowledged: number;
  refused: number;
  /** Conflicts merged without a collision: queued again on the new head, to push at once. */
  merged: number;
  /** Conflicts with a field changed on both sides: "À arbitrer". */
  arbitrated: number;
}

/**
 * Applies the server's answers to a batch in one transaction. `sent` are the entries sent, in the results' order.
 * An edit saved while the batch travelled has a higher local rev: the answer for the older state leaves it queued,
 * now on the new base.
 */
export async function applyPushResults(db: AuditDb, sent: readonly Sendable[], results: readonly SyncResult[], merger: Merger): Promise<PushReport> {
  const now = merger.now ?? new Date();
  const report: PushReport = { acknowledged: 0, refused: 0, merged: 0, arbitrated: 0 };
  const changed: Fiche[] = [];
  await db.transaction('rw', headTables(db), async () => {
    for (const [i, result] of results.entries()) {
      const item = sent[i];
      if (!item || item.record.id !== result.id) continue;
      const { entry, record } = item;
      // An answer heard: what was sent is known now, whatever it says.
      const current = await db.outbox.get(entry.id);
      if (current?.sent) await db.outbox.put(unsent(current));
      if ((result.status === 'stored' || result.status === 'duplicate') && result.rev !== undefined) {
        const { baseRev: _baseRev, ...held } = record;
        const next = { id: entry.id, rev: result.rev, seq: result.seq ?? 0, record: { ...held, rev: result.rev } as Fiche };
        await db.bases.put(keepOrigin(next, await db.bases.get(entry.id)));
        if (current && current.rev === entry.rev) await db.outbox.delete(entry.id);
        report.acknowledged += 1;
      } else if (result.status === 'conflict' && result.head) {
        const { outcome, fiche } = await writeHead(db, result.head, { ...merger, now });
        if (fiche) changed.push(fiche);
        if (outcome === 'merged') report.merged += 1;
        else if (outcome === 'arbitrate') report.arbitrated += 1;
        else report.acknowledged += 1; // the head held everything this edit changed
      } else {
        const status = result.status === 'forbidden' ? 'forbidden' : 'invalid';
        if (current && current.rev === entry.rev) await db.outbox.put({ ...unsent(current), refusal: { status, errors: result.errors ?? [], at: now.toISOString() } });
        report.refused += 1;
      }
    }
  });
  if (changed.length > 0) announceSaved(db, changed, 'sync');
  return report;
}

/** A refusal whose cause is gone (the images it lacked are to be uploaded again): the revision is sent again. */
export function withdrawRefusal(db: AuditDb, id: string, rev: number): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(id);
    if (!entry?.refusal || entry.rev !== rev) return false;
    const { refusal: _refusal, ...kept } = entry;
    await db.outbox.put(kept);
    return true;
  });
}

/** The whole batch was refused (400 or 415): kept, shown, and not sent again unchanged. */
export function refuseBatch(db: AuditDb, entries: ReadonlyArray<Pick<OutboxEntry, 'id' | 'rev'>>, message: string, now = new Date()): Promise<void> {
  const errors: FieldError[] = [{ path: '', message }];
  return db.transaction('rw', db.outbox, async () => {
    for (const { id, rev } of entries) {
      const entry = await db.outbox.get(id);
      if (entry && entry.rev === rev) await db.outbox.put({ ...unsent(entry), refusal: { status: 'invalid', errors, at: now.toISOString() } });
      else if (entry?.sent) await db.outbox.put(unsent(entry));
    }
  });
}
