// A first visit over a poor connection: how much script the first screens wait for, whether what the user reads
// moves while the app loads, and how much of a phone the header takes. Sizes are bytes, which do not vary from run
// to run; times are the benchmark's business (bench/first-visit.ts).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { completeFirstRun } from './support/app';
import { fetchedBefore, layoutShift, recordScripts, totals, walkFirstVisit, type FetchedScript } from './support/first-visit';

const SCRIPT_BUDGET_GZIP_BYTES = 50 * 1024;
const MAX_LAYOUT_SHIFT = 0.05;
const TABLET = { width: 1024, height: 768 };
const PHONE = { width: 360, height: 740 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const listed = (scripts: readonly FetchedScript[]) => scripts.map((s) => `${s.path} ${s.gzip} B gzip`).join('\n');

/** The schools list once the sync indicator is loaded and says where things stand (a new tablet has no token). */
async function waitSettled(page: Page) {
  await page.locator('.school-list a').first().waitFor();
  await page.locator('.sync-indicator:not(.sync-idle):not(.sync-syncing) [role=status]').waitFor();
}

describe('a first visit over a poor connection', () => {
  it('shows the "Bienvenue" form, then the schools list, each after at most 50 KB gzip of scripts, sent Brotli-compressed', async () => {
    const context = await browser.newContext({ viewport: TABLET });
    const recorder = recordScripts(context, resolve('dist'));
    const at = await walkFirstVisit(await context.newPage(), inject('baseUrl'));
    const scripts = await recorder.scripts();
    await context.close();

    const forProfile = fetchedBefore(scripts, at.profile);
    const forSchools = fetchedBefore(scripts, at.schools);
    expect(totals(forProfile).gzip, listed(forProfile)).toBeLessThanOrEqual(SCRIPT_BUDGET_GZIP_BYTES);
    expect(totals(forSchools).gzip, listed(forSchools)).toBeLessThanOrEqual(SCRIPT_BUDGET_GZIP_BYTES);
    expect(forSchools.filter((s) => s.encoding !== 'br').map((s) => s.path)).toEqual([]);
  });

  it.each([
    ['a tablet', TABLET],
    ['a phone', PHONE],
  ])('does not move what the user reads while the app loads, on %s, first visit and reload', async (_, viewport) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await walkFirstVisit(page, inject('baseUrl'));
    await waitSettled(page);
    const firstVisit = await layoutShift(page);
    await page.reload();
    await waitSettled(page);
    const reload = await layoutShift(page);
    await context.close();

    expect(firstVisit, 'first visit').toBeLessThanOrEqual(MAX_LAYOUT_SHIFT);
    expect(reload, 'reload').toBeLessThanOrEqual(MAX_LAYOUT_SHIFT);
  });

  it('keeps the header (title, user, navigation, sync state and its button) to a quarter of a 360×740 phone', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(inject('baseUrl'));
    await completeFirstRun(page);
    await waitSettled(page);
    const header = await page.locator('.app-header').boundingBox();
    // Every screen of the navigation keeps it on one line, its current entry in bold included.
    const navLines: Record<string, number> = {};
    for (const name of ['Écoles', 'Département', 'Paramètres', 'Appareil']) {
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name }).click();
      await page.waitForFunction((n) => document.querySelector('.app-nav a[aria-current=page]')?.textContent === n, name);
      navLines[name] = await page.locator('.app-nav li').evaluateAll((items) => new Set(items.map((li) => li.getBoundingClientRect().top)).size);
    }
    // The Département's own pages too, as tabs on one line under the header, whichever is current.
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Département' }).click();
    for (const name of ['Chiffres', 'Priorités', "Plan d'équipement"]) {
      await page.getByRole('navigation', { name: 'Pages du département' }).getByRole('link', { name }).click();
      await page.waitForFunction((n) => document.querySelector('.section-nav a[aria-current=page]')?.textContent === n, name);
      navLines[name] = await page.locator('.section-nav li').evaluateAll((items) => new Set(items.map((li) => li.getBoundingClientRect().top)).size);
    }
    await context.close();

    expect(header?.height).toBeLessThanOrEqual(PHONE.height / 4);
    expect(navLines).toEqual({ Écoles: 1, Département: 1, Paramètres: 1, Appareil: 1, Chiffres: 1, Priorités: 1, "Plan d'équipement": 1 });
  });
});
