// The decisions of a sync run, with the network replaced by scripted answers (the protocol itself is tested against
// the real server in tests/server/ and tests/sync/fault-injection.test.ts).
import { describe, expect, it } from 'vitest';
import { runSync } from '../../src/sync/sync-run';
import type { Outcome, SendOutcome } from '../../src/sync/transport';
import { saveRevision } from '../../src/storage/fiches';
import { listOutbox } from '../../src/storage/outbox';
import { makeClassroomData, makeClassroomFiche } from '../../src/model/make';
import type { ChangesResponse, SyncRequest, SyncResult } from '../../src/model/sync-protocol';
import type { Author } from '../../src/model/types';
import { freshDb } from '../support/db';

const author: Author = { name: 'Camille Martin', role: 'erun' };
const endpoint = { url: 'http://127.0.0.1:9/api/v1/sync', token: 'jeton' };

async function withFiches(n: number) {
  const db = freshDb();
  for (let i = 0; i < n; i += 1) {
    await saveRevision(db, { id: crypto.randomUUID(), kind: 'classroom', uai: '0130569Y', campaign: '2026-2027', data: makeClassroomData({ label: `Classe ${i + 1}` }), author });
  }
  return db;
}

let seq = 0;
const answer = (request: SyncRequest, status: SyncResult['status'] = 'stored'): SendOutcome => ({
  kind: 'answered',
  response: { batchId: request.batchId, serverTime: new Date().toISOString(), results: request.records.map((r) => ({ id: r.id, rev: r.baseRev + 1, seq: (seq += 1), status })) },
});
/** A server with nothing new to pull: an empty page that keeps the cursor. */
const noChanges = async (): Promise<Outcome<ChangesResponse>> => ({ kind: 'answered', response: { changes: [], cursor: '0', more: false } });
const run = { campaign: '2026-2027', merger: { author: { name: 'Camille Martin', role: 'erun' as const }, referentialVersion: '2026.1' }, fetchPage: noChanges };
const refused = (status: number, retryAfterMs?: number): SendOutcome => ({ kind: 'refused', status, error: { error: 'x', message: 'Message du serveur.' }, retryAfterMs });

