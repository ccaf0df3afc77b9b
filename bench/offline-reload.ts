// The time to first render of an offline reload (service worker, server stopped, browser offline), over 5 reloads,
// in headless Chromium. What a first visit downloads is bench/first-visit.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../tests/e2e/support/browser';
import { buildApp, serveDir } from '../tests/e2e/support/serve-build';
import { describe } from './stats';

const RELOADS = 5;

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'tne13-bench-'));
  await buildApp(dir);

  const { url, server } = await serveDir(dir);
  const browser = await launchBrowser();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel('Votre nom et prénom').fill('Banc d’essai');
  await page.getByRole('radio', { name: 'ERUN' }).check();
  await page.getByRole('button', { name: 'Commencer' }).click();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await server.close();
  await context.setOffline(true);

  const times: number[] = [];
  for (let i = 0; i < RELOADS; i += 1) {
    await page.reload();
    await page.getByRole('heading', { name: 'Écoles', level: 1 }).waitFor();
    // From the start of navigation to the first screen's heading in the DOM, as the page measures it.
    times.push(await page.evaluate(() => performance.getEntriesByName('tne:first-render')[0]?.startTime ?? Number.NaN));
  }
  console.log(`offline reload → schools list rendered (Chromium ${browser.version()}, service worker, server stopped): ${describe(times)}`);
  await browser.close();
  await rm(dir, { recursive: true, force: true });
}

await main();
