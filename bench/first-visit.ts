// A first visit, as a user over a poor connection makes it, in headless Chromium against the real server
// (precompressed files): every script fetched (page, dynamic imports, workers, service worker) until the
// "Bienvenue" form is interactive, until the schools list is after "Commencer", and in the first seconds; and the
// layout shift of that visit and of a reload. At 1024×768 (a tablet) and 360×740 (a phone).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/support/browser';
import { buildApp, serveDir } from '../tests/e2e/support/serve-build';
import { fetchedBefore, layoutShift, recordScripts, totals, walkFirstVisit, type FetchedScript } from '../tests/e2e/support/first-visit';
import { machine } from './machine';

const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 360, height: 740 },
];
/** "The first seconds": until no script was asked for during this long, after the schools list. */
const QUIET_MS = 3000;

/** KB of 1,024 bytes, as the budget is counted. */
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function line(label: string, scripts: readonly FetchedScript[]): string {
  const t = totals(scripts);
  return `  ${label}: ${t.files} scripts, ${kb(t.transferred)} transferred (${t.encodings.join(', ')}), ${kb(t.gzip)} gzip, ${kb(t.raw)} raw`;
}

async function waitQuiet(page: Page, count: () => number): Promise<void> {
  let seen = -1;
  while (seen !== count()) {
    seen = count();
    await page.waitForTimeout(QUIET_MS);
  }
}

async function visit(browser: Browser, url: string, dir: string, viewport: (typeof VIEWPORTS)[number]) {
  const context = await browser.newContext({ viewport, locale: 'fr-FR' });
  const recorder = recordScripts(context, dir);
  const page = await context.newPage();
  const at = await walkFirstVisit(page, url);
  await waitQuiet(page, () => recorder.count());
  const firstVisitShift = await layoutShift(page);
  const scripts = await recorder.scripts();
  await page.reload();
  await page.locator('.school-list a').first().waitFor();
  await page.waitForTimeout(QUIET_MS);
  const reloadShift = await layoutShift(page);
  await context.close();

  console.log(`${viewport.width}×${viewport.height}:`);
  console.log(line('"Bienvenue" profile form interactive', fetchedBefore(scripts, at.profile)));
  if (process.env.BENCH_LIST) for (const s of fetchedBefore(scripts, at.profile)) console.log(`    ${s.path} ${s.gzip}`);
  console.log(line('schools list interactive after "Commencer" (everything since the navigation)', fetchedBefore(scripts, at.schools)));
  console.log(line('page and workers, first seconds', scripts.filter((s) => !s.byServiceWorker)));
  console.log(line('everything fetched in the first seconds, the service worker precaching the rest of the app', scripts));
  console.log(`  layout shift: first visit ${firstVisitShift.toFixed(4)}, reload ${reloadShift.toFixed(4)}`);
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'tne13-bench-'));
  await buildApp(dir);
  const { url, server } = await serveDir(dir);
  const browser = await launchBrowser();
  console.log(`first visit (Chromium ${browser.version()}, the reference server; ${machine()})`);
  for (const viewport of VIEWPORTS) await visit(browser, url, dir, viewport);
  await browser.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
}

await main();
