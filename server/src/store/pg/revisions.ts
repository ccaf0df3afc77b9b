// Pushes in PostgreSQL (sync.md v2): a batch is one transaction (all of its revisions or none), judged record by
// record on the heads the records before it left; the server numbers revisions, and the `heads` row follows by
// trigger (schema.ts).
//
// Every push (and every directory replacement) first takes one advisory lock for the whole database, held until it
// commits. Batches, from this instance or any other on the same database, are thus judged one after the other on
// committed heads, as SQLite's IMMEDIATE transactions are: two devices pushing on the same base cannot both be
// `stored`. And seqs commit in the order they are given: a transaction draws its seqs only once it holds the lock,
// and PostgreSQL makes a commit visible before it releases the transaction's locks, so when seq n+1 can be seen, seq n
// already can. Without the lock, a batch that drew seq n could commit after one that drew n+1, and a device pulling
// in between would move its cursor past n for good. Readers take no lock: the pull and the exports never wait.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { canonicalJson, canonicalRevision, contentOf, type PushRecord } from '../../../../src/model/sync-protocol';
import type { Fiche } from '../../../../src/model/types';
import type { PushOutcome, RevisionStore, Sender } from '../store';
import { pgChanges } from './changes';
import { ORIGIN_OF_HEAD, toHead, type HeadRow } from '../head-row';
import { pgHistory } from './history';
import { inTransaction, lock, LOCKS, type Client } from './pool';

// The heads of the batch's fiches and the revisions made on its records' bases, each read once for the whole batch:
// the batch is then judged in memory, record after record, on the heads the records before it left, and written in
// two statements. Round trips to the database, made while the write lock is held, cost more than the judging.
const HEADS_OF = `SELECT h.id, h.rev, h.seq, r.record, ${ORIGIN_OF_HEAD} AS origin FROM heads h JOIN revisions r ON r.seq = h.seq WHERE h.id = ANY($1::text[])`;
const REVISIONS_AT = `
  SELECT r.id, r.rev, r.seq, r.record FROM revisions r
    JOIN unnest($1::text[], $2::integer[]) AS made(id, rev) ON r.id = made.id AND r.rev = made.rev`;
const INSERT_REVISIONS = `
  INSERT INTO revisions (id, rev, kind, uai, campaign, deleted, record, device_id, token_owner, received_at)
  SELECT t.id, t.rev, t.kind, t.uai, t.campaign, t.deleted, t.record, $8, $9, $10
    FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[])
      WITH ORDINALITY AS t(id, rev, kind, uai, campaign, deleted, record, n)
   ORDER BY t.n
  RETURNING id, rev, seq`;
// The same conflicting content sent again is kept once: re-sending a batch changes nothing.
const INSERT_CONFLICTS = `
  INSERT INTO conflicts (id, rev, base_rev, record_sha256, record, device_id, token_owner, received_at)
  SELECT t.id, t.rev, t.base_rev, t.sha256, t.record, $6, $7, $8
    FROM unnest($1::text[], $2::integer[], $3::integer[], $4::text[], $5::text[]) AS t(id, rev, base_rev, sha256, record)
  ON CONFLICT DO NOTHING`;

/** A revision as the batch knows it: read from the database, or stored by a record before (its seq given on insert). */
interface Known {
  rev: number;
  seq: number | null;
  record: string;
  origin: string;
}

type Decision =
  | { status: 'stored' | 'duplicate'; revision: Known }
  | { status: 'conflict'; head: Known }
  | { status: 'unheld-base' };

const keyOf = (id: string, rev: number) => `${id}\n${rev}`;

/** A school fiche under another id than ecole-<campaign>-<uai> never becomes a head (schema.ts, tne13_move_head). */
const becomesHead = (record: PushRecord) => record.kind !== 'school' || record.id === `ecole-${record.campaign}-${record.uai}`;

