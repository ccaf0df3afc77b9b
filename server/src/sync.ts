// One batch of POST /api/v1/sync (sync.md v2): every record is validated with the device's own rules and normalised,
// records outside the server's territory are refused, then the rest are judged against the heads in one transaction
// of the store (stored, duplicate or conflict), so a crash leaves either all of them or none. What is stored is the
// validated record, never the record as sent; a refusal's answer is bounded whatever was sent. A record whose photos
// the server has not received (or received otherwise) is refused, so that no fiche held references a missing photo.
// The validation is done a slice at a time and the transaction in a turn of its own, so that the thread answers
// others in between.
import { frenchNumber } from '../../src/model/french-number';
import type { PushRecord, SyncResponse, SyncResult } from '../../src/model/sync-protocol';
import type { FieldError } from '../../src/model/types';
import { validatePushRecord } from '../../src/model/validate';
import { photoHashes, photoReferenceErrors } from './attachments';
import type { PushOutcome, Sender, Store } from './store/store';
import { DEFAULT_TERRITORY, outOfScopeMessage, type Territory } from './territory';
import { nextTurn } from './work-queue';

export interface Batch {
  deviceId: string;
  batchId: string;
  records: readonly unknown[];
}

/** The most errors one refused record's result lists: the device shows the first ones, and the answer stays small. */
const ERRORS_PER_RECORD_MAX = 5;
/** No fiche's id is longer (a UUID is 36 characters): a longer one is not echoed, results match records by position. */
const ECHOED_ID_MAX_LENGTH = 100;

/** Records validated in one turn of the event loop (about 2 ms of work); the store's transaction is a turn of its own. */
const RECORDS_PER_TURN = 25;

type Checked = { ok: true; record: PushRecord } | { ok: false; result: SyncResult };

const UNHELD_BASE: FieldError = {
  path: 'baseRev',
  message: "Révision de base : le serveur n'a jamais reçu cette fiche, elle doit être envoyée sur la base 0.",
};

/** Answers a batch: one result per record, in the records' order. */
export async function handleBatch(
  store: Store,
  batch: Batch,
  tokenOwner: string,
  now: Date = new Date(),
  territory: Territory = DEFAULT_TERRITORY,
): Promise<SyncResponse> {
  const checked: Checked[] = [];
  for (let start = 0; start < batch.records.length; start += RECORDS_PER_TURN) {
    // The thread answers others (/health, refusals) between two slices: one batch never holds it for long.
    if (start > 0) await nextTurn();
    for (const record of batch.records.slice(start, start + RECORDS_PER_TURN)) checked.push(checkRecord(record, now, territory));
  }
  await nextTurn();
  await checkPhotos(store, checked);
  const sender: Sender = { deviceId: batch.deviceId, tokenOwner, receivedAt: now.toISOString() };
  const valid = checked.flatMap((item) => (item.ok ? [item.record] : []));
  // One outcome per valid record, in order: they go back to their places among the refused ones.
  const outcomes = (await store.revisions.push(valid, sender)).values();
  const results = checked.map((item) => (item.ok ? resultOf(item.record.id, outcomes.next().value as PushOutcome) : item.result));
  return { batchId: batch.batchId, serverTime: sender.receivedAt, results };
}

/**
 * Refuses, in place, each valid record that references a photo the server does not hold, or holds with another type
 * or size (sync.md: devices upload photos before the fiches that use them). One question to the store for the whole
 * batch, however many photos. Photos are never deleted, so what is held now is still held when the batch is stored.
 */
async function checkPhotos(store: Store, checked: Checked[]): Promise<void> {
  const hashes = checked.flatMap((item) => (item.ok ? photoHashes(item.record) : []));
  if (hashes.length === 0) return;
  const held = await store.attachments.info(hashes);
  checked.forEach((item, index) => {
    if (!item.ok) return;
    const errors = photoReferenceErrors(item.record, held);
    if (errors.length > 0) checked[index] = { ok: false, result: { id: item.record.id, status: 'invalid', errors: bounded(errors) } };
  });
}

function resultOf(id: string, outcome: PushOutcome): SyncResult {
  switch (outcome.status) {
    case 'stored':
    case 'duplicate':
      return { id, status: outcome.status, rev: outcome.rev, seq: outcome.seq };
    case 'conflict':
      return { id, status: 'conflict', head: outcome.head };
    case 'unheld-base':
      return { id, status: 'invalid', errors: [UNHELD_BASE] };
  }
}

function checkRecord(record: unknown, now: Date, territory: Territory): Checked {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    const errors = [{ path: '', message: "Fiche illisible : ce n'est pas un objet JSON." }];
    return { ok: false, result: { id: '', status: 'invalid', errors } };
  }
  // Echo the id when it may be one; the device matches results by position anyway.
  const sentId = (record as { id?: unknown }).id;
  const id = typeof sentId === 'string' && sentId.length <= ECHOED_ID_MAX_LENGTH ? sentId : '';
  const validation = validatePushRecord(record, { now });
  if (!validation.ok) return { ok: false, result: { id, status: 'invalid', errors: bounded(validation.errors) } };
  const outOfScope = outOfScopeMessage(validation.value, territory);
  if (outOfScope !== null) return { ok: false, result: { id, status: 'forbidden', errors: [{ path: '', message: outOfScope }] } };
  // What is stored is what was validated: the normalised record (text trimmed), never the record as sent.
  return { ok: true, record: validation.value };
}

function bounded(errors: FieldError[]): FieldError[] {
  if (errors.length <= ERRORS_PER_RECORD_MAX) return errors;
  const more = errors.length - (ERRORS_PER_RECORD_MAX - 1);
  return [...errors.slice(0, ERRORS_PER_RECORD_MAX - 1), { path: '', message: `Et ${frenchNumber(more)} autres erreurs sur cette fiche.` }];
}
