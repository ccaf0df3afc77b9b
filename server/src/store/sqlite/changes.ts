// The pull in SQLite (sync.md v2, GET /api/v1/changes): the heads of a campaign changed after a seq, by seq, read
// from `heads` by its (campaign, seq) index. Filters are a union: the schools of some circonscriptions (their
// directory label) and some UAIs.
import type Database from 'better-sqlite3';
import type { Head } from '../../../../src/model/sync-protocol';
import type { ChangesQuery } from '../store';
import { ORIGIN_OF_HEAD, toHead, type HeadRow } from '../head-row';

export function sqliteChanges(db: Database.Database): (query: ChangesQuery) => Promise<Head[]> {
  // The filter lists travel as JSON arrays (json_each), so that one prepared statement serves any number of them.
  const changed = db.prepare(
    `SELECT h.rev, h.seq, r.record, ${ORIGIN_OF_HEAD} AS origin FROM heads h JOIN revisions r ON r.seq = h.seq
      WHERE h.campaign = @campaign AND h.seq > @since
        AND (@everySchool
             OR h.uai IN (SELECT value FROM json_each(@uais))
             OR h.uai IN (SELECT s.uai FROM schools s
                           WHERE json_extract(s.record, '$.circonscription') IN (SELECT value FROM json_each(@circonscriptions))))
      ORDER BY h.seq
      LIMIT @limit`,
  );
  return async (query) => {
    const everySchool = query.uais.length === 0 && query.circonscriptions.length === 0 ? 1 : 0;
    const rows = changed.all({
      campaign: query.campaign,
      since: query.since,
      limit: query.limit,
      everySchool,
      uais: JSON.stringify(query.uais),
      circonscriptions: JSON.stringify(query.circonscriptions),
    }) as HeadRow[];
    return rows.map(toHead);
  };
}
