// Temporary: screenshots of the issue-16 screens (not committed).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { buildApp as buildServer } from '../server/src/app';
import { openStore } from '../server/src/store/open-store';
import { createToken } from '../server/src/tokens';
import { makeTerritory } from '../server/src/territory';
import { IN_TEST_PROCESS } from '../tests/server/support';
import { launchBrowser } from '../tests/e2e/support/browser';
import { completeFirstRun } from '../tests/e2e/support/app';
import { VAL_DE_MARNE_CSV } from '../tests/directory/fixtures/annuaire-val-de-marne';

const OUT = '/tmp/walk';
async function serve(departement: string | null) {
  const dir = mkdtempSync(join(tmpdir(), 'walk-'));
  const dbPath = join(dir, 'tne13.sqlite');
  if (departement) {
    const csv = join(dir, 'annuaire.csv');
    writeFileSync(csv, VAL_DE_MARNE_CSV);
    execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', csv], { env: { ...process.env, TNE13_DB: dbPath, TNE13_DEPARTEMENT: departement } });
  }
  const store = await openStore(dbPath);
  const token = await createToken(store, 'Walk', { role: 'admin' });
  const app = await buildServer({ store, staticDir: resolve('dist'), limits: IN_TEST_PROCESS, ...(departement ? { territory: makeTerritory(departement) } : {}) });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, token, close: async () => (await app.close(), await store.close()) };
}

async function shoot(page: Page, name: string) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const vh = page.viewportSize()?.height ?? 768;
  for (let y = 0, n = 0; y < Math.min(height, vh * 4); y += vh, n += 1) {
    await page.screenshot({ path: `${OUT}/${name}-${n}.png`, clip: { x: 0, y, width: page.viewportSize()?.width ?? 1024, height: Math.min(vh, height - y) }, fullPage: true });
  }
}

async function sync(page: Page, token: string) {
  await page.getByRole('link', { name: 'Appareil' }).click();
  await page.getByLabel("Jeton d'accès").fill(token);
  await page.getByRole('button', { name: 'Enregistrer et synchroniser' }).click();
  await page.waitForFunction(() => /^Tout est envoyé/.test(document.querySelector('.sync-indicator [role=status]')?.textContent ?? ''), null, { timeout: 30_000 });
}

const browser = await launchBrowser();
for (const [label, departement] of [['bdr', null], ['vdm', '094']] as const) {
  const server = await serve(departement);
  for (const [w, h] of [[1024, 768], [360, 740]] as const) {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: w, height: h } });
    const page = await context.newPage();
    await page.goto(server.url);
    await completeFirstRun(page);
    await sync(page, server.token);
    await page.getByRole('link', { name: 'Paramètres' }).click();
    await page.waitForTimeout(500);
    await shoot(page, `${label}-${w}-parametres`);
    if (label === 'bdr') {
      await page.getByLabel("Âge maximal d'un ordinateur ou d'une flotte mobile").fill('4');
      await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
      await page.waitForTimeout(500);
      await page.getByRole('link', { name: 'Écoles' }).click();
      await page.waitForTimeout(800);
      await shoot(page, `${label}-${w}-ecoles-simulation`);
    }
    await page.getByRole('link', { name: 'Département' }).click();
    await page.waitForTimeout(1500);
    await shoot(page, `${label}-${w}-departement`);
    await page.goto(`${server.url}/#/plan`);
    await page.waitForTimeout(1500);
    await shoot(page, `${label}-${w}-plan`);
    if (label === 'vdm') {
      await page.getByRole('link', { name: 'Écoles' }).click();
      await page.waitForTimeout(800);
      await shoot(page, `${label}-${w}-ecoles`);
    }
    await context.close();
  }
  await server.close();
}
await browser.close();
