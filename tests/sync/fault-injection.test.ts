// Nothing lost, nothing doubled, no change skipped, through a bad network, push and pull alike (issue 13): two tablets
// edit 400 fiches of one school (A most of them, B some of its own and the notes of some of A's) and sync through a
// proxy that drops answers after the server acted, answers 503 with Retry-After and resets connections, on
// POST /api/v1/sync and GET /api/v1/changes; both tablets "restart" now and then (the run aborted mid-request, the
// database connection closed under it, a new one opened). With the faults off and everyone synced until quiet, the
// server holds one head per fiche with every last edit, both tablets hold exactly those heads, and at every moment a
// tablet's pull cursor covered only changes it had taken.
import { afterEach, describe, expect, it } from 'vitest';
import { AuditDb } from '../../src/storage/db';
import { deleteFiche, saveRevision } from '../../src/storage/fiches';
import { listOutbox } from '../../src/storage/outbox';
import { cursorKey, getCursor } from '../../src/storage/pulled';
import { runSync, type RunReport } from '../../src/sync/sync-run';
import { sendBatch } from '../../src/sync/transport';
import { makeClassroomData } from '../../src/model/make';
import { contentOf, type SyncStatus } from '../../src/model/sync-protocol';
import type { Author, ClassroomData, ClassroomFiche } from '../../src/model/types';
import { createRandom, type Random } from '../fixtures/departement/prng';
import { countRows, getChanges, makeTempDir, readDb, removeTempDir, startServer, type TestServer } from '../server/support';
import { NO_FAULTS, startFaultProxy, type FaultProxy, type FaultRates } from './fault-proxy';

const CAMPAIGN = '2026-2027';
const UAI = '0130569Y';
/** A creates FICHES_A fiches, the first SHARED of which B also edits (their notes only); B creates FICHES_B. */
const FICHES_A = 320;
const FICHES_B = 80;
const SHARED = 40;
const EDITS = 600;
/** Small batches and pages: a run makes many requests, and a fault can fall between any two. */
const BATCH_RECORDS = 25;
const PAGE_SIZE = 10;
const BAD_NETWORK: FaultRates = { unavailable: 0.1, reset: 0.05, dropAnswer: 0.3 };

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(rates: FaultRates, seed: number): Promise<{ server: TestServer; proxy: FaultProxy }> {
  const dir = makeTempDir();
  cleanups.push(() => removeTempDir(dir));
  const server = await startServer(`${dir}/tne13.sqlite`);
  cleanups.push(() => server.close());
  const proxy = await startFaultProxy(server.url, rates, seed);
  cleanups.push(() => proxy.close());
  return { server, proxy };
}

/** A tablet: its database (reopened on each restart) and what its runs reported. */
class Tablet {
  db: AuditDb;
  restartsMidRun = 0;
  readonly reports: RunReport[] = [];
  /** Every per-record status the tablet heard, in order. */
  readonly heard: SyncStatus[] = [];
  readonly author: Author;

  constructor(readonly name: string, private readonly endpoint: { url: string; token: string }) {
    this.author = { name: `Tablette ${name}`, role: 'erun' };
    const dbName = `appareil-${name}-${crypto.randomUUID()}`;
    this.db = new AuditDb(dbName);
    // Deleted through the connection open at the end (the last restart's), which it closes first.
    cleanups.push(() => this.db.delete());
  }

  /**
   * One run; with `restartAfterMs`, the app dies that long after it started, whatever it was doing, or as the answer
   * to its first batch arrives if that comes first (stored on the server, never heard): a run quicker than the timer
   * would otherwise finish, and the test would depend on the machine's speed for its restarts.
   */
  async sync(restartAfterMs?: number): Promise<void> {
    const abort = new AbortController();
    const db = this.db;
    const die = () => {
      if (abort.signal.aborted) return;
      abort.abort(new Error('redémarrage'));
      db.close();
    };
    const timer = restartAfterMs === undefined ? undefined : setTimeout(die, restartAfterMs);
    try {
      this.reports.push(await runSync({
        db, endpoint: this.endpoint, deviceId: `tablette-${this.name}`, campaign: CAMPAIGN, signal: abort.signal,
        merger: { author: this.author, referentialVersion: '2026.1' }, maxRecords: BATCH_RECORDS, pageSize: PAGE_SIZE,
        send: async (...args) => {
          const outcome = await sendBatch(...args);
          if (restartAfterMs !== undefined) die();
          if (abort.signal.aborted) throw abort.signal.reason as Error;
          if (outcome.kind === 'answered') this.heard.push(...outcome.response.results.map((r) => r.status));
          return outcome;
        },
      }));
    } catch (error) {
      if (!abort.signal.aborted) throw error;
      this.restartsMidRun += 1;
    } finally {
      clearTimeout(timer);
    }
    if (restartAfterMs !== undefined) {
      // A new process opens the same database.
      db.close();
      this.db = new AuditDb(db.name);
    }
  }
}

