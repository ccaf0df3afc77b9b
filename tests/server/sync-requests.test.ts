// POST /api/v1/sync, whole requests refused (sync.md v2): the status a device acts on, a JSON body with a code and a
// French sentence, and nothing stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { makeClassroomFiche } from '../../src/model/make';
import { BATCH_MAX_BYTES, BATCH_MAX_RECORDS } from '../../src/model/sync-protocol';
import type { SyncError } from '../../src/model/sync-protocol';
import { countRows, makeBatch, makeTempDir, postSync, pushOf, removeTempDir, startServer } from './support';
import type { Answer, TestServer } from './support';

let dir: string;
let server: TestServer;

beforeEach(async () => {
  dir = makeTempDir();
  server = await startServer(join(dir, 'tne13.sqlite'));
});

afterEach(async () => {
  await server.close();
  removeTempDir(dir);
});

/** The refusal's shape, and that the batch left no trace. */
function expectRefused(answer: Answer<SyncError>, status: number, error: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(answer.body).sort()).toEqual(['error', 'message']);
  expect(answer.body.error).toBe(error);
  expect(answer.body.message).toMatch(/[a-zé]+ .*[a-z]/);
  expect(countRows(server.dbPath, 'revisions')).toBe(0);
}

/** A body of exactly `bytes` bytes: the envelope is padded with a field the server ignores. */
function bodyOfSize(bytes: number): string {
  const batch = { ...makeBatch([pushOf(makeClassroomFiche())]), padding: '' };
  const base = Buffer.byteLength(JSON.stringify(batch));
  return JSON.stringify({ ...batch, padding: 'x'.repeat(bytes - base) });
}

describe('POST /api/v1/sync, whole-request answers', () => {
  it('answers 400 to a body that is not JSON', async () => {
    expectRefused(await postSync<SyncError>(server, '{"protocol": 1, "records": ['), 400, 'invalid_json');
  });

  it('answers 400 naming batchId when it is missing', async () => {
    const { batchId: _, ...withoutBatchId } = makeBatch([pushOf(makeClassroomFiche())]);
    const answer = await postSync<SyncError>(server, withoutBatchId);

    expectRefused(answer, 400, 'invalid_request');
    expect(answer.body.message).toContain('batchId');
  });

  it('answers 400 to an empty records list', async () => {
    expectRefused(await postSync<SyncError>(server, makeBatch([])), 400, 'empty_batch');
  });

  it('answers 400 to a protocol 1 device, telling to update the app, whatever else its request holds', async () => {
    const v1 = { ...makeBatch([{ ...makeClassroomFiche(), rev: 3 }]), protocol: 1 };
    for (const body of [v1, { protocol: 1 }]) {
      const answer = await postSync<SyncError>(server, body);
      expectRefused(answer, 400, 'unsupported_protocol');
      expect(answer.body.message).toContain("mettez à jour l'application");
    }
  });

  it('answers 400 to a protocol newer than the server’s, telling to warn its administrator', async () => {
    const answer = await postSync<SyncError>(server, { ...makeBatch([pushOf(makeClassroomFiche())]), protocol: 3 });

    expectRefused(answer, 400, 'unsupported_protocol');
    expect(answer.body.message).toContain("prévenez l'administrateur");
  });

  it('answers 400 to a JSON array instead of the envelope', async () => {
    expectRefused(await postSync<SyncError>(server, [pushOf(makeClassroomFiche())]), 400, 'invalid_request');
  });

  it('answers 401 without a token, asking for one', async () => {
    const answer = await postSync<SyncError>(server, makeBatch([pushOf(makeClassroomFiche())]), { token: null });

    expectRefused(answer, 401, 'unauthorized');
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.body.message).toMatch(/jeton/i);
  });

  it('answers 401 to an unknown token', async () => {
    const answer = await postSync<SyncError>(server, makeBatch([pushOf(makeClassroomFiche())]), { token: 'inconnu-' + server.token });
    expectRefused(answer, 401, 'unauthorized');
  });

  it('answers 401 before looking at the body', async () => {
    expectRefused(await postSync<SyncError>(server, 'pas du JSON', { token: null, contentType: 'text/plain' }), 401, 'unauthorized');
  });

  it(`answers 413 to more than ${BATCH_MAX_RECORDS} records`, async () => {
    const fiches = Array.from({ length: BATCH_MAX_RECORDS + 1 }, () => pushOf(makeClassroomFiche()));
    const answer = await postSync<SyncError>(server, makeBatch(fiches));

    expectRefused(answer, 413, 'too_many_records');
    expect(answer.body.message).toContain(String(BATCH_MAX_RECORDS));
  });

  it('answers 413 to a body over 1 MiB, and accepts one of exactly 1 MiB', async () => {
    expectRefused(await postSync<SyncError>(server, bodyOfSize(BATCH_MAX_BYTES + 1)), 413, 'payload_too_large');

    const atLimit = await postSync(server, bodyOfSize(BATCH_MAX_BYTES));
    expect(atLimit.status).toBe(200);
  });

  it('answers 415 to text/plain, even when it holds a valid batch', async () => {
    const answer = await postSync<SyncError>(server, JSON.stringify(makeBatch([pushOf(makeClassroomFiche())])), { contentType: 'text/plain' });
    expectRefused(answer, 415, 'unsupported_media_type');
  });

  it('accepts application/json with a charset', async () => {
    const answer = await postSync(server, makeBatch([pushOf(makeClassroomFiche())]), { contentType: 'application/json; charset=utf-8' });
    expect(answer.status).toBe(200);
  });
});