describe('runSync', () => {
  it('empties the outbox when every revision is stored, in batches', async () => {
    const db = await withFiches(7);
    const sizes: number[] = [];
    const report = await runSync({ ...run, db, endpoint, deviceId: 'tablette', maxRecords: 3, send: async (_e, request) => (sizes.push(request.records.length), answer(request)) });
    expect(sizes).toEqual([3, 3, 1]);
    expect(report).toMatchObject({ end: { kind: 'done' }, acknowledged: 7 });
    expect(await listOutbox(db)).toEqual([]);
  });

  it('forgets a revision on duplicate too', async () => {
    const db = await withFiches(2);
    let n = 0;
    await runSync({ ...run, db, endpoint, deviceId: 't', maxRecords: 1, send: async (_e, r) => answer(r, n++ === 0 ? 'duplicate' : 'stored') });
    expect(await listOutbox(db)).toEqual([]);
  });

  it('keeps an edit saved while its older state travelled, and sends it next on the base the server gave', async () => {
    const db = await withFiches(1);
    const [entry] = await listOutbox(db);
    const sent: Array<{ baseRev: number; pupils: number | null }> = [];
    await runSync({
      ...run, db, endpoint, deviceId: 't',
      send: async (_e, request) => {
        const record = request.records[0]!;
        sent.push({ baseRev: record.baseRev, pupils: record.kind === 'classroom' ? record.data.pupils : null });
        if (sent.length === 1) await saveRevision(db, { ...entry!.record, kind: 'classroom', data: makeClassroomData({ label: 'Classe 1', pupils: 25 }), author });
        return answer(request);
      },
    });
    // The first answer acknowledged the older state only: the edit stayed, and left on base 1.
    expect(sent).toEqual([{ baseRev: 0, pupils: null }, { baseRev: 1, pupils: 25 }]);
    expect(await listOutbox(db)).toEqual([]);
    expect(await db.bases.get(entry!.id)).toMatchObject({ rev: 2 });
  });

  it('splits a batch the server finds too large and sends the halves', async () => {
    const db = await withFiches(4);
    const sizes: number[] = [];
    await runSync({ ...run, db, endpoint, deviceId: 't', send: async (_e, r) => (sizes.push(r.records.length), r.records.length > 1 ? refused(413) : answer(r)) });
    expect(sizes).toEqual([4, 2, 1, 1, 2, 1, 1]);
    expect(await listOutbox(db)).toEqual([]);
  });

  it('stops on 401 and keeps everything', async () => {
    const db = await withFiches(3);
    const report = await runSync({ ...run, db, endpoint, deviceId: 't', send: async () => refused(401) });
    expect(report.end).toEqual({ kind: 'auth', message: 'Message du serveur.' });
    expect(await listOutbox(db)).toHaveLength(3);
  });

  it('says which token problem the server named (revoked, expired), and keeps everything', async () => {
    const db = await withFiches(1);
    const expired: SendOutcome = { kind: 'refused', status: 401, error: { error: 'unauthorized', message: 'Jeton expiré le 31/08/2027 à 24 h (heure de Paris) : demandez un nouveau jeton à l’administrateur.' }, retryAfterMs: undefined };
    const report = await runSync({ ...run, db, endpoint, deviceId: 't', send: async () => expired });
    expect(report.end).toEqual({ kind: 'auth', message: 'Jeton expiré le 31/08/2027 à 24 h (heure de Paris) : demandez un nouveau jeton à l’administrateur.' });
    expect(await listOutbox(db)).toHaveLength(1);
  });

  it('still pulls when the token’s role may not push (lecteur): the edits stay, the colleagues’ fiches come in', async () => {
    const db = await withFiches(2);
    const theirs = makeClassroomFiche({ id: crypto.randomUUID(), uai: '0130569Y', campaign: '2026-2027', rev: 1, data: { label: 'CM2 de Léa' } });
    let asked = 0;
    const report = await runSync({
      ...run, db, endpoint, deviceId: 't',
      send: async () => refused(403),
      fetchPage: async () => (asked++, { kind: 'answered', response: { changes: [{ rev: 1, seq: 7, record: theirs }], cursor: '7', more: false } }),
    });
    expect(report.end).toEqual({ kind: 'forbidden', message: 'Message du serveur.', pulled: true });
    expect([asked, report.pulled]).toEqual([1, 1]);
    expect(await db.fiches.get(theirs.id)).toEqual(theirs);
    expect(await listOutbox(db)).toHaveLength(2);
  });

  it.each([
    ['503 with Retry-After', refused(503, 2000), 2000],
    ['429 with Retry-After', refused(429, 5000), 5000],
    ['500', refused(500), undefined],
  ])('stops on %s, keeps the batch and says when to come back', async (_case, outcome, wait) => {
    const db = await withFiches(2);
    const report = await runSync({ ...run, db, endpoint, deviceId: 't', send: async () => outcome });
    expect(report.end).toMatchObject({ kind: 'later', retryAfterMs: wait });
    expect(await listOutbox(db)).toHaveLength(2);
  });

  it('stops when the network fails, keeping the batch', async () => {
    const db = await withFiches(2);
    const report = await runSync({ ...run, db, endpoint, deviceId: 't', send: async () => ({ kind: 'unreachable', reason: 'connexion interrompue' }) });
    expect(report.end).toEqual({ kind: 'later', retryAfterMs: undefined, reason: 'connexion interrompue' });
    expect(await listOutbox(db)).toHaveLength(2);
  });

  it('keeps an invalid revision visible with the server’s French reasons, and does not send it again unchanged', async () => {
    const db = await withFiches(1);
    const [entry] = await listOutbox(db);
    await runSync({
      ...run, db, endpoint, deviceId: 't',
      send: async (_e, r) => ({ kind: 'answered', response: { batchId: r.batchId, serverTime: '', results: [{ id: entry!.id, rev: 1, status: 'invalid', errors: [{ path: 'data.pupils', message: "Nombre d'élèves : saisissez un nombre entre 0 et 40 (saisi : 41)." }] }] } }),
    });
    expect((await listOutbox(db))[0]?.refusal).toMatchObject({ status: 'invalid', errors: [{ path: 'data.pupils' }] });
    let sent = 0;
    await runSync({ ...run, db, endpoint, deviceId: 't', send: async (_e, r) => ((sent += r.records.length), answer(r)) });
    expect(sent).toBe(0);
  });

  it('keeps a batch refused whole (400) visible and does not send it again unchanged', async () => {
    const db = await withFiches(2);
    const report = await runSync({ ...run, db, endpoint, deviceId: 't', send: async () => refused(400) });
    expect(report.refused).toBe(2);
    expect((await listOutbox(db)).map((e) => e.refusal?.errors[0]?.message)).toEqual(['Message du serveur.', 'Message du serveur.']);
  });

  it('sends a revision edited after a refusal', async () => {
    const db = await withFiches(1);
    await runSync({ ...run, db, endpoint, deviceId: 't', send: async (_e, r) => answer(r, 'conflict') });
    const [entry] = await listOutbox(db);
    await saveRevision(db, { ...entry!.record, kind: 'classroom', data: makeClassroomData({ label: 'Classe 1 bis' }), author });
    await runSync({ ...run, db, endpoint, deviceId: 't', send: async (_e, r) => answer(r) });
    expect(await listOutbox(db)).toEqual([]);
  });
});
