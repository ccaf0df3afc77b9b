// Cutting the outbox into batches the endpoint accepts: at most 500 records and 1 MiB of JSON each (sync.md).
import { BATCH_MAX_BYTES, BATCH_MAX_RECORDS } from '../model/sync-protocol';
import type { PushRecord } from '../model/sync-protocol';

/** Room for the envelope around the records ({"protocol":2,"deviceId":…,"batchId":…,"records":[…]}). */
const ENVELOPE_BYTES = 256;
const encoder = new TextEncoder();

export function recordBytes(record: PushRecord): number {
  return encoder.encode(JSON.stringify(record)).length + 1; // and its comma
}

/** Batches in the order given; a record too large to travel alone still gets a batch of its own (the server says 413). */
export function makeBatches<T extends { record: PushRecord }>(
  entries: readonly T[],
  maxRecords = BATCH_MAX_RECORDS,
  maxBytes = BATCH_MAX_BYTES,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const entry of entries) {
    const size = recordBytes(entry.record);
    if (current.length > 0 && (current.length >= maxRecords || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = ENVELOPE_BYTES;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
