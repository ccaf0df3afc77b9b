// Pilotage in Chromium on a generated département (60 schools, 600 classrooms) seeded into the app's database: the
// "Priorités" list and its filters, the equipment plan typed from the keyboard and kept across a reload, both
// screens clean for axe-core and usable without a pointer.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { completeFirstRun } from './support/app';
import { axeViolations } from './support/axe';
import { seedDepartement } from '../../bench/seed-browser';
import { generateDepartement } from '../fixtures/departement/generate-departement';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  // The server's CSP forbids inline scripts, which is how axe-core is injected: the checker alone bypasses it.
  page = await browser.newPage({ viewport: { width: 1024, height: 768 }, bypassCSP: true, locale: 'fr-FR' });
  await page.goto(inject('baseUrl'));
  await completeFirstRun(page);
  await seedDepartement(page, generateDepartement({ schools: 60, classrooms: 600, now: new Date('2026-11-28T10:00:00Z') }));
  await page.reload();
  await page.getByRole('heading', { name: 'Écoles', level: 1 }).waitFor();
});
afterAll(async () => {
  await browser?.close();
});

const table = () => page.getByRole('region', { name: "Écoles à équiper, dans l'ordre de priorité" });
const ranks = async () => (await table().locator('tbody tr td:first-child').allTextContents()).map(Number);
/** Text as read, with French no-break spaces as plain ones. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

/** WCAG 1.4.10: at 320 CSS pixels wide nothing scrolls sideways but the tables' own regions. */
async function overflowsAt320(): Promise<boolean> {
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  await page.setViewportSize({ width: 1024, height: 768 });
  return overflow;
}

describe('Priorités', () => {
  it('lists the ranked schools in order, each with its score out of 100 and its reasons', async () => {
    // The département's pages are one section of the main navigation, with their own tabs.
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Département' }).click();
    await page.getByRole('navigation', { name: 'Pages du département' }).getByRole('link', { name: 'Priorités', exact: true }).click();
    await table().waitFor();
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Département' }).getAttribute('aria-current')).toBe('page');
    const shown = await ranks();
    expect(shown.length).toBeGreaterThan(10);
    expect(shown).toEqual(shown.map((_, i) => i + 1));
    const first = table().locator('tbody tr').first();
    expect(await first.locator('td').nth(2).textContent()).toMatch(/^\d+(,\d)? \/ 100$/);
    expect(await first.locator('td').nth(3).textContent()).toMatch(/IPS (\d+(,\d)?|inconnu)/);
    expect(plain(await page.getByRole('status').filter({ hasText: 'écoles classées' }).textContent())).toMatch(/^\d+ écoles classées à équiper en priorité\.$/);
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsAt320()).toBe(false);
  });

  it('numbers the schools within the chef de file chosen', async () => {
    // The chef de file is written under the circonscription.
    const chefsDeFile = () => table().locator('tbody tr td:nth-child(3) .school-commune').allTextContents();
    const inCd13 = (await chefsDeFile()).filter((name) => name === 'Conseil départemental 13').length;
    expect(inCd13).toBeGreaterThan(0);
    await page.getByRole('radio', { name: 'Conseil départemental 13' }).check();
    await expect.poll(() => table().locator('thead th').first().textContent()).toBe('Rang (Conseil départemental 13)');
    expect(await ranks()).toEqual(Array.from({ length: inCd13 }, (_, i) => i + 1));
    expect(new Set(await chefsDeFile())).toEqual(new Set(['Conseil départemental 13']));
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('radio', { name: 'Tous' }).check();
  });

  it('is reached by the keyboard: Tab goes through the filters to the first school', async () => {
    await page.getByRole('heading', { name: /^Priorités/, level: 1 }).click(); // a start point on the page
    await page.getByRole('link', { name: 'Paramètres' }).last().focus(); // the link in the score's explanation
    const reached: string[] = [];
    for (let i = 0; i < 8 && !reached.at(-1)?.startsWith('link École'); i += 1) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement;
        const name = el.tagName === 'A' ? el.textContent : (el.labels?.[0]?.textContent ?? '');
        return `${el.tagName === 'A' ? 'link' : el.tagName === 'SELECT' ? 'select' : 'radio'} ${name}`;
      }));
    }
    expect(reached[0]).toBe('radio Tous'); // the chosen radio of the group is its tab stop
    expect(reached[1]).toBe('select Circonscription');
    expect(reached.at(-1)).toMatch(/^link École/);
    expect(await table().locator('tbody a').first().evaluate((a) => a === document.activeElement)).toBe(true);
  });
});

describe("Plan d'équipement", () => {
  const budget = () => page.getByRole('textbox', { name: 'Budget HT de la Ville de Marseille (€)' });
  const marseille = () => page.getByRole('region', { name: 'Ville de Marseille' });
  const figure = (term: string) => marseille().locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');

  it('funds schools in order as a budget is typed from the keyboard', async () => {
    await page.getByRole('navigation', { name: 'Pages du département' }).getByRole('link', { name: "Plan d'équipement" }).click();
    await page.getByText('Simulation, pas un engagement.').waitFor();
    expect(await figure('Écoles financées').textContent()).toMatch(/^0 sur \d+$/);
    await budget().focus();
    await page.keyboard.type('150000', { delay: 30 });
    await expect.poll(async () => plain(await figure('Budget HT').textContent())).toBe('150 000 €');
    await expect.poll(async () => Number((await figure('Écoles financées').textContent())?.split(' ')[0])).toBeGreaterThan(0);
    const statuses = await marseille().locator('tbody .plan-status').allTextContents();
    expect(statuses[0]).toBe('Financée');
    const cumul = (await marseille().locator('tbody tr.plan-funded td:nth-child(5)').allTextContents()).map((t) => Number(plain(t).replace(/\D/g, '')));
    expect(cumul).toEqual([...cumul].sort((a, b) => a - b));
    expect(cumul.at(-1)).toBeLessThanOrEqual(150_000);
    expect(plain(await figure('Total HT').textContent())).toBe(`${cumul.at(-1)?.toLocaleString('fr-FR').replace(/[\u00a0\u202f]/g, ' ')} €`);
    expect(plain(await page.locator('.plan-summary').textContent())).toMatch(/^En bref : Ville de Marseille : \d+ écoles? financées?/);
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsAt320()).toBe(false);
  });

  it('keeps the budget on the device across a reload', async () => {
    const funded = await figure('Écoles financées').textContent();
    await page.reload();
    await budget().waitFor();
    await expect.poll(() => budget().inputValue()).toBe('150000');
    await expect.poll(() => figure('Écoles financées').textContent()).toBe(funded);
  });

  it('switches from the keyboard, and stays clean for axe-core', async () => {
    const upgrades = page.getByRole('checkbox', { name: 'Inclure la modernisation des ordinateurs (C03)' });
    await upgrades.focus();
    await page.keyboard.press('Space');
    expect(await upgrades.isChecked()).toBe(true);
    await expect.poll(() => page.locator('.plan-print-only').first().textContent()).toMatch(/\(C03\) incluse/);
    expect(await axeViolations(page)).toEqual([]);
  });
});
