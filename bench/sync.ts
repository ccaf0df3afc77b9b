// Sync on loopback against the reference server (real HTTP, real SQLite), protocol v2 (shared/spec/sync.md).
// - push: 10,000 fiches new to the server, batched as the device does (500 records a POST) and one POST per fiche,
//   in the same run; the device side runs in Node on fake-indexeddb, and only the push is timed (the pull that
//   follows in a run is answered "nothing new" here; it is measured below, in the browser).
// - pull: the whole generated département (10,200 fiches) pulled by a fresh tablet in Chromium (a new profile on
//   disk, the built app served by the reference server, the token set on the app's "Appareil" screen), then
//   incremental pulls of 50 fiches another device changed ("Synchroniser maintenant"). Times are the app's own User
//   Timing measures (src/state/sync.ts): `tne:sync-pull` from the first page asked to the last page written,
//   round trips included, and `tne:sync-run` the whole run the indicator shows (health probe, push of nothing,
//   pull). Bytes are the page's Resource Timing of GET /api/v1/changes (the server does not compress).
// `node --import tsx bench/sync.ts [push] [pull]` (both when neither is named).
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildApp } from '../server/src/app';
import { IN_TEST_PROCESS } from '../tests/server/support';
import { importSchools } from '../server/src/directory';
import { openStore } from '../server/src/store/open-store';
import { createToken } from '../server/src/tokens';
import { AuditDb } from '../src/storage/db';
import { pushRecordOf } from '../src/storage/outbox';
import { runSync } from '../src/sync/sync-run';
import { sendBatch } from '../src/sync/transport';
import type { Fiche } from '../src/model/types';
import type { SyncRequest, SyncResponse } from '../src/model/sync-protocol';
import { generateDepartement } from '../tests/fixtures/departement/generate-departement';
import { completeFirstRun, waitControlled } from '../tests/e2e/support/app';
import { firstPage, launchProfile, newProfileDir } from '../tests/e2e/support/browser';
import { buildApp as buildWebApp, serveDir, type Served } from '../tests/e2e/support/serve-build';
import { describe } from './stats';
import { loadavg } from 'node:os';
import { machine } from './machine';

const PUSHED = 10_000;
const FIRST_PULLS = 3;
const INCREMENTALS = 10;
const CHANGED = 50;
const MERGER = { author: { name: 'Banc d’essai', role: 'erun' as const }, referentialVersion: '2026.1' };

// ---------------------------------------------------------------------------------------------------------------
// Push

async function timePush(maxRecords: number): Promise<{ ms: number; posts: number; postMs: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'tne13-bench-sync-'));
  const store = await openStore(join(dir, 'tne13.sqlite'));
  const token = await createToken(store, 'Banc d’essai');
  const app = await buildApp({ store, limits: IN_TEST_PROCESS }); // the bench's own busy process: no event-loop shedding
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const db = new AuditDb(`bench-${maxRecords}-${Date.now()}`);
  const fiches = generateDepartement().fiches.slice(0, PUSHED);
  const campaign = fiches[0]?.campaign ?? '2026-2027';
  // Edits made on this device of fiches the server has never held: no base, pushed on baseRev 0.
  await db.outbox.bulkPut(fiches.map((record) => ({ id: record.id, rev: record.rev, record, queuedAt: record.updatedAt })));
  let posts = 0;
  let postMs = 0;
  const start = performance.now();
  const report = await runSync({
    db,
    endpoint: { url: `${url}/api/v1/sync`, token },
    deviceId: 'banc',
    campaign,
    merger: MERGER,
    maxRecords,
    send: async (...args) => {
      posts += 1;
      const sent = performance.now();
      const outcome = await sendBatch(...args);
      postMs += performance.now() - sent;
      return outcome;
    },
    // Only the push is timed here: the pull that follows is told nothing changed.
    fetchPage: (_endpoint, query) => Promise.resolve({ kind: 'answered', response: { changes: [], cursor: query.since ?? '0', more: false } }),
  });
  const ms = performance.now() - start;
  if (report.acknowledged !== PUSHED || (await db.outbox.count()) !== 0) throw new Error(`sync incomplete: ${JSON.stringify(report)}`);
  await db.delete();
  await app.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
  return { ms, posts, postMs };
}

