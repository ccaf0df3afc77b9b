// The server killed with SIGKILL while devices push (a power cut, the OOM killer): `npm run serve` runs as a child
// process on a real SQLite file, is killed in the middle of concurrent batches, and started again on the same file.
// No acknowledged revision is lost, a batch in flight is there whole or not at all, and seqs go on growing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { openStore } from '../../server/src/store/open-store';
import { createToken } from '../../server/src/tokens';
import { makeClassroomFiche } from '../../src/model/make';
import { contentOf, type PushRecord, type SyncResponse } from '../../src/model/sync-protocol';
import type { ClassroomFiche } from '../../src/model/types';
import { makeBatch, makeTempDir, pushOf, readDb, removeTempDir } from './support';
import { storeLocation, storeEnv } from './store-under-test';

const PUSHERS = 4;
const NEW_PER_BATCH = 5;
/** Acknowledged batches to wait for before the kill: the kill lands while the others are in flight. */
const BATCHES_BEFORE_KILL = 12;

let dir: string;
let dbPath: string;
let child: ChildProcess | undefined;

beforeEach(() => {
  dir = makeTempDir();
  dbPath = join(dir, 'tne13.sqlite');
});

afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
  removeTempDir(dir);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts `npm run serve` (tsx server/main.ts) on the test's file; resolves with its URL once it listens. */
async function startServeProcess(): Promise<string> {
  const port = await freePort();
  const started = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...storeEnv(dbPath), HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  await new Promise<void>((resolve, reject) => {
    let output = '';
    started.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('serveur démarré')) resolve();
    });
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.once('exit', (code) => reject(new Error(`le serveur s'est arrêté (${code}) : ${output}`)));
  });
  return `http://127.0.0.1:${port}`;
}

function killServer(): Promise<void> {
  const running = child as ChildProcess;
  child = undefined;
  return new Promise((resolve) => {
    running.once('exit', () => resolve());
    running.kill('SIGKILL');
  });
}

async function postBatch(url: string, token: string, records: PushRecord[], deviceId: string): Promise<SyncResponse> {
  const response = await fetch(`${url}/api/v1/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(makeBatch(records, deviceId)),
  });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as SyncResponse;
}

interface Acknowledged {
  id: string;
  rev: number;
  seq: number;
  content: string;
}

/**
 * A device pushing batches one after another until the server dies: each batch makes new fiches and edits the
 * fiches the device has had acknowledged, on the rev it was given. Records what was acknowledged, and the batch in
 * flight when the server died.
 */
async function pushUntilKilled(url: string, token: string, device: string, acknowledged: Acknowledged[], counter: { batches: number }) {
  const mine = new Map<string, { fiche: ClassroomFiche; rev: number }>();
  for (let round = 0; ; round++) {
    const edits = [...mine.values()].slice(-NEW_PER_BATCH).map(({ fiche, rev }) => pushOf({ ...fiche, data: { ...fiche.data, pupils: round } }, rev));
    const records = [...Array.from({ length: NEW_PER_BATCH }, () => pushOf(makeClassroomFiche({ data: { label: `${device} ${round}` } }))), ...edits];
    let answer: SyncResponse;
    try {
      answer = await postBatch(url, token, records, device);
    } catch {
      return records; // the answer never came: the batch is in flight
    }
    answer.results.forEach((result, i) => {
      const record = records[i] as PushRecord;
      expect(result.status).toBe('stored');
      acknowledged.push({ id: result.id, rev: result.rev as number, seq: result.seq as number, content: contentOf(record) });
      const { baseRev: _, ...fiche } = record;
      mine.set(result.id, { fiche: fiche as ClassroomFiche, rev: result.rev as number });
    });
    counter.batches++;
  }
}

describe('the server killed with SIGKILL while devices push', () => {
  it('loses no acknowledged revision, keeps a batch in flight whole or not at all, and goes on numbering', async () => {
    const store = await openStore(storeLocation(dbPath));
    const token = await createToken(store, 'Camille Martin');
    await store.close();
    const url = await startServeProcess();

    const acknowledged: Acknowledged[] = [];
    const counter = { batches: 0 };
    const pushers = Array.from({ length: PUSHERS }, (_, i) => pushUntilKilled(url, token, `tablette-${i}`, acknowledged, counter));
    while (counter.batches < BATCHES_BEFORE_KILL) await new Promise((resolve) => setTimeout(resolve, 5));
    await killServer();
    const inFlight = await Promise.all(pushers);

    const held = readDb(dbPath, (db) => db.prepare('SELECT id, rev, seq, record FROM revisions').all()) as Array<{ id: string; rev: number; seq: number; record: string }>;
    const byKey = new Map(held.map((row) => [`${row.id}@${row.rev}`, row]));
    for (const ack of acknowledged) {
      const row = byKey.get(`${ack.id}@${ack.rev}`);
      expect(row?.seq, ack.id).toBe(ack.seq);
      expect(contentOf(JSON.parse(row?.record ?? '{}')), ack.id).toBe(ack.content);
    }
    for (const records of inFlight) {
      const present = records.filter((r) => byKey.has(`${r.id}@${r.baseRev + 1}`)).length;
      expect([0, records.length]).toContain(present);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(BATCHES_BEFORE_KILL * NEW_PER_BATCH);

    // Started again on the same file: the batches in flight sent again are stored or duplicate, with larger seqs.
    const again = await startServeProcess();
    const highest = Math.max(...held.map((row) => row.seq));
    for (const [i, records] of inFlight.entries()) {
      const answer = await postBatch(again, token, records, `tablette-${i}`);
      for (const result of answer.results) {
        expect(['stored', 'duplicate']).toContain(result.status);
        if (result.status === 'stored') expect(result.seq).toBeGreaterThan(highest);
      }
    }
    await killServer();
  }, 60_000);
});
