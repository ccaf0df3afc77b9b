import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { completeFirstRun, openSchool, waitClassroomForm, waitSaved } from './support/app';
import { fileStamp } from '../../src/export/paris-time';

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launchBrowser();
  dir = await mkdtemp(join(tmpdir(), 'tne13-sauvegardes-'));
});
afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

/** What each page logged as an error or threw: a user would not see it, but it is a bug all the same. */
const pageErrors = new Map<Page, string[]>();

async function freshTablet(name: string): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(inject('baseUrl'));
  await completeFirstRun(page, name);
  return page;
}

async function addClassroom(page: Page, label: string, pupils: string) {
  await page.getByRole('button', { name: 'Ajouter une classe' }).click();
  await page.getByRole('heading', { name: /^Classe : Classe \d+$/ }).waitFor();
  await page.getByLabel('Nom de la classe').fill(label);
  await page.getByLabel("Nombre d'élèves").fill(pupils);
  await waitSaved(page);
  await page.getByRole('button', { name: 'Terminer la classe' }).click();
  await page.locator('.classroom-list li strong', { hasText: label }).waitFor();
}

/** Imports a file on the device screen and gives the report the screen shows. */
async function importFile(page: Page, path: string): Promise<string> {
  await page.getByRole('link', { name: 'Appareil' }).click();
  const report = page.locator('#rapport-import');
  // The screen may still show the report of the file before: wait for this file's.
  const before = (await report.count()) > 0 ? await report.textContent() : null;
  await page.getByLabel('Importer une sauvegarde (fichier .json)').setInputFiles(path);
  await expect.poll(async () => {
    const text = (await report.textContent()) ?? '';
    return text.length > 0 && text !== before;
  }).toBe(true);
  return (await report.textContent()) ?? '';
}

async function classroomLabels(page: Page) {
  await page.getByRole('link', { name: 'Écoles' }).click();
  await openSchool(page, 'Sainte-Marguerite', 'École élémentaire Sainte-Marguerite');
  return page.locator('.classroom-list li strong').allTextContents();
}

describe('handing audits over with a backup file', () => {
  let exported: string;

  it('exports every fiche of one tablet to a file named in Paris time', async () => {
    const page = await freshTablet('Tablette A');
    await openSchool(page, 'Sainte-Marguerite', 'École élémentaire Sainte-Marguerite');
    await addClassroom(page, 'CP A', '21');
    await addClassroom(page, 'CE1 B', '23');
    await page.getByRole('link', { name: 'Appareil' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: "Exporter les données de l'appareil" }).click();
    exported = join(dir, (await download).suggestedFilename());
    await (await download).saveAs(exported);
    expect((await download).suggestedFilename()).toMatch(/^tne13-sauvegarde-[0-9a-f]{8}-\d{8}-\d{4}\.json$/);
    expect(pageErrors.get(page)).toEqual([]);
    const backup = JSON.parse(await readFile(exported, 'utf8')) as { fiches: unknown[]; unsent: unknown[]; exportedAt: string };
    // Named in Paris time, like the spreadsheet export's files.
    expect((await download).suggestedFilename()).toMatch(new RegExp(`-${fileStamp(new Date(backup.exportedAt))}\\.json$`));
    expect(backup.fiches).toHaveLength(2);
    expect(backup.unsent).toHaveLength(2);
    expect(JSON.stringify(backup)).not.toMatch(/token|jeton/i);
  });

  it('gives a fresh tablet the same fiches, and a second import of the same file changes nothing and logs no error', async () => {
    const page = await freshTablet('Tablette B');
    expect(await importFile(page, exported)).toContain('Import terminé : 2 fiches ajoutées, 0 fiche mise à jour, 0 fiche ignorée');
    expect(await classroomLabels(page)).toEqual(['CP A', 'CE1 B']);
    await page.getByRole('link', { name: /CE1 B/ }).click();
    await waitClassroomForm(page, 'CE1 B');
    expect(await page.getByLabel("Nombre d'élèves").inputValue()).toBe('23');
    await page.getByRole('link', { name: /Sainte-Marguerite/ }).click();

    expect(await importFile(page, exported)).toContain('0 fiche ajoutée, 0 fiche mise à jour, 2 fiches ignorées');
    expect(await classroomLabels(page)).toEqual(['CP A', 'CE1 B']);
    expect(pageErrors.get(page)).toEqual([]);
  });

  it('refuses a tampered file with a French message and writes nothing', async () => {
    const page = await freshTablet('Tablette C');
    const notJson = join(dir, 'abime.json');
    await writeFile(notJson, '{"format": "tne13-etat-des-lieux/sauvegarde", "fiches": [');
    expect(await importFile(page, notJson)).toBe(
      "Ce fichier n'est pas une sauvegarde lisible : son contenu n'est pas du JSON valide. Rien n'a été importé.",
    );

    const backup = JSON.parse(await readFile(exported, 'utf8')) as { fiches: Array<{ data: { pupils: number } }> };
    backup.fiches[1]!.data.pupils = 41;
    const invalid = join(dir, 'modifie.json');
    await writeFile(invalid, JSON.stringify(backup));
    const message = await importFile(page, invalid);
    expect(message).toMatch(/^Fiche n° 2 \([0-9a-f-]{36}\) invalide : Nombre d'élèves : saisissez un nombre entre 0 et 40 \(saisi : 41\)\. Rien n'a été importé\.$/);
    expect(await classroomLabels(page)).toEqual([]);
    expect(pageErrors.get(page)).toEqual([]);
  });
});
