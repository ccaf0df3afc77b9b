// Issue 14, defect 3: any token allowed to export (lecteur, admin) could stall sync by exporting in a loop: the export
// ran on the server's only thread (1.2 to 1.5 s each), four loops took sync to 0.8 requests/s, five concurrent exports
// made /health miss the device's 5 s probe, and HEAD built the whole workbook. Over real HTTP against the real server
// and a store (the SQLite file, or a PostgreSQL database) holding the whole generated département. What is asserted is structure and counts (what was
// answered, in which order, how many builds), never a duration.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppOptions } from '../../server/src/app';
import { EXPORT_QUEUE_MAX_JOBS } from '../../server/src/export-queue';
import { exportFromServer } from '../../server/src/export-source';
import { openStore } from '../../server/src/store/open-store';
import { SHEET_SLUGS } from '../../src/export/sheet';
import { makeClassroomFiche } from '../../src/model/make';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { probeHealth } from '../../src/sync/transport';
import { readXlsx } from '../export/support/read-xlsx';
import { expectSameWorkbook } from '../export/support/same-workbook';
import { fillDepartementFile } from './departement-file';
import { DEMO_TOKEN_PRINTED, serveProcess } from './serve-process';
import { makeBatch, makeTempDir, postSync, pushOf, removeTempDir, startServer, type TestServer } from './support';
import { copyStore, ON_POSTGRES, storeLocation } from './store-under-test';

const NOW = new Date('2026-11-28T17:38:00Z');
const CAMPAIGN = '2026-2027';
const STARTED = 'Export commencé';
const XLSX = '/api/v1/export.xlsx';
const csvOf = (slug: string) => `/api/v1/export.csv?sheet=${slug}`;
// A guard against a hang, not a speed check: a cold worker takes seconds for the whole département on a shared machine.
const LARGE_TIMEOUT_MS = 60_000;

/** The server's log lines, as Fastify writes them: builds are counted by the line each one starts with. */
function tapLog() {
  const messages: string[] = [];
  const waiting: Array<{ count: number; resolve(): void }> = [];
  const starts = () => messages.filter((m) => m === STARTED).length;
  const stream = {
    write(line: string) {
      messages.push((JSON.parse(line) as { msg: string }).msg);
      for (const w of waiting.filter((w) => starts() >= w.count)) w.resolve();
    },
  };
  return {
    logger: { level: 'info', stream } satisfies AppOptions['logger'],
    /** Exports started so far: each one is a build. */
    builds: starts,
    /** Resolves once `count` exports have started. */
    started: (count: number) => new Promise<void>((resolve) => (starts() >= count ? resolve() : waiting.push({ count, resolve }))),
  };
}

