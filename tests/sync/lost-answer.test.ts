// The answer to a push is lost after the server stored it, and the user edits the fiche again before the next
// sync: the server's head is this device's own earlier state, recognised as such (not another tablet's work to
// merge), so the new edit goes on top of it without a false "À arbitrer", and nothing is doubled.
import { afterEach, describe, expect, it } from 'vitest';
import { saveRevision } from '../../src/storage/fiches';
import { listOutbox } from '../../src/storage/outbox';
import { runSync } from '../../src/sync/sync-run';
import { sendBatch } from '../../src/sync/transport';
import { makeClassroomData } from '../../src/model/make';
import type { Author, ClassroomFiche } from '../../src/model/types';
import { freshDb } from '../support/db';
import { getChanges, makeTempDir, removeTempDir, startServer } from '../server/support';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const author: Author = { name: 'Camille Martin', role: 'erun' };
const CAMPAIGN = '2026-2027';

describe('a push whose answer is lost, then another edit', () => {
  it('sends the edit on the state the server stored, with nothing to arbitrate', async () => {
    const dir = makeTempDir();
    cleanups.push(() => removeTempDir(dir));
    const server = await startServer(`${dir}/tne13.sqlite`);
    cleanups.push(() => server.close());
    const endpoint = { url: `${server.url}/api/v1/sync`, token: server.token };
    const options = { endpoint, deviceId: 'tablette', campaign: CAMPAIGN, merger: { author, referentialVersion: '2026.1' } };
    const db = freshDb();
    const id = crypto.randomUUID();
    const save = (pupils: number, notes: string) =>
      saveRevision(db, { id, kind: 'classroom', uai: '0130569Y', campaign: CAMPAIGN, data: makeClassroomData({ label: 'CM1', pupils, notes }), author });

    await save(20, 'première visite');
    // The server stores the batch, and the answer never reaches the tablet.
    const lost = await runSync({ ...options, db, send: async (e, request, signal) => (await sendBatch(e, request, signal), { kind: 'unreachable', reason: 'coupé' }) });
    expect(lost.end.kind).toBe('later');
    await save(22, 'deuxième visite'); // the same fields changed again: a merge against the base would call them conflicts

    const report = await runSync({ ...options, db });
    expect(report).toMatchObject({ end: { kind: 'done' }, arbitrated: 0 });
    expect(await db.arbitrations.count()).toBe(0);
    expect(await listOutbox(db)).toEqual([]);
    const { changes } = (await getChanges(server, { campaign: CAMPAIGN })).body;
    expect(changes.map((c) => [c.rev, (c.record as ClassroomFiche).data.pupils, (c.record as ClassroomFiche).data.notes])).toEqual([[2, 22, 'deuxième visite']]);
  });
});
