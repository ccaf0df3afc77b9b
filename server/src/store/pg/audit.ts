// The audit log in PostgreSQL (schema.ts): events one row each, failed authentications one row per address and
// minute whose count grows. Listing reads both, the latest first, and answers them oldest first.
import type pg from 'pg';
import { FAILED_AUTH_ADDRESSES_PER_MINUTE, OTHER_ADDRESSES, type AuditEntry, type AuditEvent, type AuditStore } from '../store';
import { minuteOf } from '../sqlite/audit';
import { inTransaction, lock, LOCKS } from './pool';

interface Row {
  at: string;
  kind: AuditEntry['kind'];
  actor: string;
  details: string | null;
  count: number | null;
}

function toEntry(row: Row): AuditEntry {
  if (row.kind === 'failed-auth') return { kind: 'failed-auth', at: row.at, address: row.actor, count: row.count as number };
  return { kind: row.kind, at: row.at, by: row.actor, ...(JSON.parse(row.details as string) as object) } as AuditEvent;
}

// LIMIT NULL: no limit. Ties in time keep the events' order of arrival.
const LATEST = `
  SELECT at, kind, actor, details, count FROM (
    SELECT at, kind, actor, details, NULL::integer AS count, seq FROM audit_events WHERE at >= $1
    UNION ALL
    SELECT minute, 'failed-auth', address, NULL, count, 0 FROM failed_auths WHERE minute >= $1) AS entries
  ORDER BY at DESC, seq DESC LIMIT $2`;

const BUMP = `
  INSERT INTO failed_auths (minute, address, count) VALUES ($1, $2, 1)
  ON CONFLICT (minute, address) DO UPDATE SET count = failed_auths.count + 1`;

export function pgAudit(pool: pg.Pool): AuditStore {
  return {
    async record(event) {
      const { kind, at, by, ...details } = event;
      await pool.query('INSERT INTO audit_events (at, kind, actor, details) VALUES ($1, $2, $3, $4)', [at, kind, by, JSON.stringify(details)]);
    },
    async failedAuth(address, at) {
      const minute = minuteOf(at);
      await inTransaction(pool, async (client) => {
        // As SQLite's synchronous=NORMAL here: a wrong token must not wait for a disk flush, or sending them would
        // slow every push down; a crash may lose the last counts, never anything else.
        await client.query('SET LOCAL synchronous_commit = off');
        // The cap on a minute's addresses is counted then written: two instances counting at once would both see room
        // for the last one.
        await lock(client, LOCKS.auditCount);
        const { rows } = await client.query<{ known: boolean; addresses: number }>(
          `SELECT EXISTS (SELECT 1 FROM failed_auths WHERE minute = $1 AND address = $2) AS known,
                  (SELECT COUNT(*) FROM failed_auths WHERE minute = $1) AS addresses`,
          [minute, address],
        );
        const { known, addresses } = rows[0] as { known: boolean; addresses: number };
        const room = known || addresses < FAILED_AUTH_ADDRESSES_PER_MINUTE;
        await client.query({ name: 'audit-failed-auth', text: BUMP, values: [minute, room ? address : OTHER_ADDRESSES] });
      });
    },
    async list(query = {}) {
      const { rows } = await pool.query<Row>(LATEST, [query.since ?? '', query.limit ?? null]);
      return rows.reverse().map(toEntry);
    },
  };
}