interface Head {
  id: string;
  rev: number;
  seq: number;
  record: string;
}

const serverHeads = (server: TestServer): Map<string, Head> =>
  new Map(readDb(server.dbPath, (db) => db.prepare('SELECT id, rev, seq, record FROM fiches WHERE campaign = ?').all(CAMPAIGN) as Head[]).map((h) => [h.id, h]));

/** The cursor covers a change only once the tablet took it: every head at or below it is the tablet's base. The
 * reference server's cursor is the last seq of the page (opaque to the device, not to this test). */
async function expectCursorSkipsNothing(server: TestServer, tablet: Tablet): Promise<void> {
  const cursor = await getCursor(tablet.db, cursorKey(CAMPAIGN, []));
  const covered = [...serverHeads(server).values()].filter((h) => cursor !== undefined && h.seq <= Number(cursor));
  const bases = await tablet.db.bases.bulkGet(covered.map((h) => h.id));
  expect(bases.map((b) => b?.rev), `${tablet.name}, cursor ${cursor}`).toEqual(covered.map((h) => h.rev));
}

/** The fields a tablet edits, each with a way to set it; the notes of a shared fiche are B's alone, the rest A's. */
type Field = 'pupils' | 'notes' | 'year';
const set = (data: ClassroomData, field: Field, random: Random): [ClassroomData, unknown] => {
  if (field === 'pupils') {
    const v = random.int(0, 40);
    return [{ ...data, pupils: v }, v];
  }
  if (field === 'notes') {
    const v = `note ${random.int(1, 1_000_000)}`;
    return [{ ...data, notes: v }, v];
  }
  const v = random.int(2010, 2026);
  return [{ ...data, display: { ...data.display, year: v } }, v];
};
const valueOf = (data: ClassroomData, field: Field | 'deleted', fiche: ClassroomFiche): unknown =>
  field === 'deleted' ? fiche.deleted : field === 'year' ? data.display.year : data[field];

