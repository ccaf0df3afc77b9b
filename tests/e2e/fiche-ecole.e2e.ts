// The school's printable fiche in Chromium: a school of twelve classrooms printed by the browser's own PDF printer
// (with the print stylesheet), read back with a PDF reader; and the screen's accessibility.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { launchBrowser } from './support/browser';
import { completeFirstRun, openSchool, waitControlled } from './support/app';
import { axeViolations } from './support/axe';
import { AUDITED_NAME, AUDITED_UAI, CLASSROOMS, importBackupFile, writeSchoolBackup } from './support/school-backup';

let browser: Browser;
let page: Page;
let dir: string;
const errors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  dir = await mkdtemp(join(tmpdir(), 'tne13-fiche-'));
  // The server's CSP forbids inline scripts, which is how axe-core is injected: the checker alone bypasses it.
  page = await browser.newPage({ viewport: { width: 1024, height: 768 }, bypassCSP: true, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(inject('baseUrl'));
  await completeFirstRun(page);
  expect(await importBackupFile(page, await writeSchoolBackup(dir))).toContain('Import terminé : 13 fiches ajoutées');
});
afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Each page's text, its lines joined by a space and runs of spaces made one. */
async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes, useSystemFonts: true }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join('');
    pages.push(text.replace(/\s+/g, ' '));
  }
  await pdf.destroy();
  return pages;
}

describe('the printable fiche of a school with twelve classrooms', () => {
  let articles: string[];

  it('opens from the school screen and shows every classroom and the costed needs', async () => {
    await page.getByRole('link', { name: 'Écoles' }).click();
    await openSchool(page, AUDITED_UAI, AUDITED_NAME);
    await page.getByRole('link', { name: "Imprimer la fiche de l'école" }).click();
    await page.getByRole('heading', { name: `Fiche école : ${AUDITED_NAME}`, level: 1 }).waitFor();
    expect(page.url()).toMatch(new RegExp(`#/ecole/${AUDITED_UAI}/fiche$`));
    await page.locator('.fiche-state-share').waitFor();
    expect(await page.locator('.fiche-classrooms tbody th').allTextContents()).toEqual(CLASSROOMS.map((c) => c.label));
    articles = await page.locator('.fiche-needs tbody th').allTextContents();
    // Displays and their installation are priced; class computers, connections and access points are not (référentiel 2026.1).
    expect(articles).toEqual(expect.arrayContaining(['Écran numérique interactif (ENI 65")', 'Ordinateur de classe', "Raccordement d'une classe au réseau", 'Borne Wi-Fi']));
    expect(await page.locator('.fiche-needs').textContent()).toContain('non chiffré');
  });

  it('prints on at most two A4 pages that say the UAI, each classroom and each article needed', async () => {
    const bytes = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const pages = await pdfPages(new Uint8Array(bytes));
    expect(pages.length).toBeLessThanOrEqual(2);
    const text = pages.join(' ');
    expect(text).toContain(AUDITED_UAI);
    expect(text).toContain(AUDITED_NAME);
    for (const { label } of CLASSROOMS) expect(text).toContain(label);
    for (const article of articles) expect(text).toContain(article);
    expect(text).toContain('Part État estimée');
    expect(text).toContain('Référentiel 2026.1');
    // The app's chrome and the screen's buttons are not printed.
    for (const absent of ['Aller au contenu', 'Navigation principale', 'Retour à l', 'Imprimer', 'Modifier le profil']) expect(text).not.toContain(absent);
  });

  it('has no accessibility fault axe-core can find, and reaches "Imprimer" with the keyboard', async () => {
    expect(await axeViolations(page)).toEqual([]);
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    const print = page.getByRole('button', { name: 'Imprimer' });
    let tabs = 0;
    while (!(await print.evaluate((button) => button === document.activeElement)) && tabs < 20) {
      await page.keyboard.press('Tab');
      tabs++;
    }
    expect(tabs).toBeLessThan(20);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  });

  it('does not scroll sideways at 320 CSS pixels (WCAG 1.4.10), and threw no error', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)).toBe(false);
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(errors).toEqual([]);
  });

  it('opens and prints with the network cut: a reload offline is served by the service worker', async () => {
    await waitControlled(page);
    await page.context().setOffline(true);
    try {
      await page.reload();
      await page.getByRole('heading', { name: `Fiche école : ${AUDITED_NAME}`, level: 1 }).waitFor();
      await page.locator('.fiche-state-share').waitFor();
      const text = (await pdfPages(new Uint8Array(await page.pdf({ format: 'A4', preferCSSPageSize: true })))).join(' ');
      expect(text).toContain(AUDITED_UAI);
      for (const { label } of CLASSROOMS) expect(text).toContain(label);
    } finally {
      await page.context().setOffline(false);
    }
    expect(errors).toEqual([]);
  });
});
