// The pull in SQLite (sync.md v2, GET /api/v1/changes): the heads of a campaign changed after a seq, by seq, read
// from `heads` by its (campaign, seq) index. Filters are a union: the schools of some circonscriptions (their
// directory label) and some UAIs.
import type Database from 'better-sqlite3';
import type { Head } from '../../../../src/model/sync-protocol';
import type { Fiche } from '../../../../src/model/types';
import type { ChangesQuery } from '../store';

/** The device that made the fiche of the head `h`: the sender of its first stored revision (its lowest seq). The
 * export's "Doublon possible" compares it, on the server and on a tablet that pulled the fiche. */
export const ORIGIN_OF_HEAD = '(SELECT o.device_id FROM revisions o WHERE o.id = h.id ORDER BY o.seq LIMIT 1)';

/** A head as read: its record is the stored JSON, with its rev. */
export interface HeadRow {
  rev: number;
  seq: number;
  record: string;
  origin: string;
}

export function toHead(row: HeadRow): Head {
  return { rev: row.rev, seq: row.seq, record: JSON.parse(row.record) as Fiche, origin: row.origin };
}

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