interface Download {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

async function get(server: TestServer, path: string, token: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Download> {
  const response = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

const json = (d: Download) => JSON.parse(new TextDecoder().decode(d.bytes)) as { error: string; message: string };
const deviceProbe = (server: TestServer) => probeHealth({ url: `${server.url}/api/v1/sync`, token: server.token });

/** A batch of new classroom fiches of a school of the département, as a tablet sends them. */
function newRooms(count: number, round: number) {
  return Array.from({ length: count }, (_, i) =>
    pushOf(makeClassroomFiche({ updatedAt: '2026-11-28T08:00:00.000Z', data: { label: `Salle ${round}-${i}`, pupils: 20 } })));
}

async function pushRooms(server: TestServer, count: number, round: number): Promise<string[]> {
  const answer = await postSync(server, makeBatch(newRooms(count, round), 'tablette-banc'));
  expect(answer.status).toBe(200);
  return answer.body.results.map((r) => r.status);
}

let dir: string;
let departement: string;
let servers: TestServer[] = [];

beforeAll(async () => {
  dir = makeTempDir();
  departement = join(dir, 'departement.sqlite');
  await fillDepartementFile(storeLocation(departement), { now: NOW });
}, 60_000);

afterAll(() => removeTempDir(dir));

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** The server on a copy of the département's store, with a lecteur token (the role the attack needs). */
async function startOnDepartement(options: Omit<AppOptions, 'store' | 'dbPath'> = {}) {
  const dbPath = join(dir, `${crypto.randomUUID()}.sqlite`);
  copyStore(departement, dbPath);
  const log = tapLog();
  let now = NOW;
  const server = await startServer(dbPath, { now: () => now, logger: log.logger, ...options });
  servers.push(server);
  const lecteur = await server.makeToken('Léa Durand', { role: 'lecteur' });
  return { server, dbPath, lecteur, log, setNow: (at: Date) => (now = at) };
}

describe('an export is built off the request thread', () => {
  it('answers /health and a push sent once an export has started before the export itself', async () => {
    const { server, lecteur, log } = await startOnDepartement();
    const order: string[] = [];
    const exported = get(server, XLSX, lecteur).then((answer) => (order.push('export'), answer));
    await log.started(1);

    expect(await deviceProbe(server)).toBe(true);
    order.push('health');
    expect(await pushRooms(server, 20, 0)).toEqual(Array(20).fill('stored'));
    order.push('sync');

    expect((await exported).status).toBe(200);
    expect(order).toEqual(['health', 'sync', 'export']);
  }, LARGE_TIMEOUT_MS);

  it('keeps answering pushes and every /health probe while four export loops run, exports answered 200 or 503', async () => {
    const { server, lecteur, log } = await startOnDepartement();
    const statuses: number[] = [];
    let running = true;
    // Four loops as an attacker writes them: the next request as soon as the last is answered, Retry-After ignored.
    const loops = [XLSX, csvOf('ecoles'), csvOf('classes'), csvOf('besoins')].map(async (path) => {
      while (running) {
        const answer = await get(server, path, lecteur);
        statuses.push(answer.status);
        if (answer.status === 503) expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
    });
    // A tablet syncing meanwhile (each push changes the data, so no export is ever answered from the kept file), until
    // two exports have been built and answered while it did.
    const probes: boolean[] = [];
    const pushed: string[] = [];
    for (let round = 0; statuses.filter((s) => s === 200).length < 2; round += 1) {
      probes.push(await deviceProbe(server));
      pushed.push(...(await pushRooms(server, 10, round)));
    }
    running = false;
    await Promise.all(loops);

    expect(probes.every(Boolean)).toBe(true);
    expect(pushed.every((status) => status === 'stored')).toBe(true);
    expect(new Set(statuses)).toEqual(new Set(statuses.filter((s) => s === 200 || s === 503)));
    // Sync went on between the builds: many more pushes answered than exports built.
    expect(pushed.length / 10).toBeGreaterThan(2 * log.builds());
  }, 120_000);
});

describe('one export at a time, the others queued or refused at once', () => {
  it(`queues ${EXPORT_QUEUE_MAX_JOBS} exports behind the running one and refuses the next with a 503, Retry-After and a French message`, async () => {
    const { server, lecteur, log } = await startOnDepartement();
    const paths = [XLSX, ...SHEET_SLUGS.map(csvOf)];
    const answers = await Promise.all(paths.map((path) => get(server, path, lecteur)));

    const refused = answers.filter((a) => a.status === 503);
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(1 + EXPORT_QUEUE_MAX_JOBS).fill(200), ...Array(paths.length - 1 - EXPORT_QUEUE_MAX_JOBS).fill(503)]);
    for (const answer of refused) {
      const seconds = answer.headers.get('retry-after');
      expect(seconds).toMatch(/^[1-9]\d*$/);
      expect(json(answer)).toEqual({ error: 'overloaded', message: `Un export est déjà en préparation et d'autres attendent leur tour : réessayez dans ${seconds} s.` });
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(log.builds()).toBe(1 + EXPORT_QUEUE_MAX_JOBS);
  }, LARGE_TIMEOUT_MS);

  it('answers five identical exports asked together from one build', async () => {
    const { server, lecteur, log } = await startOnDepartement();
    const answers = await Promise.all(Array.from({ length: 5 }, () => get(server, XLSX, lecteur)));

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.headers.get('etag'))).size).toBe(1);
    for (const answer of answers) expect(Buffer.from(answer.bytes).equals(Buffer.from(answers[0]?.bytes as Uint8Array))).toBe(true);
    expect(log.builds()).toBe(1);
  }, LARGE_TIMEOUT_MS);
});

