// The audit log in SQLite (migrations/audit-log.ts): events one row each, failed authentications one row per address
// and minute whose count grows. Listing reads both, the latest first, and answers them oldest first.
import type Database from 'better-sqlite3';
import { FAILED_AUTH_ADDRESSES_PER_MINUTE, OTHER_ADDRESSES, type AuditEntry, type AuditEvent, type AuditStore } from '../store';

interface Row {
  at: string;
  kind: AuditEntry['kind'];
  by: string;
  details: string | null;
  count: number | null;
}

/** `2026-11-29T10:12:34.567Z` → `2026-11-29T10:12:00.000Z`. */
export function minuteOf(at: Date): string {
  return `${at.toISOString().slice(0, 16)}:00.000Z`;
}

function toEntry(row: Row): AuditEntry {
  if (row.kind === 'failed-auth') return { kind: 'failed-auth', at: row.at, address: row.by, count: row.count as number };
  return { kind: row.kind, at: row.at, by: row.by, ...(JSON.parse(row.details as string) as object) } as AuditEvent;
}

export function sqliteAudit(db: Database.Database): AuditStore {
  const insert = db.prepare('INSERT INTO audit_events (at, kind, by, details) VALUES (?, ?, ?, ?)');
  const held = db.prepare('SELECT 1 FROM failed_auths WHERE minute = ? AND address = ?');
  const addresses = db.prepare('SELECT COUNT(*) FROM failed_auths WHERE minute = ?').pluck();
  const bump = db.prepare(
    `INSERT INTO failed_auths (minute, address, count) VALUES (?, ?, 1)
     ON CONFLICT (minute, address) DO UPDATE SET count = count + 1`,
  );
  // LIMIT -1: no limit. Ties in time keep the events' order of arrival.
  const latest = db.prepare(
    `SELECT at, kind, by, details, count FROM (
       SELECT at, kind, by, details, NULL AS count, seq FROM audit_events WHERE at >= @since
       UNION ALL
       SELECT minute, 'failed-auth', address, NULL, count, 0 FROM failed_auths WHERE minute >= @since)
     ORDER BY at DESC, seq DESC LIMIT @limit`,
  );
  const countFailure = db.transaction((minute: string, address: string) => {
    const known = held.get(minute, address) !== undefined;
    const room = known || (addresses.get(minute) as number) < FAILED_AUTH_ADDRESSES_PER_MINUTE;
    bump.run(minute, room ? address : OTHER_ADDRESSES);
  });

  return {
    async record(event) {
      const { kind, at, by, ...details } = event;
      insert.run(at, kind, by, JSON.stringify(details));
    },
    async failedAuth(address, at) {
      // Without the fsync of synchronous=FULL: a power cut may lose the last counts, but a wrong token must not cost
      // a disk flush, or sending them would slow every push down. The next FULL commit flushes these frames too.
      const synchronous = db.pragma('synchronous', { simple: true }) as number;
      db.pragma('synchronous = NORMAL');
      try {
        countFailure.immediate(minuteOf(at), address);
      } finally {
        db.pragma(`synchronous = ${synchronous}`);
      }
    },
    async list(query = {}) {
      const rows = latest.all({ since: query.since ?? '', limit: query.limit ?? -1 }) as Row[];
      return rows.reverse().map(toEntry);
    },
  };
}
