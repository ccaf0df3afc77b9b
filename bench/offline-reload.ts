// Initial JavaScript of a first visit, and the time to first render of an offline reload (service worker, server
// stopped, browser offline), over 5 reloads, in headless Chromium.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../tests/e2e/support/browser';
import { buildApp, serveDir } from '../tests/e2e/support/serve-build';
import { describe } from './stats';

const RELOADS = 5;

async function initialJs(dir: string) {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = await readFile(join(dir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: files.length, raw, gzip };
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'tne13-bench-'));
  await buildApp(dir);
  const js = await initialJs(dir);
  console.log(`initial JavaScript of a first visit (${js.files} files, what index.html loads): ${(js.raw / 1024).toFixed(1)} KB raw, ${(js.gzip / 1024).toFixed(1)} KB gzip`);

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
