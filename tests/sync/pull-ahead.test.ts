// A pull asks for the next page while it writes the one it holds (src/sync/sync-run.ts): the request starts at the
// cursor the page in hand ends at, and when that page cannot be written the answer asked ahead is dropped, the
// cursor on disk stays at the last page written, and the next run asks from there and misses nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { runSync } from '../../src/sync/sync-run';
import type { Outcome } from '../../src/sync/transport';
import { getCursor, cursorKey } from '../../src/storage/pulled';
import { onSaved } from '../../src/storage/saved';
import type { AuditDb } from '../../src/storage/db';
import { makeClassroomFiche } from '../../src/model/make';
import type { ChangesResponse, Head } from '../../src/model/sync-protocol';
import { freshDb } from '../support/db';

const [UAI, CAMPAIGN] = ['0130569Y', '2026-2027'];
const KEY = cursorKey(CAMPAIGN, []);
const endpoint = { url: 'http://127.0.0.1:9/api/v1/sync', token: 'jeton' };
const merger = { author: { name: 'Camille Martin', role: 'erun' as const }, referentialVersion: '2026.1' };
const idOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const server: Head[] = Array.from({ length: 10 }, (_, i) => {
  const n = i + 1;
  return { rev: 1, seq: 100 + n, record: makeClassroomFiche({ id: idOf(n), uai: UAI, campaign: CAMPAIGN, rev: 1, updatedAt: '2026-11-30T08:00:00.000Z', data: { label: `Classe ${n}` } }) };
});

const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

/** The server's pages of 3 after `since`, each request logged with the signal it came with. */
function pages(log: string[], signals: AbortSignal[]) {
  return async (_e: unknown, query: { since?: string; limit: number }, signal?: AbortSignal): Promise<Outcome<ChangesResponse>> => {
    log.push(`demandée après ${query.since ?? 'rien'}`);
    if (signal) signals.push(signal);
    const after = server.filter((h) => h.seq > Number(query.since ?? 0)).slice(0, query.limit);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const last = after.at(-1);
    return { kind: 'answered', response: { changes: after, cursor: last ? String(last.seq) : (query.since ?? '0'), more: after.length === query.limit } };
  };
}

const run = (db: AuditDb, fetchPage: ReturnType<typeof pages>) =>
  runSync({ db, endpoint, deviceId: 'tablette', campaign: CAMPAIGN, merger, pageSize: 3, fetchPage, send: async () => ({ kind: 'unreachable', reason: 'rien à envoyer' }) });

describe('a pull asks for the next page while it writes the one it holds', () => {
  it('asks for page n + 1, from the cursor page n ends at, before page n is on disk', async () => {
    const db = freshDb();
    const log: string[] = [];
    stops.push(onSaved((fiches) => log.push(`écrite jusqu’à ${fiches.at(-1)?.id.slice(-2)}`)));
    const report = await run(db, pages(log, []));
    expect(report).toMatchObject({ end: { kind: 'done' }, received: 10, pulled: 10 });
    expect(log).toEqual([
      'demandée après rien',
      'demandée après 103', 'écrite jusqu’à 03',
      'demandée après 106', 'écrite jusqu’à 06',
      'demandée après 109', 'écrite jusqu’à 09',
      'écrite jusqu’à 10',
    ]);
    expect(await db.fiches.count()).toBe(10);
    expect(await getCursor(db, KEY)).toBe('110');
  });

  it('drops the page asked ahead when the page in hand cannot be written, and the next run resumes from the cursor on disk', async () => {
    const db = freshDb();
    const fail = (key: unknown) => {
      if (key === idOf(5)) throw new Error('disque plein');
    };
    db.fiches.hook('creating', fail); // the second page dies at its second head
    const [log, signals] = [[] as string[], [] as AbortSignal[]];
    await expect(run(db, pages(log, signals))).rejects.toThrow('disque plein');
    expect(log).toEqual(['demandée après rien', 'demandée après 103', 'demandée après 106']);
    expect(signals.at(-1)?.aborted).toBe(true); // the request for the third page, made while the second was written
    expect(await getCursor(db, KEY)).toBe('103');
    expect((await db.fiches.toArray()).map((f) => f.id)).toEqual([1, 2, 3].map(idOf));

    db.fiches.hook('creating').unsubscribe(fail);
    const again: string[] = [];
    await run(db, pages(again, []));
    expect(again[0]).toBe('demandée après 103');
    expect((await db.fiches.toArray()).map((f) => f.id).sort()).toEqual(server.map((h) => h.record.id));
    expect(await db.bases.count()).toBe(10);
    expect(await getCursor(db, KEY)).toBe('110');
  });
});
