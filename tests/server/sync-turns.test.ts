// A batch's work leaves the thread to others between slices (server/src/sync.ts): validating 100 records and
// storing them is not one block, so /health and refusals are answered during a batch, not after it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleBatch } from '../../server/src/sync';
import { openStore } from '../../server/src/store/open-store';
import type { Store } from '../../server/src/store/store';
import { makeClassroomFiche } from '../../src/model/make';
import { makeBatch, pushOf } from './support';

let store: Store;

beforeEach(async () => {
  store = await openStore(':memory:');
});

afterEach(async () => {
  await store.close();
});

describe('handleBatch', () => {
  it('lets the event loop turn between slices of a batch of 100 and before its transaction, and stores them all', async () => {
    let turns = 0;
    let ticking = true;
    const tick = () => {
      if (!ticking) return;
      turns += 1;
      setImmediate(tick);
    };
    setImmediate(tick);
    const records = Array.from({ length: 100 }, (_, i) => pushOf(makeClassroomFiche({ data: { label: `Classe ${i}` } })));
    const answer = await handleBatch(store, makeBatch(records), 'Camille Martin');
    ticking = false;
    expect(answer.results.map((result) => result.status)).toEqual(Array(100).fill('stored'));
    // Four slices of 25, then the transaction: at least four turns of the loop went to others meanwhile.
    expect(turns).toBeGreaterThanOrEqual(4);
  });
});