async function benchPush(): Promise<void> {
  const batched = await timePush(500);
  const single = await timePush(1);
  console.log(`sync push of ${PUSHED} fiches on loopback, protocol v2 (reference server, SQLite; device on fake-indexeddb in Node)`);
  const posting = (r: { ms: number; postMs: number }) => `of which ${(r.postMs / 1000).toFixed(2)} s in the POSTs (sent → answer read), ${((r.ms - r.postMs) / 1000).toFixed(2)} s on the device`;
  console.log(`  batched (500 a POST): ${(batched.ms / 1000).toFixed(2)} s, ${batched.posts} POSTs; ${posting(batched)}`);
  console.log(`  one POST per fiche: ${(single.ms / 1000).toFixed(2)} s, ${single.posts} POSTs; ${posting(single)}`);
  console.log(`  ratio: ${(single.ms / batched.ms).toFixed(1)}× faster batched (goal ≥ 10×)`);
  console.log(`  machine: ${machine()}; load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Pull

/** What the server holds of each fiche, as another device knows it: the record and its head's rev. */
type Heads = Map<string, { record: Fiche; rev: number }>;

async function post(served: Served, request: SyncRequest): Promise<SyncResponse> {
  const response = await fetch(`${served.url}/api/v1/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${served.token}` },
    body: JSON.stringify(request),
  });
  if (response.status !== 200) throw new Error(`push: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as SyncResponse;
}

/** Pushes `records` on their bases through POST /api/v1/sync as the device `deviceId`, 500 a batch; every one stored. */
async function pushAll(served: Served, records: ReadonlyArray<{ record: Fiche; baseRev: number }>, deviceId: string, heads: Heads): Promise<void> {
  for (let i = 0; i < records.length; i += 500) {
    const batch = records.slice(i, i + 500);
    const { results } = await post(served, { protocol: 2, deviceId, batchId: crypto.randomUUID(), records: batch.map(({ record, baseRev }) => pushRecordOf(record, baseRev)) });
    for (const [j, result] of results.entries()) {
      const { record } = batch[j] as { record: Fiche };
      if (result.status !== 'stored' || result.rev === undefined) throw new Error(`push of ${record.id}: ${JSON.stringify(result)}`);
      heads.set(record.id, { record: { ...record, rev: result.rev }, rev: result.rev });
    }
  }
}

/** Another tablet's edit of a fiche: its remarks, and a classroom's pupil count. */
function edited(fiche: Fiche, round: number): Fiche {
  const at = new Date().toISOString();
  const author = { name: 'Autre tablette', role: 'technicien' as const };
  if (fiche.kind === 'school') return { ...fiche, updatedAt: at, author, data: { ...fiche.data, notes: `Revu au passage ${round}` } };
  const pupils = ((fiche.data.pupils ?? 20) % 40) + 1;
  return { ...fiche, updatedAt: at, author, data: { ...fiche.data, pupils, notes: `Revu au passage ${round}` } };
}

interface PullFigure {
  ms: number;
  runMs: number;
  pages: number;
  fiches: number;
  requests: number;
  /** Time spent in the requests of the pages (request start → last byte received), summed: the rest of `ms` is the
   * device's (reading the JSON, writing each page). */
  httpMs: number;
  bodyBytes: number;
  transferBytes: number;
}

interface Measure {
  startTime: number;
  duration: number;
  detail: Record<string, number | string>;
}

const measuresOf = (page: Page, name: string) =>
  page.evaluate((n) => performance.getEntriesByName(n).map((e) => ({ startTime: e.startTime, duration: e.duration, detail: (e as PerformanceMeasure).detail as Record<string, number | string> })), name);

/** Waits for a pull of `fiches` heads, and the run that held it, after the counts of measures `before`; returns them
 * with the bytes of the pages that pull received. */
async function nextPull(page: Page, fiches: number, before: readonly [number, number]): Promise<PullFigure> {
  await page.waitForFunction(
    // No named function inside: tsx would wrap it in a helper the page does not have.
    ([n, r, f]) =>
      (performance.getEntriesByName('tne:sync-pull').slice(n) as PerformanceMeasure[]).some((m) => (m.detail as Record<string, unknown>).fiches === f) &&
      (performance.getEntriesByName('tne:sync-run').slice(r) as PerformanceMeasure[]).some((m) => (m.detail as Record<string, unknown>).pulled === f),
    [before[0], before[1], fiches] as const,
    { timeout: 120_000, polling: 50 },
  );
  const pull = (await measuresOf(page, 'tne:sync-pull')).slice(before[0]).find((m) => m.detail.fiches === fiches) as Measure;
  const run = (await measuresOf(page, 'tne:sync-run')).slice(before[1]).find((m) => m.detail.pulled === fiches) as Measure;
  const resources = await page.evaluate(
    ({ start, end }) =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.name.includes('/api/v1/changes') && e.startTime >= start && e.responseEnd <= end)
        .map((e) => ({ body: e.encodedBodySize, transfer: e.transferSize, ms: e.responseEnd - e.startTime })),
    { start: pull.startTime - 1, end: pull.startTime + pull.duration + 1 },
  );
  if (resources.length !== Number(pull.detail.pages)) throw new Error(`${resources.length} requests seen for ${String(pull.detail.pages)} pages`);
  return {
    ms: pull.duration,
    runMs: run.duration,
    pages: Number(pull.detail.pages),
    fiches,
    requests: resources.length,
    httpMs: resources.reduce((sum, r) => sum + r.ms, 0),
    bodyBytes: resources.reduce((sum, r) => sum + r.body, 0),
    transferBytes: resources.reduce((sum, r) => sum + r.transfer, 0),
  };
}

