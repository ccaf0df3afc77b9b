// A fiche's history in PostgreSQL (GET /api/v1/fiches/<id>/history): its revisions by seq and the conflicting copies
// kept aside for it in the order they came, read in one snapshot so that a push between the two reads cannot show a
// conflict without the head it conflicted with.
import type pg from 'pg';
import type { Fiche } from '../../../../src/model/types';
import type { FicheHistory, KeptConflict, StoredRevision } from '../store';
import { inSnapshot } from './pool';

type Row<T> = Omit<T, 'record'> & { record: string };

const REVISIONS_OF = `
  SELECT rev, seq, device_id AS "deviceId", token_owner AS "tokenOwner", received_at AS "receivedAt", record
    FROM revisions WHERE id = $1 ORDER BY seq`;
// conflicts.seq is the order they were kept in, not a revision's seq.
const CONFLICTS_OF = `
  SELECT rev AS "headRev", base_rev AS "baseRev", device_id AS "deviceId", token_owner AS "tokenOwner", received_at AS "receivedAt", record
    FROM conflicts WHERE id = $1 ORDER BY seq`;

export function pgHistory(pool: pg.Pool): (id: string) => Promise<FicheHistory | null> {
  return (id) =>
    inSnapshot(pool, async (client) => {
      const revisions = (await client.query<Row<StoredRevision>>(REVISIONS_OF, [id])).rows;
      if (revisions.length === 0) return null;
      const conflicts = (await client.query<Row<KeptConflict>>(CONFLICTS_OF, [id])).rows;
      return {
        id,
        revisions: revisions.map((row): StoredRevision => ({ ...row, record: JSON.parse(row.record) as Fiche })),
        conflicts: conflicts.map((row): KeptConflict => ({ ...row, record: JSON.parse(row.record) as Record<string, unknown> })),
      };
    });
}