async function pushBatch(client: Client, records: readonly PushRecord[], sender: Sender): Promise<PushOutcome[]> {
  const ids = [...new Set(records.map((record) => record.id))];
  const heads = new Map<string, Known>();
  for (const row of (await client.query<HeadRow & { id: string }>({ name: 'heads-of', text: HEADS_OF, values: [ids] })).rows) heads.set(row.id, row);
  const made = new Map<string, Known>();
  const bases = { ids: records.map((record) => record.id), revs: records.map((record) => record.baseRev + 1) };
  const madeRows = await client.query<Omit<HeadRow, 'origin'> & { id: string }>({ name: 'revisions-at', text: REVISIONS_AT, values: [bases.ids, bases.revs] });
  for (const row of madeRows.rows) made.set(keyOf(row.id, row.rev), { ...row, origin: '' });

  const stored: Array<{ record: PushRecord; revision: Known }> = [];
  const conflicts: Array<{ record: PushRecord; headRev: number; content: string }> = [];
  const decisions = records.map((record): Decision => {
    const { content, storedAt } = canonicalRevision(record);
    const rev = record.baseRev + 1;
    // The revision made on baseRev: this same content there is a re-send (or another device's identical record).
    const already = made.get(keyOf(record.id, rev));
    if (already !== undefined && contentOf(JSON.parse(already.record) as Fiche) === content) return { status: 'duplicate', revision: already };
    const head = heads.get(record.id);
    if (head === undefined ? record.baseRev === 0 : head.rev === record.baseRev) {
      const revision: Known = { rev, seq: null, record: storedAt(rev), origin: head?.origin ?? sender.deviceId };
      stored.push({ record, revision });
      made.set(keyOf(record.id, rev), revision);
      if (becomesHead(record)) heads.set(record.id, revision);
      return { status: 'stored', revision };
    }
    if (head === undefined) return { status: 'unheld-base' };
    // A stale base, or one the server never made (forged, or a server restored from an older backup): the device
    // merges with the head and pushes again on it.
    conflicts.push({ record, headRev: head.rev, content });
    return { status: 'conflict', head };
  });

  if (stored.length > 0) {
    const column = <T>(pick: (record: PushRecord, revision: Known) => T) => stored.map(({ record, revision }) => pick(record, revision));
    const { rows } = await client.query<{ id: string; rev: number; seq: number }>({
      name: 'insert-revisions',
      text: INSERT_REVISIONS,
      values: [
        column((r) => r.id), column((_, v) => v.rev), column((r) => r.kind), column((r) => r.uai), column((r) => r.campaign),
        column((r) => r.deleted), column((_, v) => v.record), sender.deviceId, sender.tokenOwner, sender.receivedAt,
      ],
    });
    const seqs = new Map(rows.map((row) => [keyOf(row.id, row.rev), Number(row.seq)]));
    for (const { record, revision } of stored) revision.seq = seqs.get(keyOf(record.id, revision.rev)) as number;
  }
  if (conflicts.length > 0) {
    const column = <T>(pick: (c: (typeof conflicts)[number]) => T) => conflicts.map(pick);
    await client.query({
      name: 'insert-conflicts',
      text: INSERT_CONFLICTS,
      values: [
        column((c) => c.record.id), column((c) => c.headRev), column((c) => c.record.baseRev),
        column((c) => createHash('sha256').update(c.content).digest('hex')), column((c) => canonicalJson(c.record)),
        sender.deviceId, sender.tokenOwner, sender.receivedAt,
      ],
    });
  }
  return decisions.map((decision): PushOutcome => {
    if (decision.status === 'unheld-base') return decision;
    if (decision.status === 'conflict') {
      const { rev, seq, record, origin } = decision.head;
      return { status: 'conflict', head: toHead({ rev, seq: seq as number, record, origin }) };
    }
    return { status: decision.status, rev: decision.revision.rev, seq: decision.revision.seq as number };
  });
}

export function pgRevisions(pool: pg.Pool): RevisionStore {
  return {
    push(records, sender) {
      return inTransaction(pool, async (client) => {
        await lock(client, LOCKS.writes);
        return pushBatch(client, records, sender);
      });
    },
    changes: pgChanges(pool),
    history: pgHistory(pool),
  };
}
