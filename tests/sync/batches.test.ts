import { describe, expect, it } from 'vitest';
import { makeBatches, recordBytes } from '../../src/sync/batches';
import { backoffMs, retryAfterMs, SYNC_BACKOFF_MAX_MS } from '../../src/sync/backoff';
import { makeClassroomFiche } from '../../src/model/make';
import { pushRecordOf } from '../../src/storage/outbox';

const entry = (notes = '') => ({ record: pushRecordOf(makeClassroomFiche({ data: { notes } }), 0) });

describe('makeBatches', () => {
  it('keeps at most 500 records in a batch', () => {
    const batches = makeBatches(Array.from({ length: 1203 }, () => entry()));
    expect(batches.map((b) => b.length)).toEqual([500, 500, 203]);
  });

  it('keeps a batch under 1 MiB of JSON', () => {
    const big = Array.from({ length: 700 }, () => entry('x'.repeat(1990)));
    const batches = makeBatches(big);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) {
      const body = JSON.stringify({ protocol: 2, deviceId: crypto.randomUUID(), batchId: crypto.randomUUID(), records: batch.map((e) => e.record) });
      expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(1_048_576);
    }
    expect(batches.flat()).toHaveLength(700);
  });

  it('keeps the order of the outbox', () => {
    const entries = Array.from({ length: 7 }, () => entry());
    expect(makeBatches(entries, 3).flat()).toEqual(entries);
  });

  it('gives a record larger than the limit a batch of its own', () => {
    const huge = entry('x'.repeat(2000));
    expect(makeBatches([entry(), huge, entry()], 500, recordBytes(huge.record)).map((b) => b.length)).toEqual([1, 1, 1]);
  });
});

describe('backoff', () => {
  it('starts about 1 s, doubles, and stops growing at 5 min', () => {
    expect(backoffMs(1, 0)).toBe(500);
    expect(backoffMs(1, 0.999)).toBeLessThanOrEqual(1000);
    expect(backoffMs(2, 0)).toBe(1000);
    expect(backoffMs(3, 0)).toBe(2000);
    expect(backoffMs(20, 0.999)).toBeLessThanOrEqual(SYNC_BACKOFF_MAX_MS);
    expect(backoffMs(20, 0)).toBe(SYNC_BACKOFF_MAX_MS / 2);
  });

  it('spreads devices that failed together (jitter)', () => {
    const waits = new Set(Array.from({ length: 20 }, (_, i) => backoffMs(5, i / 20)));
    expect(waits.size).toBe(20);
  });

  it('reads Retry-After in seconds or as a date, and caps it', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('Sat, 28 Nov 2026 10:00:30 GMT', Date.parse('2026-11-28T10:00:00Z'))).toBe(30_000);
    expect(retryAfterMs('86400')).toBe(SYNC_BACKOFF_MAX_MS);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('bientôt')).toBeUndefined();
  });
});
