// The pull in PostgreSQL (sync.md v2, GET /api/v1/changes): the heads of a campaign changed after a seq, by seq, read
// from `heads` by its (campaign, seq) index. Filters are a union: the schools of some circonscriptions (their
// directory label) and some UAIs. One statement, so one snapshot; since seqs commit in order (revisions.ts), a seq
// it sees was never committed after a smaller one it does not see.
import type pg from 'pg';
import type { Head } from '../../../../src/model/sync-protocol';
import type { ChangesQuery } from '../store';
import { ORIGIN_OF_HEAD, toHead, type HeadRow } from '../head-row';

const CHANGED = `
  SELECT h.rev, h.seq, r.record, ${ORIGIN_OF_HEAD} AS origin FROM heads h JOIN revisions r ON r.seq = h.seq
   WHERE h.campaign = $1 AND h.seq > $2
     AND ($3::boolean
          OR h.uai = ANY($4::text[])
          OR h.uai IN (SELECT s.uai FROM schools s WHERE s.circonscription = ANY($5::text[])))
   ORDER BY h.seq
   LIMIT $6`;

export function pgChanges(pool: pg.Pool): (query: ChangesQuery) => Promise<Head[]> {
  return async (query) => {
    const everySchool = query.uais.length === 0 && query.circonscriptions.length === 0;
    const { rows } = await pool.query<HeadRow>({
      name: 'changes',
      text: CHANGED,
      values: [query.campaign, query.since, everySchool, query.uais, query.circonscriptions, query.limit],
    });
    return rows.map(toHead);
  };
}