const countFiches = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('tne13-etat-des-lieux');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('fiches').objectStore('fiches').count();
          request.onsuccess = () => (open.result.close(), resolve(request.result));
          request.onerror = () => reject(request.error);
        };
      }),
  );

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** A fresh tablet's first pull of the whole département, then `incrementals` pulls of 50 fiches another device changed. */
async function tablet(served: Served, all: number, heads: Heads, incrementals: number, round: { n: number }): Promise<{ first: PullFigure; later: PullFigure[]; version: string }> {
  const profile = await newProfileDir();
  const context = await launchProfile(profile.dir);
  try {
    const page = await firstPage(context);
    await page.addInitScript(() => performance.setResourceTimingBufferSize(10_000));
    await page.goto(served.url);
    await completeFirstRun(page, 'Banc d’essai');
    // As a user restoring a tablet would be: the app installed (the service worker has precached it) before the
    // token is typed, so that the precache does not run during the pull.
    await waitControlled(page);
    await page.getByRole('link', { name: 'Appareil' }).click();
    await page.getByLabel("Jeton d'accès").fill(served.token);
    const counts = async () => [(await measuresOf(page, 'tne:sync-pull')).length, (await measuresOf(page, 'tne:sync-run')).length] as const;
    await page.evaluate(() => performance.clearResourceTimings());
    const before = await counts();
    await page.getByRole('button', { name: 'Enregistrer et synchroniser' }).click();
    const first = await nextPull(page, all, before);
    const held = await countFiches(page);
    if (held !== all) throw new Error(`the tablet holds ${held} fiches, not ${all}`);
    const status = page.locator('.sync-indicator [role=status]');
    const version = await page.evaluate(() => /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? 'unknown');
    await status.filter({ hasText: /^Tout est envoyé/ }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(2000); // the screens and the gaps worker done with the first pull, as a later sync finds them

    const later: PullFigure[] = [];
    const ids = [...heads.keys()];
    for (let k = 0; k < incrementals; k += 1) {
      round.n += 1;
      // Counted before the other device pushes: should the app's timer sync first, its pull of these 50 is the one kept.
      await page.waitForFunction(() => [...document.querySelectorAll<HTMLButtonElement>('.sync-indicator button')].every((b) => !b.disabled));
      await page.evaluate(() => performance.clearResourceTimings());
      const beforeRound = await counts();
      // 50 fiches spread over the département (37 is prime to 10,200: no fiche twice in a round).
      const changed = Array.from({ length: CHANGED }, (_, i) => heads.get(ids[((round.n * CHANGED + i) * 37) % ids.length] as string) as { record: Fiche; rev: number });
      await pushAll(served, changed.map(({ record, rev }) => ({ record: edited(record, round.n), baseRev: rev })), 'autre-tablette', heads);
      await page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
      later.push(await nextPull(page, CHANGED, beforeRound));
      await status.filter({ hasText: /^Tout est envoyé/ }).waitFor();
    }
    return { first, later, version };
  } finally {
    await context.close();
    await profile.remove();
  }
}

async function benchPull(): Promise<void> {
  const departement = generateDepartement();
  await buildWebApp();
  const served = await serveDir('dist');
  try {
    await importSchools(served.store, departement.schools);
    const heads: Heads = new Map();
    const fill = performance.now();
    await pushAll(served, departement.fiches.map((record) => ({ record, baseRev: 0 })), 'tablette-remplie', heads);
    const fillMs = performance.now() - fill;
    const all = departement.fiches.length;
    const firsts: PullFigure[] = [];
    const laters: PullFigure[] = [];
    const round = { n: 0 };
    let version = '';
    for (let run = 0; run < FIRST_PULLS; run += 1) {
      const tried = await tablet(served, all, heads, run === FIRST_PULLS - 1 ? INCREMENTALS : 0, round);
      firsts.push(tried.first);
      laters.push(...tried.later);
      version = tried.version;
    }

    const one = firsts[0] as PullFigure;
    console.log(`sync pull on loopback into a fresh tablet (Chromium ${version}, new profile on disk, the built app and the reference server; server filled with ${all} fiches through POST /api/v1/sync in ${(fillMs / 1000).toFixed(2)} s)`);
    console.log(`  first pull of the whole département (${all} fiches, ${one.pages} pages of ≤ 500), first page asked → last page written: ${describe(firsts.map((f) => f.ms))} (goal ≤ 5 s)`);
    console.log(`    each run: ${firsts.map((f) => `${(f.ms / 1000).toFixed(2)} s`).join(', ')}`);
    console.log(`    whole sync run (health probe, push of nothing, pull): ${firsts.map((f) => `${(f.runMs / 1000).toFixed(2)} s`).join(', ')}`);
    console.log(`    of which in the ${one.requests} requests (asked → last byte): ${firsts.map((f) => `${(f.httpMs / 1000).toFixed(2)} s`).join(', ')}; the rest on the device (JSON read, pages written)`);
    console.log(`    received: ${one.requests} GET /api/v1/changes, body ${mb(one.bodyBytes)} (${one.bodyBytes} bytes, uncompressed JSON), transfer with headers ${mb(one.transferBytes)}`);
    const l = laters[0];
    if (l) {
      console.log(`  incremental pull of ${CHANGED} fiches another device changed ("Synchroniser maintenant"), first page asked → last page written: ${describe(laters.map((f) => f.ms))} (goal ≤ 200 ms)`);
      console.log(`    each run: ${laters.map((f) => f.ms.toFixed(0)).join(', ')} ms`);
      console.log(`    whole sync run: ${describe(laters.map((f) => f.runMs))}`);
    console.log(`    of which in the request (asked → last byte): ${describe(laters.map((f) => f.httpMs))}`);
      const bodies = laters.map((f) => f.bodyBytes);
      console.log(`    received: ${l.requests} GET /api/v1/changes, ${l.pages} page, body ${kb(Math.min(...bodies))} to ${kb(Math.max(...bodies))} (${Math.min(...bodies)} to ${Math.max(...bodies)} bytes), transfer ${kb(l.transferBytes)}`);
    }
    console.log(`  machine: ${machine()}; load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  } finally {
    await served.server.close();
  }
}

const asked = process.argv.slice(2);
if (asked.length === 0 || asked.includes('push')) await benchPush();
if (asked.length === 0) console.log('');
if (asked.length === 0 || asked.includes('pull')) await benchPull();
