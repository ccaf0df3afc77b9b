// Every script a visit fetches, as Chromium's network saw it: the page's modules and dynamic imports, its workers'
// scripts and the service worker's precache, each with the bytes it took for the encoding the server chose (the .br
// or .gz copy of the build) and its gzip size; and a first visit walked as a user does it. Shared by
// tests/e2e/first-visit.e2e.ts and bench/first-visit.ts.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page, Request } from 'playwright-core';

export interface FetchedScript {
  /** The path on the server, `/assets/index-….js`. */
  path: string;
  /** When the request started, in ms since the epoch, as `markTime` gives a mark. */
  startedAt: number;
  /** Fetched by the service worker (its precache), not by the page or one of its workers; sw.js itself is not. */
  byServiceWorker: boolean;
  /** What the server sent: `br`, `gzip` or `identity`. */
  encoding: string;
  /** Bytes of the body on the wire (headers aside). */
  transferred: number;
  /** Bytes once gzipped (level 9, as the build's .gz copies), whatever the encoding used: the budget's unit. */
  gzip: number;
  raw: number;
}

export interface ScriptTotals {
  files: number;
  /** The encodings the server sent them with. */
  encodings: string[];
  transferred: number;
  gzip: number;
  raw: number;
}

const SUFFIX: Record<string, string> = { br: '.br', gzip: '.gz' };

async function sizeOf(path: string): Promise<number> {
  return (await stat(path)).size;
}

/** Starts recording every script request of `context`; `scripts()` describes them against the build in `distDir`. */
export function recordScripts(context: BrowserContext, distDir: string) {
  const requests: Request[] = [];
  context.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('.js')) requests.push(request);
  });
  async function describe(request: Request): Promise<FetchedScript> {
    const path = new URL(request.url()).pathname;
    const file = join(distDir, path);
    const encoding = (await request.response())?.headers()['content-encoding'] ?? 'identity';
    const raw = await readFile(file);
    return {
      path,
      startedAt: request.timing().startTime,
      // The browser fetches sw.js as a script for the service worker; the precache is the service worker's fetch().
      byServiceWorker: request.serviceWorker() !== null && request.resourceType() !== 'script',
      encoding,
      transferred: await sizeOf(`${file}${SUFFIX[encoding] ?? ''}`),
      gzip: gzipSync(raw, { level: 9 }).length,
      raw: raw.length,
    };
  }
  return {
    /** How many script requests so far. */
    count: () => requests.length,
    scripts: () => Promise.all(requests.map(describe)),
  };
}

/** The mark the app makes when it starts what it defers until the schools list is up (src/state/startup.ts). */
export const DEFERRED_MARK = 'tne:deferred';

/**
 * When the screen on show became interactive, in ms since the epoch (the clock of request timings), once the caller
 * has seen it: now, unless the app already started what it defers (its mark, made just before), in which case the
 * time of that mark. Either way nothing deferred is counted, and nothing the screen needs is left out.
 */
export function interactiveAt(page: Page): Promise<number> {
  return page.evaluate((name) => performance.timeOrigin + (performance.getEntriesByName(name)[0]?.startTime ?? performance.now()), DEFERRED_MARK);
}

/**
 * A first visit as a user makes it: the "Bienvenue" form, filled in, then "Commencer" and the schools list.
 * Returns when each screen was interactive: its heading and data on screen, its controls there.
 */
export async function walkFirstVisit(page: Page, url: string): Promise<{ profile: number; schools: number }> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Bienvenue' }).waitFor();
  await page.getByRole('button', { name: 'Commencer' }).waitFor();
  const profile = await interactiveAt(page);
  await page.getByLabel('Votre nom et prénom').fill('Camille Martin');
  await page.getByRole('radio', { name: 'ERUN' }).check();
  await page.getByRole('button', { name: 'Commencer' }).click();
  await page.getByRole('heading', { name: 'Écoles', level: 1 }).waitFor();
  await page.locator('.school-list a').first().waitFor();
  await page.getByLabel('Rechercher une école (nom, UAI ou commune)').waitFor();
  const schools = await interactiveAt(page);
  return { profile, schools };
}

/** Each file once (a second request for it is the HTTP cache's, or the service worker's copy of what the page got). */
export function totals(scripts: readonly FetchedScript[]): ScriptTotals {
  const unique = new Map(scripts.map((script) => [script.path, script]));
  const sum = (key: 'transferred' | 'gzip' | 'raw') => [...unique.values()].reduce((total, script) => total + script[key], 0);
  const encodings = [...new Set([...unique.values()].map((script) => script.encoding))].sort();
  return { files: unique.size, encodings, transferred: sum('transferred'), gzip: sum('gzip'), raw: sum('raw') };
}

/** The scripts that the page, its workers and the service worker's own script asked for before `time`. */
export function fetchedBefore(scripts: readonly FetchedScript[], time: number): FetchedScript[] {
  return scripts.filter((script) => !script.byServiceWorker && script.startedAt < time);
}

/** The sum of every layout shift not caused by the user's input since the page loaded (≥ Chrome's CLS figure). */
export function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        });
        observer.observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => {
          observer.disconnect();
          resolve(total);
        }, 100);
      }),
  );
}
