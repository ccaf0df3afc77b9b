// The outbox: revisions waiting for the server's acknowledgement (sync.md).
import type { AuditDb, OutboxEntry } from './db';

export function listOutbox(db: AuditDb): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('queuedAt').toArray();
}

export function countOutbox(db: AuditDb): Promise<number> {
  return db.outbox.count();
}
