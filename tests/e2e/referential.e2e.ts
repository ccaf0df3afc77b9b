// The référentiel held by the server, in Chromium with the built app and the real server: a tablet computes with the
// version N the Département published, then with N+1 once it has synced, and shows and exports it; a local edit in
// "Paramètres" is then a simulation, announced on every screen and marked so on the Référentiel sheet's first line,
// until the user goes back to the Département's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from './support/browser';
import { completeFirstRun } from './support/app';
import { serveDir, type Served } from './support/serve-build';
import { readXlsx, type Value } from '../export/support/read-xlsx';
import { LOCAL_REFERENTIAL_WARNING } from '../../src/export/referential-sheet';
import { REFERENTIAL_V1, type Referential } from '../../src/model/referential';

let browser: Browser;
let served: Served;
let downloads: string;
beforeAll(async () => {
  browser = await launchBrowser();
  served = await serveDir('dist');
  downloads = await mkdtemp(join(tmpdir(), 'tne13-referentiel-'));
});
afterAll(async () => {
  await browser?.close();
  await served?.server.close();
  await rm(downloads, { recursive: true, force: true });
});

/** Publishes v1 with these parameters as an administrator does (PUT, admin token); answers the version the server gave. */
async function publish(params: Partial<Referential['params']>): Promise<string> {
  const response = await fetch(`${served.url}/api/v1/referential`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${served.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...REFERENTIAL_V1, params: { ...REFERENTIAL_V1.params, ...params } }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as Referential).version;
}

/** The tablet's workbook (Département → "Exporter le tableau départemental"), its Référentiel sheet's rows. */
async function exportedReferential(page: Page): Promise<Value[][]> {
  await page.getByRole('link', { name: 'Département' }).click();
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: 'Exporter le tableau départemental' }).click(),
  ]);
  const path = join(downloads, `${crypto.randomUUID()}.xlsx`);
  await file.saveAs(path);
  const sheet = (await readXlsx(await readFile(path))).find((s) => s.name === 'Référentiel');
  return sheet?.rows ?? [];
}

const valueOf = (rows: Value[][], label: string) => rows.find((row) => row[2] === label)?.[3];
const AGE = "Âge maximal d'un ordinateur ou d'une flotte mobile";

async function settingsSay(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Paramètres' }).click();
  return (await page.getByText('Référentiel du Département :').textContent()) ?? '';
}

describe('the référentiel held by the server', () => {
  it('is taken at each sync, shown and exported; a local edit is a simulation, marked so, until the user goes back', async () => {
    const n = await publish({ maxAgeYears: 6 });
    const context = await browser.newContext({ locale: 'fr-FR', acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(served.url);
    await completeFirstRun(page);
    await page.getByRole('link', { name: 'Appareil' }).click();
    await page.getByLabel("Jeton d'accès").fill(served.token);
    await page.getByRole('button', { name: 'Enregistrer et synchroniser' }).click();
    const status = page.locator('.sync-indicator [role=status]');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Tout est envoyé/);

    // Version N, received at this first sync, in force.
    await expect.poll(() => settingsSay(page)).toMatch(new RegExp(`^Référentiel du Département : version ${n.replace('.', '\\.')}, reçue du serveur le \\d\\d/\\d\\d/\\d{4} à \\d\\d h \\d\\d\\. Il est en vigueur sur cet appareil\\.$`));
    expect(await page.getByLabel(AGE).inputValue()).toBe('6');
    const first = await exportedReferential(page);
    expect([first[0]?.[0], valueOf(first, 'Version du référentiel'), valueOf(first, AGE)]).toEqual(['Export', n, 6]);

    // N+1 published: the next sync brings it.
    const next = await publish({ maxAgeYears: 7 });
    expect(next).not.toBe(n);
    await page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
    await expect.poll(() => settingsSay(page)).toContain(`Référentiel du Département : version ${next}, reçue du serveur le `);
    await expect.poll(() => page.getByLabel(AGE).inputValue()).toBe('7');
    const second = await exportedReferential(page);
    expect([second[0]?.[0], valueOf(second, 'Version du référentiel'), valueOf(second, AGE)]).toEqual(['Export', next, 7]);
    expect(await page.getByRole('region', { name: 'Simulation' }).count()).toBe(0);

    // A local edit: a simulation, on every screen and on the Référentiel sheet's first line.
    await page.getByRole('link', { name: 'Paramètres' }).click();
    await page.getByLabel(AGE).fill('4');
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await page.getByText(`Paramètres enregistrés : référentiel ${next}-local.1.`).waitFor();
    const banner = page.getByRole('region', { name: 'Simulation' });
    expect(await banner.locator('p').textContent()).toBe(
      `Simulation : paramètres modifiés sur cet appareil (version ${next}-local.1), les chiffres ne sont pas ceux du Département.`,
    );
    const simulated = await exportedReferential(page);
    expect(simulated[0]).toEqual(['Attention', null, LOCAL_REFERENTIAL_WARNING, `${next}-local.1`, null, null, null]);
    expect([valueOf(simulated, 'Version du référentiel'), valueOf(simulated, AGE)]).toEqual([`${next}-local.1`, 4]);
    await page.getByRole('link', { name: 'Écoles' }).click();
    await banner.waitFor();

    // Back to the Département's: the banner goes, N+1 is in force again.
    await banner.getByRole('button', { name: 'Revenir au référentiel du Département' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Simulation' }).count()).toBe(0);
    expect(await settingsSay(page)).toMatch(/Il est en vigueur sur cet appareil\.$/);
    const back = await exportedReferential(page);
    expect([back[0]?.[0], valueOf(back, 'Version du référentiel'), valueOf(back, AGE)]).toEqual(['Export', next, 7]);
    await context.close();
  });
});
