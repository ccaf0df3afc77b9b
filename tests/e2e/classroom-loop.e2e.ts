import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { completeFirstRun, openSchool } from './support/app';
import { copyFromForm, copyFromSchool, recordTypicalClassroom, Taps, waitForClassroom } from './support/classroom-loop';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await page.goto(inject('baseUrl'));
  await completeFirstRun(page);
  await openSchool(page, 'Capucins', 'École élémentaire Les Capucins');
});
afterAll(async () => {
  await browser?.close();
});

const listLabels = () => page.locator('.classroom-list li strong').allTextContents();

describe('the classroom loop on a 1024×768 tablet', () => {
  it('records a typical classroom from the school screen in at most 15 taps, and it meets the socle', async () => {
    const taps = await recordTypicalClassroom(page, 'CM1 A');
    expect(taps).toBeLessThanOrEqual(15);
    expect(await page.locator('.classroom-list li', { hasText: 'CM1 A' }).locator('.classroom-verdict').textContent()).toBe('Au socle');
  });

  it('lands at the top of the list of classrooms, with the focus on it, after "Terminer la classe"', async () => {
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe('Classes saisies (1)');
    const top = await page.getByRole('heading', { name: 'Classes saisies (1)' }).boundingBox();
    expect(top?.y).toBeGreaterThanOrEqual(0);
    expect(top?.y).toBeLessThan(200);
  });

  it('copies the last classroom from the school screen in at most 3 taps, with the same equipment', async () => {
    const taps = await copyFromSchool(page, 'CM1 B');
    expect(taps).toBeLessThanOrEqual(3);
    expect(await page.locator('.classroom-list li', { hasText: 'CM1 B' }).locator('.classroom-verdict').textContent()).toBe('Au socle');
  });

  it('copies from the form for the next room in one tap, with the typed name replacing the proposed one', async () => {
    await page.getByRole('link', { name: /^CM1 B/ }).click();
    await waitForClassroom(page, 'CM1 B');
    const { taps } = await copyFromForm(page, 'CM2 A');
    expect(taps).toBe(1);
    await waitForClassroom(page, 'CM2 A');
    await new Taps(page).tap(page.getByRole('button', { name: 'Terminer la classe' }));
    await page.locator('.classroom-list li strong', { hasText: 'CM2 A' }).waitFor();
  });

  it('keeps the classrooms in the order they were created, whatever was edited since', async () => {
    expect(await listLabels()).toEqual(['CM1 A', 'CM1 B', 'CM2 A']);
    await page.getByRole('link', { name: /^CM1 A/ }).click();
    await waitForClassroom(page, 'CM1 A');
    await page.getByLabel("Nombre d'élèves").fill('27');
    await page.getByRole('button', { name: 'Terminer la classe' }).click();
    await expect.poll(listLabels).toEqual(['CM1 A', 'CM1 B', 'CM2 A']);
    expect(await page.getByRole('button', { name: /^Copier la dernière classe saisie/ }).textContent()).toBe('Copier la dernière classe saisie (CM2 A)');
  });
});
