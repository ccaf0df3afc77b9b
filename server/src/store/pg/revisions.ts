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
import { ORIGIN_OF_HEAD, pgChanges, toHead, type HeadRow } from './changes';
import { pgHistory } from './history';
import { inTransaction, lock, LOCKS, type Client } from './pool';

const HEAD_OF = `SELECT h.rev, h.seq, r.record, ${ORIGIN_OF_HEAD} AS origin FROM heads h JOIN revisions r ON r.seq = h.seq WHERE h.id = $1`;
const REVISION_AT = 'SELECT rev, seq, record FROM revisions WHERE id = $1 AND rev = $2';
const INSERT_REVISION = `
  INSERT INTO revisions (id, rev, kind, uai, campaign, deleted, record, device_id, token_owner, received_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING seq`;
// The same conflicting content sent again is kept once: re-sending a batch changes nothing.
const INSERT_CONFLICT = `
  INSERT INTO conflicts (id, rev, base_rev, record_sha256, record, device_id, token_owner, received_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`;

async function store(client: Client, record: PushRecord, storedAt: (rev: number) => string, sender: Sender): Promise<PushOutcome> {
  const rev = record.baseRev + 1;
  const { kind, uai, campaign, id } = record;
  const { rows } = await client.query<{ seq: number }>({
    name: 'insert-revision',
    text: INSERT_REVISION,
    values: [id, rev, kind, uai, campaign, record.deleted, storedAt(rev), sender.deviceId, sender.tokenOwner, sender.receivedAt],
  });
  return { status: 'stored', rev, seq: (rows[0] as { seq: number }).seq };
}

async function keepAside(client: Client, record: PushRecord, content: string, head: HeadRow, sender: Sender): Promise<PushOutcome> {
  const sha256 = createHash('sha256').update(content).digest('hex');
  await client.query({
    name: 'insert-conflict',
    text: INSERT_CONFLICT,
    values: [record.id, head.rev, record.baseRev, sha256, canonicalJson(record), sender.deviceId, sender.tokenOwner, sender.receivedAt],
  });
  return { status: 'conflict', head: toHead(head) };
}

async function pushOne(client: Client, record: PushRecord, sender: Sender): Promise<PushOutcome> {
  const { content, storedAt } = canonicalRevision(record);
  // The revision made on baseRev: this same content there is a re-send (or another device's identical record).
  const made = (await client.query<Omit<HeadRow, 'origin'>>({ name: 'revision-at', text: REVISION_AT, values: [record.id, record.baseRev + 1] })).rows[0];
  if (made !== undefined && contentOf(JSON.parse(made.record) as Fiche) === content) return { status: 'duplicate', rev: made.rev, seq: made.seq };
  const head = (await client.query<HeadRow>({ name: 'head-of', text: HEAD_OF, values: [record.id] })).rows[0];
  if (head === undefined) return record.baseRev === 0 ? store(client, record, storedAt, sender) : { status: 'unheld-base' };
  if (head.rev === record.baseRev) return store(client, record, storedAt, sender);
  // A stale base, or one the server never made (forged, or a server restored from an older backup): the device
  // merges with the head and pushes again on it.
  return keepAside(client, record, content, head, sender);
}

export function pgRevisions(pool: pg.Pool): RevisionStore {
  return {
    push(records, sender) {
      return inTransaction(pool, async (client) => {
        await lock(client, LOCKS.writes);
        const outcomes: PushOutcome[] = [];
        for (const record of records) outcomes.push(await pushOne(client, record, sender));
        return outcomes;
      });
    },
    changes: pgChanges(pool),
    history: pgHistory(pool),
  };
}