describe('sync through injected faults, push and pull', () => {
  it('ends with one head per fiche holding every last edit, on the server and both tablets, and no change skipped', async () => {
    const { server, proxy } = await setUp(BAD_NETWORK, 2026);
    const random = createRandom(13);
    const endpoint = { url: `${proxy.url}/api/v1/sync`, token: server.token };
    const a = new Tablet('A', endpoint);
    const b = new Tablet('B', endpoint);
    const create = async (tablet: Tablet, i: number) => {
      const fiche = await saveRevision(tablet.db, { id: random.uuid(), kind: 'classroom', uai: UAI, campaign: CAMPAIGN, data: makeClassroomData({ label: `Salle ${tablet.name}${i}` }), author: tablet.author });
      return fiche.id;
    };
    const idsA: string[] = [];
    const idsB: string[] = [];
    for (let i = 0; i < FICHES_A; i += 1) idsA.push(await create(a, i));
    for (let i = 0; i < FICHES_B; i += 1) idsB.push(await create(b, i));
    const shared = new Set(idsA.slice(0, SHARED));

    // The last value written of each (fiche, field): each has one writer, so the server must end with exactly it.
    const expected = new Map<string, Map<Field | 'deleted', unknown>>();
    const edit = async (tablet: Tablet, ids: readonly string[], fields: readonly Field[]): Promise<boolean> => {
      const id = random.pick(ids);
      const fiche = (await tablet.db.fiches.get(id)) as ClassroomFiche | undefined;
      if (!fiche || fiche.deleted) return false; // not pulled yet, or deleted by its owner
      if (!expected.has(id)) expected.set(id, new Map());
      const written = expected.get(id) as Map<Field | 'deleted', unknown>;
      if (!shared.has(id) && random.chance(0.02)) {
        await deleteFiche(tablet.db, id, tablet.author);
        written.set('deleted', true);
        return true;
      }
      const field = random.pick(fields);
      const [data, value] = set(fiche.data, field, random);
      await saveRevision(tablet.db, { id, kind: 'classroom', uai: UAI, campaign: CAMPAIGN, data, author: tablet.author });
      written.set(field, value);
      return true;
    };

    let edits = 0;
    // Users keep typing: A most, B its own fiches and the notes of the shared ones.
    const typeOn = async (tablet: Tablet) => {
      const made = tablet === a
        ? random.chance(0.15) ? await edit(a, [...shared], ['pupils', 'year']) : await edit(a, idsA.slice(SHARED), ['pupils', 'notes', 'year'])
        : random.chance(0.5) ? await edit(b, [...shared], ['notes']) : await edit(b, idsB, ['pupils', 'notes', 'year']);
      if (made) edits += 1;
    };
    while (edits < EDITS) {
      for (let k = 0; k < 8 && edits < EDITS; k += 1) await typeOn(a);
      for (let k = 0; k < 2 && edits < EDITS; k += 1) await typeOn(b);
      for (const tablet of random.chance(0.5) ? [a, b] : [b, a]) {
        const restartAfterMs = random.chance(0.15) ? random.int(0, 30) : undefined;
        // Now and then the user saves while the run is under way (a batch travelling, a page being written).
        const typing = restartAfterMs === undefined && random.chance(0.3);
        await Promise.all([tablet.sync(restartAfterMs), typing ? typeOn(tablet).then(() => typeOn(tablet)) : undefined]);
        // Each field has one writer: nothing ever collides, not even a tablet with its own revision whose answer was lost.
        expect(await tablet.db.arbitrations.toCollection().primaryKeys(), tablet.name).toEqual([]);
        await expectCursorSkipsNothing(server, tablet);
      }
    }

    // The network heals; everyone syncs until a round where nothing moves.
    proxy.setRates(NO_FAULTS);
    for (let round = 0; ; round += 1) {
      expect(round).toBeLessThan(6);
      const before = [a.reports.length, b.reports.length];
      await a.sync();
      await b.sync();
      const last = [a.reports.at(-1), b.reports.at(-1)] as RunReport[];
      expect(last.map((r) => r.end.kind)).toEqual(['done', 'done']);
      expect([a.reports.length, b.reports.length]).toEqual(before.map((n) => n + 1));
      if (last.every((r) => r.sent === 0 && r.pulled === 0 && r.merged === 0)) break;
    }

    // One head per fiche, none lost, no content stored twice (a re-sent batch is a `duplicate`, never a new rev).
    const heads = serverHeads(server);
    expect([...heads.keys()].sort()).toEqual([...idsA, ...idsB].sort());
    const revisions = readDb(server.dbPath, (db) => db.prepare('SELECT id, rev, record FROM revisions').all() as Array<{ id: string; rev: number; record: string }>);
    const contents = new Set(revisions.map((r) => `${r.id} ${contentOf(JSON.parse(r.record) as object)}`));
    expect(contents.size).toBe(revisions.length);
    for (const [id, head] of heads) expect(revisions.filter((r) => r.id === id).map((r) => r.rev).sort((x, y) => x - y)).toEqual(Array.from({ length: head.rev }, (_, i) => i + 1));

    // Every last edit is in its fiche's head, whichever tablet made it.
    for (const [id, written] of expected) {
      const record = JSON.parse((heads.get(id) as Head).record) as ClassroomFiche;
      for (const [field, value] of written) expect(valueOf(record.data, field, record), `${id} ${field}`).toEqual(value);
    }

    // Both tablets hold exactly the server's heads, each on its right base, with nothing left to send or arbitrate.
    const held = [...heads.values()].map((h) => `${h.id} ${contentOf(JSON.parse(h.record) as object)}`).sort();
    for (const tablet of [a, b]) {
      const fiches = await tablet.db.fiches.toArray();
      expect(fiches.map((f) => `${f.id} ${contentOf(f)}`).sort(), tablet.name).toEqual(held);
      expect((await tablet.db.bases.bulkGet([...heads.keys()])).map((base) => base?.rev)).toEqual([...heads.values()].map((h) => h.rev));
      expect(await listOutbox(tablet.db)).toEqual([]);
      expect(await tablet.db.arbitrations.count()).toBe(0);
      // The cursor is at the newest change: asking from it, there is nothing more.
      const cursor = (await getCursor(tablet.db, cursorKey(CAMPAIGN, []))) as string;
      expect((await getChanges(server, { campaign: CAMPAIGN, since: cursor })).body.changes).toEqual([]);
      await expectCursorSkipsNothing(server, tablet);
    }

    // The faults did happen, on both routes, and the tablets merged each other's edits and heard Retry-After.
    const { push, pull } = proxy.counts;
    for (const counts of [push, pull]) {
      expect(Math.min(counts.unavailable, counts.reset, counts.truncated), JSON.stringify(counts)).toBeGreaterThan(0);
      expect(counts.droppedAnswer, JSON.stringify(counts)).toBeGreaterThan(10);
    }
    expect(a.restartsMidRun + b.restartsMidRun).toBeGreaterThan(5);
    expect(Math.min(a.restartsMidRun, b.restartsMidRun)).toBeGreaterThan(0);
    const reports = [...a.reports, ...b.reports];
    // 7 to 12 merges in runs on this machine: the runs a restart cuts short merge less, and a restart now always cuts.
    expect(reports.reduce((n, r) => n + r.merged, 0)).toBeGreaterThan(3);
    expect(reports.reduce((n, r) => n + r.arbitrated, 0)).toBe(0);
    expect(reports.some((r) => r.end.kind === 'later' && r.end.retryAfterMs === 1000)).toBe(true);
  }, 60_000);

  it('answers a batch sent again after its answer was lost `duplicate`, and stores nothing twice', async () => {
    const { server, proxy } = await setUp({ ...NO_FAULTS, dropAnswer: 1 }, 1);
    const tablet = new Tablet('A', { url: `${proxy.url}/api/v1/sync`, token: server.token });
    for (let i = 0; i < 30; i += 1) {
      await saveRevision(tablet.db, { id: crypto.randomUUID(), kind: 'classroom', uai: UAI, campaign: CAMPAIGN, data: makeClassroomData({ label: `Salle ${i}` }), author: tablet.author });
    }

    // The server stores the first batch; the tablet never hears it, and stops there.
    await tablet.sync();
    expect(tablet.reports.at(-1)?.end.kind).toBe('later');
    expect(proxy.counts.push.droppedAnswer).toBe(1);
    expect(countRows(server.dbPath, 'revisions')).toBe(BATCH_RECORDS);
    expect(await listOutbox(tablet.db)).toHaveLength(30);

    proxy.setRates(NO_FAULTS);
    await tablet.sync();
    expect(tablet.heard).toEqual([...Array(BATCH_RECORDS).fill('duplicate'), ...Array(30 - BATCH_RECORDS).fill('stored')]);
    expect([countRows(server.dbPath, 'revisions'), countRows(server.dbPath, 'heads')]).toEqual([30, 30]);
    expect(await listOutbox(tablet.db)).toEqual([]);
    expect((await tablet.db.bases.toArray()).map((b) => b.rev)).toEqual(Array(30).fill(1));
  });

  it('puts an edit made after a lost answer on top of the revision stored, not against it', async () => {
    const { server, proxy } = await setUp(NO_FAULTS, 1);
    const tablet = new Tablet('A', { url: `${proxy.url}/api/v1/sync`, token: server.token });
    const id = crypto.randomUUID();
    const save = (pupils: number) => saveRevision(tablet.db, { id, kind: 'classroom', uai: UAI, campaign: CAMPAIGN, data: makeClassroomData({ label: 'CM2', pupils }), author: tablet.author });
    await save(20);
    await tablet.sync();

    // 21 is stored as rev 2 but the answer is lost; the user then types 22 in the same field.
    proxy.setRates({ ...NO_FAULTS, dropAnswer: 1 });
    await save(21);
    await tablet.sync();
    await save(22);
    proxy.setRates(NO_FAULTS);
    await tablet.sync();

    // 21 is sent again as it was (`duplicate`), then 22 on rev 2: no collision of the tablet with itself.
    expect(tablet.heard).toEqual(['stored', 'duplicate', 'stored']);
    expect(await tablet.db.arbitrations.count()).toBe(0);
    expect(await listOutbox(tablet.db)).toEqual([]);
    const revisions = readDb(server.dbPath, (db) => db.prepare('SELECT rev, record FROM revisions WHERE id = ? ORDER BY rev').all(id) as Array<{ rev: number; record: string }>);
    expect(revisions.map((r) => [r.rev, (JSON.parse(r.record) as ClassroomFiche).data.pupils])).toEqual([[1, 20], [2, 21], [3, 22]]);
    expect((await tablet.db.bases.get(id))?.rev).toBe(3);
  });
});
