// The server killed with SIGKILL under the load of bench/server-load.ts (a power cut, the OOM killer while the server
// is busiest): `npm run serve` runs as a child process on the store under test (a real SQLite file, or a PostgreSQL
// database that outlives the killed process) while 20 devices push batches of 100 new fiches one after the other and an
// export loop asks for the workbook again and again (tests/server/load-devices.ts, the bench's own load). The kill
// comes at an answer once 50 batches were answered, 20 of them while an export was asked and not yet answered, and
// while half the devices have a batch in flight: conditions on what happened, never on how long it took. Then the file
// must hold every acknowledged revision, with its rev, seq and device, each unanswered batch whole or not at all, and
// nothing else; the server started again on the same file takes each unanswered batch sent again as it was, as
// duplicate or stored; and the load comes back and the server is killed again, three times on the same file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { SyncRequest, SyncResponse } from '../../src/model/sync-protocol';
import type { Fiche } from '../../src/model/types';
import { generateDepartement } from '../fixtures/departement/generate-departement';
import { BATCH, freshFiches, runLoad, timed, type Acknowledged, type LoadFigures, type Unanswered } from './load-devices';
import { DEMO_TOKEN_PRINTED, LISTENING, serveProcess, type ServeProcess } from './serve-process';
import { makeTempDir, readDb, removeTempDir } from './support';

const DEVICES = 20;
const ROUNDS = 3;
/** Batches answered in a round, and while an export is asked and not answered, before the kill may come. */
const BATCHES_BEFORE_KILL = 50;
const BATCHES_DURING_EXPORT = 20;
/** Devices with a batch in flight when the kill comes, at least. */
const IN_FLIGHT_AT_KILL = DEVICES / 2;

let dir: string;
let dbPath: string;
let running: ServeProcess | undefined;
let load: AbortController | undefined;

beforeEach(() => {
  dir = makeTempDir();
  dbPath = join(dir, 'tne13.sqlite');
});

afterEach(async () => {
  load?.abort();
  load = undefined;
  if (running !== undefined) {
    process.kill(running.pid, 'SIGKILL');
    await running.exited;
  }
  removeTempDir(dir);
});

/** Starts `npm run serve` on the test's file, and waits until it prints `printed`. */
async function start(printed: RegExp): Promise<ServeProcess> {
  const started = await serveProcess(dbPath, {}, printed);
  if (!('url' in started)) throw new Error(`le serveur ne démarre pas (${started.code}) : ${started.stderr}`);
  running = started;
  void started.exited.then(() => {
    if (running === started) running = undefined;
  });
  return started;
}

/** An acknowledged revision, and the device it was acknowledged to. */
type Ack = Acknowledged & { deviceId: string };

interface Row {
  id: string;
  rev: number;
  seq: number;
  device_id: string;
}

/** The revisions the test's devices made, by `id@rev`. */
function heldRevisions(): Map<string, Row> {
  const rows = readDb(dbPath, (db) => db.prepare("SELECT id, rev, seq, device_id FROM revisions WHERE device_id LIKE 'tablette-%'").all()) as Row[];
  return new Map(rows.map((row) => [`${row.id}@${row.rev}`, row]));
}

const keyOf = (id: string, rev: number) => `${id}@${rev}`;

/**
 * What the file holds after a kill: every revision acknowledged so far, with its rev, seq and device; each batch
 * left unanswered whole (every record at baseRev + 1, from its device) or not at all; and nothing else from the
 * devices. Returns which unanswered batches are there.
 */
function checkFile(acknowledged: readonly Ack[], unanswered: readonly Unanswered[]): Set<string> {
  const held = heldRevisions();
  const lost = acknowledged.filter((ack) => {
    const row = held.get(keyOf(ack.id, ack.rev));
    return row?.seq !== ack.seq || row.device_id !== ack.deviceId;
  });
  expect(lost, 'révisions acquittées absentes du fichier (ou autres)').toEqual([]);
  const whole = new Set<string>();
  const partial: Array<{ batchId: string; present: number }> = [];
  for (const { request } of unanswered) {
    const present = request.records.filter((r) => held.get(keyOf(r.id, r.baseRev + 1))?.device_id === request.deviceId).length;
    if (present === request.records.length) whole.add(request.batchId);
    else if (present > 0) partial.push({ batchId: request.batchId, present });
  }
  expect(partial, 'lots sans réponse en partie enregistrés').toEqual([]);
  const known = new Set([...acknowledged.map((a) => keyOf(a.id, a.rev)), ...unanswered.flatMap(({ request }) => request.records.map((r) => keyOf(r.id, r.baseRev + 1)))]);
  expect([...held.keys()].filter((key) => !known.has(key)), 'révisions ni acquittées ni envoyées sans réponse').toEqual([]);
  return whole;
}

