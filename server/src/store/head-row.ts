// A fiche's head as both stores read it: the same SQL for the device that made the fiche, the same row shape and the
// same conversion into the protocol's Head.
import type { Head } from '../../../src/model/sync-protocol';
import type { Fiche } from '../../../src/model/types';

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
