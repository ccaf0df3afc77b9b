// The departmental spreadsheet in the browser: the tablet builds it in its worker with the network cut and
// downloads it; the server's export of the same fiches has the same sheets and rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from './support/browser';
import { addNamedClassroom, completeFirstRun, openSchool, waitControlled, workerOf } from './support/app';
import { serveDir, type Served } from './support/serve-build';
import { readXlsx, type Value } from '../export/support/read-xlsx';
import { makeClassroomFiche } from '../../src/model/make';
import { currentCampaign } from '../../src/model/campaign';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import type { Fiche } from '../../src/model/types';

let browser: Browser;
let served: Served;
let downloads: string;
beforeAll(async () => {
  browser = await launchBrowser();
  served = await serveDir('dist');
  downloads = await mkdtemp(join(tmpdir(), 'tne13-export-'));
});
afterAll(async () => {
  await browser?.close();
  await served?.server.close();
  await rm(downloads, { recursive: true, force: true });
});

const LABELS = ['CM2 Éloïse', '=HYPERLINK("http://x")'];

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  const path = join(downloads, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

/** Each sheet as sorted lines of values, header first, for comparing two files with order aside. */
async function sheetsOf(bytes: Buffer): Promise<Map<string, string[]>> {
  const lines = (rows: Value[][]) => rows.map((row) => JSON.stringify(row)).sort();
  return new Map((await readXlsx(bytes)).map((sheet) => [sheet.name, [JSON.stringify(sheet.header), ...lines(sheet.rows)]]));
}

describe('the departmental spreadsheet', () => {
  it('is built on the tablet offline, and the server gives the same sheets and rows for the same fiches', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(served.url);
    await completeFirstRun(page);
    await waitControlled(page);
    await page.getByRole('link', { name: 'Appareil' }).click();
    await page.getByLabel("Jeton d'accès").fill(served.token);
    await page.getByRole('button', { name: 'Enregistrer et synchroniser' }).click();
    await page.getByRole('link', { name: 'Écoles' }).click();
    await openSchool(page, 'Sainte-Marguerite', 'École élémentaire Sainte-Marguerite');
    for (const label of LABELS) await addNamedClassroom(page, label);
    const status = page.locator('.sync-indicator [role=status]');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Tout est envoyé/);

    // No network, and no server either: the export is the tablet's own work.
    await context.setOffline(true);
    await page.getByRole('link', { name: 'Département' }).click();
    const tablet = await download(page, () => page.getByRole('button', { name: 'Exporter le tableau départemental' }).click());
    expect(tablet.name).toMatch(/^tne13-etat-des-lieux-\d{4}-\d{4}-\d{8}-\d{4}\.xlsx$/);
    await expect.poll(() => page.locator('#etat-export').textContent()).toContain(`Fichier enregistré dans vos téléchargements : ${tablet.name}`);

    await page.getByLabel(/une seule feuille/).selectOption('classes');
    const csv = await download(page, () => page.getByRole('button', { name: 'Exporter la feuille en CSV' }).click());
    expect(csv.name).toMatch(/-classes\.csv$/);
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\uFEFFUAI;École;')).toBe(true);
    expect(text).toContain(';"\'=HYPERLINK(""http://x"")";');
    expect(text).toContain(';CM2 Éloïse;');

    const fromTablet = await sheetsOf(tablet.bytes);
    expect([...fromTablet.keys()]).toEqual(['Synthèse', 'Écoles', 'Classes', 'Besoins', 'Référentiel']);
    const classes = (fromTablet.get('Classes') ?? []).map((line) => JSON.parse(line) as Value[]);
    expect(classes.map((row) => row[4]).filter((label) => LABELS.includes(String(label))).sort()).toEqual([...LABELS].sort());

    await context.setOffline(false);
    const answer = await fetch(`${served.url}/api/v1/export.xlsx`, { headers: { authorization: `Bearer ${served.token}` } });
    expect(answer.status).toBe(200);
    const fromServer = await sheetsOf(Buffer.from(await answer.arrayBuffer()));
    // The time of each export differs, and only that (the Référentiel's row "Date et heure de l'export").
    const isTime = (line: string) => line.includes(`"Date et heure de l'export"`);
    expect((fromTablet.get('Référentiel') ?? []).filter(isTime)).toHaveLength(1);
    const withoutTime = (lines: string[] | undefined) => (lines ?? []).filter((line) => !isTime(line));
    for (const name of fromTablet.keys()) {
      const same = name === 'Référentiel' ? withoutTime : (lines: string[] | undefined) => lines ?? [];
      expect(same(fromServer.get(name)), name).toEqual(same(fromTablet.get(name)));
    }
    await context.close();
  });

  it('can be cancelled while it runs: it says so, nothing is downloaded, and the next export works', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(served.url);
    await completeFirstRun(page);
    // Enough classrooms (those of a whole département) for the export to take a few seconds in its worker.
    await putFiches(page, Array.from({ length: 9000 }, (_, i) =>
      makeClassroomFiche({ uai: DEMO_SCHOOLS[i % DEMO_SCHOOLS.length]?.uai, campaign: currentCampaign(), data: { label: `Classe ${i}` } })));
    await page.getByRole('link', { name: 'Département' }).click();
    const downloads: string[] = [];
    page.on('download', (file) => downloads.push(file.suggestedFilename()));

    await page.getByRole('button', { name: 'Exporter le tableau départemental' }).click();
    const worker = await workerOf(page, 'export.worker');
    const ended = new Promise((resolve) => worker.once('close', resolve));
    await page.getByRole('button', { name: "Annuler l'export" }).click();
    await expect.poll(() => page.locator('#etat-export').textContent())
      .toBe("Export annulé : aucun fichier n'a été enregistré, vos fiches ne sont pas modifiées.");
    await ended; // the worker is ended: the work stopped there
    expect(downloads).toEqual([]);

    const again = await download(page, () => page.getByRole('button', { name: 'Exporter le tableau départemental' }).click());
    expect(again.name).toMatch(/\.xlsx$/);
    await context.close();
  });
});

/** Writes fiches into the app's database as a tablet that audited them would hold them (one transaction). */
async function putFiches(page: Page, fiches: Fiche[]): Promise<void> {
  await page.evaluate((records) => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('tne13-etat-des-lieux');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('fiches', 'readwrite');
      for (const fiche of records) tx.objectStore('fiches').put(fiche);
      tx.oncomplete = () => (open.result.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
  }), fiches);
}
