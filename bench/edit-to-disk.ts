// Edit-to-disk in real IndexedDB, in headless Chromium, through the real UI: from the input event of an edit to
// the commit of the transaction that holds it (the draft), over 200 edits; and the commit of a revision (fiche +
// outbox in one transaction) over 50 saves. The app records both with the User Timing API (src/state/timings.ts).
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/support/browser';
import { serveBuild } from '../tests/e2e/support/serve-build';
import { describe } from './stats';
import { machine } from './machine';

const EDITS = 200;
const SAVES = 50;

const measures = (page: Page, name: string) =>
  page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);

async function waitForCount(page: Page, name: string, count: number) {
  await page.waitForFunction(([n, c]) => performance.getEntriesByName(n as string).length >= (c as number), [name, count] as const);
}

async function openNewClassroom(page: Page, url: string) {
  await page.goto(url);
  await page.getByLabel('Votre nom et prénom').fill('Banc d’essai');
  await page.getByRole('radio', { name: 'ERUN' }).check();
  await page.getByRole('button', { name: 'Commencer' }).click();
  await page.getByLabel('Rechercher une école (nom, UAI ou commune)').fill('Sainte-Marguerite');
  await page.getByRole('link', { name: /Sainte-Marguerite/ }).click();
  await page.getByRole('button', { name: 'Ajouter une classe' }).click();
  await page.getByRole('heading', { name: 'Classe : Classe 1' }).waitFor();
  await page.evaluate(() => performance.clearMeasures());
}

async function main() {
  const { url, server } = await serveBuild();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await openNewClassroom(page, url);
    const pupils = page.getByLabel("Nombre d'élèves");
    const displays = ['VPI', 'TNI', 'Vidéoprojecteur', 'ENI (écran interactif)'];

    for (let i = 0; i < EDITS; i += 1) {
      if (i % 2 === 0) await pupils.fill(String(10 + (i % 30)));
      else await page.getByRole('radio', { name: displays[i % displays.length], exact: true }).check();
      await waitForCount(page, 'tne:edit-to-disk', i + 1);
    }
    const edits = await measures(page, 'tne:edit-to-disk');

    for (let i = 0; i < SAVES; i += 1) {
      await pupils.fill(String(10 + (i % 30)));
      await page.evaluate(() => window.dispatchEvent(new Event('pagehide'))); // the app commits open forms on pagehide
      await waitForCount(page, 'tne:revision-commit', i + 1);
    }
    const saves = await measures(page, 'tne:revision-commit');

    console.log(`edit-to-disk (Chromium ${browser.version()}, real IndexedDB, ${edits.length} edits through the UI)`);
    console.log(`  input event → draft committed: ${describe(edits)}`);
    console.log(`  save → fiche and outbox revision committed: ${describe(saves)}`);
    console.log(`  machine: ${machine()}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