describe('an unchanged export costs nothing', () => {
  it('answers it again from the kept file, 304 on If-None-Match; a push, another directory or another day changes the ETag', async () => {
    const { server, dbPath, lecteur, log, setNow } = await startOnDepartement();
    const first = await get(server, csvOf('ecoles'), lecteur);
    const etag = first.headers.get('etag') as string;
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await get(server, csvOf('ecoles'), lecteur);
    expect([again.status, again.headers.get('etag'), Buffer.from(again.bytes).equals(Buffer.from(first.bytes))]).toEqual([200, etag, true]);
    const revalidated = await get(server, csvOf('ecoles'), lecteur, { 'if-none-match': etag });
    expect([revalidated.status, revalidated.headers.get('etag'), revalidated.bytes.length]).toEqual([304, etag, 0]);
    expect(await get(server, csvOf('ecoles'), lecteur, { 'if-none-match': `W/${etag}` })).toMatchObject({ status: 304 });
    expect(log.builds()).toBe(1);

    // Another sheet is another file.
    const classes = await get(server, csvOf('classes'), lecteur, { 'if-none-match': etag });
    expect(classes.status).toBe(200);
    expect(classes.headers.get('etag')).not.toBe(etag);
    expect(log.builds()).toBe(2);

    expect(await pushRooms(server, 1, 0)).toEqual(['stored']);
    const afterPush = await get(server, csvOf('ecoles'), lecteur, { 'if-none-match': etag });
    expect(afterPush.status).toBe(200);
    const pushedEtag = afterPush.headers.get('etag') as string;
    expect(pushedEtag).not.toBe(etag);
    expect(log.builds()).toBe(3);

    // A directory imported while the server runs (`npm run import`: another connection to the file).
    const importer = await openStore(storeLocation(dbPath));
    await importer.directory.replace((current) => ({ schools: current.slice(1) }));
    await importer.close();
    const afterImport = await get(server, csvOf('ecoles'), lecteur, { 'if-none-match': pushedEtag });
    expect(afterImport.status).toBe(200);
    const importedEtag = afterImport.headers.get('etag') as string;
    expect(importedEtag).not.toBe(pushedEtag);
    expect(log.builds()).toBe(4);

    // The file gives its export date and counts equipment ages from its year: the next day is another file.
    setNow(new Date('2026-11-29T17:38:00Z'));
    const nextDay = await get(server, csvOf('ecoles'), lecteur, { 'if-none-match': importedEtag });
    expect(nextDay.status).toBe(200);
    expect(nextDay.headers.get('etag')).not.toBe(importedEtag);
    expect(log.builds()).toBe(5);
  }, LARGE_TIMEOUT_MS);

  it('answers HEAD with the headers a GET would give, from the data version alone: no build, no body', async () => {
    const { server, lecteur, log } = await startOnDepartement();
    const head = await get(server, XLSX, lecteur, {}, 'HEAD');
    const headCsv = await get(server, csvOf('besoins'), lecteur, {}, 'HEAD');
    expect([head.status, headCsv.status, head.bytes.length]).toEqual([200, 200, 0]);
    expect(head.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(head.headers.get('content-disposition')).toBe('attachment; filename="tne13-etat-des-lieux-2026-2027-20261128-1838.xlsx"');
    expect(headCsv.headers.get('content-type')).toBe('text/csv;charset=utf-8');
    expect(log.builds()).toBe(0);

    const got = await get(server, XLSX, lecteur);
    expect(got.headers.get('etag')).toBe(head.headers.get('etag'));
    const headAfter = await get(server, XLSX, lecteur, {}, 'HEAD');
    expect(headAfter.headers.get('content-length')).toBe(String(got.bytes.length));
    expect((await get(server, XLSX, lecteur, { 'if-none-match': head.headers.get('etag') as string }, 'HEAD')).status).toBe(304);
    // Without a token, HEAD is refused as GET is.
    expect((await fetch(`${server.url}${XLSX}`, { method: 'HEAD' })).status).toBe(401);
    expect(log.builds()).toBe(1);
  }, LARGE_TIMEOUT_MS);
});

describe('the export worker starts wherever the server runs', () => {
  // Vitest runs the server in the test's own process (every test above); these start it as an administrator does.
  it.each([['npm run serve', 'node --import tsx'], ['npm start', 'tsx']] as const)('under %s (`%s server/main.ts`)', async (_script, runner) => {
    const started = await serveProcess(join(dir, `${crypto.randomUUID()}.sqlite`), {}, DEMO_TOKEN_PRINTED, runner);
    if (!('url' in started)) throw new Error(`the server did not start: ${started.stderr}`);
    try {
      const token = (/Premier démarrage.*\n +(\S+)\n/.exec(started.stdout) as RegExpExecArray)[1] as string;
      const response = await fetch(`${started.url}${XLSX}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      const book = await readXlsx(new Uint8Array(await response.arrayBuffer()));
      expect(book.map((sheet) => sheet.name)).toEqual(['Synthèse', 'Écoles', 'Classes', 'Besoins', 'Référentiel']);
    } finally {
      await started.stop();
    }
  }, 60_000);
});

describe('a store no other thread can open', () => {
  // SQLite only: a database in memory is SQLite's; every PostgreSQL store can be opened by the worker's thread.
  it.skipIf(ON_POSTGRES)('exports from a database in memory in the request thread, queued and kept the same way', async () => {
    const log = tapLog();
    const server = await startServer(':memory:', { now: () => NOW, logger: log.logger });
    servers.push(server);
    const [first, second] = await Promise.all([get(server, XLSX, server.token), get(server, XLSX, server.token)]);
    expect([first.status, second.status, first.headers.get('etag')]).toEqual([200, 200, second.headers.get('etag')]);
    expect((await get(server, XLSX, server.token, { 'if-none-match': first.headers.get('etag') as string })).status).toBe(304);
    expect(log.builds()).toBe(1);
  });
});

describe('the worker builds the file the request thread built before', () => {
  it('gives the same rows as the in-thread pipeline, in the workbook (read back by exceljs) and in each CSV', async () => {
    const dbPath = join(dir, 'moyen.sqlite');
    await fillDepartementFile(storeLocation(dbPath), { now: NOW, schools: 200, classrooms: 1500 });
    const server = await startServer(dbPath, { now: () => NOW });
    servers.push(server);
    const store = await openStore(storeLocation(dbPath));
    try {
      const xlsx = await get(server, XLSX, server.token);
      const inThread = await exportFromServer(store, CAMPAIGN, 'xlsx', undefined, NOW, REFERENTIAL_V1);
      const book = await readXlsx(xlsx.bytes);
      expectSameWorkbook(book, await readXlsx(inThread.bytes));
      expect(book.map((sheet) => sheet.rows.length)).toEqual([expect.any(Number), 200, 1500, expect.any(Number), expect.any(Number)]);
      for (const slug of SHEET_SLUGS) {
        const csv = await get(server, csvOf(slug), server.token);
        const expected = await exportFromServer(store, CAMPAIGN, 'csv', slug, NOW, REFERENTIAL_V1);
        expect(Buffer.from(csv.bytes).equals(Buffer.from(expected.bytes)), slug).toBe(true);
      }
    } finally {
      await store.close();
    }
  }, 60_000);
});
