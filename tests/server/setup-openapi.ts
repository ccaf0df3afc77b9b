// Runs before every server test file (vite.config.ts, project "server"): every answer the file receives from the API
// through fetch is checked against the OpenAPI document (openapi-check.ts), so that no test can see an answer the
// document does not describe. A mismatch is thrown from fetch, which fails the test that asked; it is also kept and
// thrown again once the test ends, for a test that catches fetch's errors (a connection the server closed is an
// answer some tests expect).
import { afterEach, beforeEach } from 'vitest';
import { checkingFetch } from './openapi-check';

const mismatches: Error[] = [];

globalThis.fetch = checkingFetch(globalThis.fetch, (mismatch) => mismatches.push(mismatch));

beforeEach(() => {
  mismatches.length = 0;
});

afterEach(() => {
  if (mismatches.length > 0) throw new AggregateError(mismatches, mismatches.map((mismatch) => mismatch.message).join('\n\n'));
});