/** Sends `request` again as it was (same batchId, same records), waiting as Retry-After says when shed. */
async function sendAgain(server: ServeProcess, token: string, request: SyncRequest): Promise<SyncResponse> {
  for (;;) {
    const answer = await timed(`${server.url}/api/v1/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    if (answer.status === 200) return answer.body as SyncResponse;
    if (answer.status !== 503 && answer.status !== 429) throw new Error(`lot ${request.batchId} renvoyé : ${answer.status}`);
    await new Promise((resolve) => setTimeout(resolve, answer.retryAfterS * 1000));
  }
}

/** What the devices saw at the kill. */
interface AtKill {
  batchesAnswered: number;
  acknowledged: number;
  /** Sync batches answered since the export in flight was asked (counted from when the test first saw it). */
  batchesDuringExport: number;
  inFlight: SyncRequest[];
}

/**
 * Runs the bench's load against `server` and kills the server with SIGKILL at the first answer after which at least
 * BATCHES_BEFORE_KILL batches were answered, BATCHES_DURING_EXPORT of them since the export in flight was asked (the
 * server answers pushes while that export is under way), and at least IN_FLIGHT_AT_KILL devices wait for an answer.
 */
async function loadAndKill(server: ServeProcess, token: string, fiches: Iterator<Fiche>) {
  const stop = new AbortController();
  load = stop;
  let atKill: AtKill | undefined;
  let exportSeen = 0;
  let batchesAtExport = 0;
  const kill = (figures: LoadFigures) => {
    if (atKill !== undefined) return;
    const batchesAnswered = figures.devices.reduce((n, d) => n + d.batchesAnswered, 0);
    if (!figures.exportInFlight) return;
    if (figures.exportsAsked !== exportSeen) {
      exportSeen = figures.exportsAsked;
      batchesAtExport = batchesAnswered;
    }
    const inFlight = figures.devices.flatMap((d) => (d.inFlight === undefined ? [] : [d.inFlight]));
    if (batchesAnswered < BATCHES_BEFORE_KILL || batchesAnswered - batchesAtExport < BATCHES_DURING_EXPORT || inFlight.length < IN_FLIGHT_AT_KILL) return;
    const acknowledged = figures.devices.reduce((n, d) => n + d.acknowledged.length, 0);
    atKill = { batchesAnswered, acknowledged, batchesDuringExport: batchesAnswered - batchesAtExport, inFlight };
    stop.abort();
    process.kill(server.pid, 'SIGKILL');
  };
  // A server that ends by itself stops the load too: the round then fails on atKill, not on the test's time-out.
  void server.exited.then(() => stop.abort());
  const { done } = runLoad({ url: server.url, token, devices: DEVICES, deviceId: (d) => `tablette-${d}`, fiches, durationMs: Infinity, signal: stop.signal, onAnswer: kill });
  const figures = await done;
  const ended = await server.exited;
  load = undefined;
  return { figures, atKill, ended };
}

const fixtures = generateDepartement();

describe('kill -9 during the load of bench/server-load.ts', () => {
  it(
    "the server killed with SIGKILL under the load benchmark's load (20 devices pushing batches of 100, an export loop) loses no acknowledged revision",
    async () => {
      const fiches = freshFiches(fixtures.fiches);
      let server = await start(DEMO_TOKEN_PRINTED);
      const token = /Premier démarrage.*\n +(\S+)\n/.exec(server.stdout)?.[1] as string;
      const acknowledged: Ack[] = [];
      let unanswered: Unanswered[] = [];

      for (let round = 1; round <= ROUNDS + 1; round++) {
        if (round > 1) {
          // Started again on the same file: each unanswered batch sent again as it was is taken, as duplicate when
          // the file holds it (with the rev and seq there), else as stored after every seq the file held.
          server = await start(LISTENING);
          // What the started server holds (checked before it started too, just after the kill).
          const held = heldRevisions();
          const highest = readDb(dbPath, (db) => db.prepare('SELECT MAX(seq) FROM revisions').pluck().get() as number);
          const whole = checkFile(acknowledged, unanswered);
          for (const { request } of unanswered) {
            const answer = await sendAgain(server, token, request);
            expect(answer.results.map((r) => r.status)).toEqual(request.records.map(() => (whole.has(request.batchId) ? 'duplicate' : 'stored')));
            answer.results.forEach((result, i) => {
              const record = request.records[i] as SyncRequest['records'][number];
              expect(result.id).toBe(record.id);
              expect(result.rev).toBe(record.baseRev + 1);
              if (whole.has(request.batchId)) expect(result.seq).toBe(held.get(keyOf(result.id, record.baseRev + 1))?.seq);
              else expect(result.seq).toBeGreaterThan(highest);
              acknowledged.push({ id: result.id, rev: result.rev as number, seq: result.seq as number, deviceId: request.deviceId });
            });
          }
          unanswered = [];
          checkFile(acknowledged, []);
        }
        if (round > ROUNDS) break;

        const { figures, atKill, ended } = await loadAndKill(server, token, fiches);
        // The load was there at the kill: batches acknowledged, pushes answered while an export was under way, half
        // the devices waiting for an answer; and the server died of the kill.
        expect(atKill, `manche ${round} : la charge attendue n'a pas été atteinte`).toBeDefined();
        const at = atKill as AtKill;
        expect(at.batchesAnswered).toBeGreaterThanOrEqual(BATCHES_BEFORE_KILL);
        expect(at.acknowledged).toBeGreaterThanOrEqual(BATCHES_BEFORE_KILL * BATCH);
        expect(at.batchesDuringExport).toBeGreaterThanOrEqual(BATCHES_DURING_EXPORT);
        expect(at.inFlight.length).toBeGreaterThanOrEqual(IN_FLIGHT_AT_KILL);
        expect(ended.signal).toBe('SIGKILL');

        // The devices saw only answers a loaded server gives (200, or 503/429 with Retry-After), and failures; every
        // record of every batch answered 200 was acknowledged. Each batch in flight at the kill was its device's last:
        // most failed with the connection (unanswered), a few had been answered just before the kill (200, or 503
        // when shed, and the file check below shows a shed batch is not stored).
        expect(figures.sync.filter((t) => ![200, 503, 429, 'timeout', 'network'].includes(t.status))).toEqual([]);
        expect(figures.sync.filter((t) => (t.status === 503 || t.status === 429) && !t.retryAfter)).toEqual([]);
        expect(figures.exports.filter((t) => ![200, 503, 'network'].includes(t.status))).toEqual([]);
        for (const device of figures.devices) expect(device.acknowledged.length, device.deviceId).toBe(device.batchesAnswered * BATCH);
        const roundAcks = figures.devices.flatMap((d) => d.acknowledged.map((a) => ({ ...a, deviceId: d.deviceId })));
        unanswered = figures.devices.flatMap((d) => d.unanswered);
        const lastOf = new Map(figures.devices.map((d) => [d.deviceId, d.last]));
        const unansweredIds = new Set(unanswered.map((u) => u.request.batchId));
        for (const request of at.inFlight) {
          const last = lastOf.get(request.deviceId);
          expect(last?.batchId, request.deviceId).toBe(request.batchId);
          if (last?.status === 'network' || last?.status === 'timeout') expect(unansweredIds.has(request.batchId)).toBe(true);
        }
        const killedInFlight = at.inFlight.filter((request) => lastOf.get(request.deviceId)?.status === 'network').length;
        expect(killedInFlight, 'lots en vol coupés par le kill').toBeGreaterThanOrEqual(1);
        acknowledged.push(...roundAcks);

        // The file after the kill: every revision acknowledged in any round, each unanswered batch whole or absent.
        checkFile(acknowledged, unanswered);
      }
      await server.stop();
      expect(acknowledged.length).toBeGreaterThanOrEqual(ROUNDS * BATCHES_BEFORE_KILL * BATCH);
    },
    180_000,
  );
});
