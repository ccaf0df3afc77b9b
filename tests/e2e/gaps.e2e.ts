import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { completeFirstRun, openSchool, waitClassroomForm } from './support/app';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await page.goto(inject('baseUrl'));
  await completeFirstRun(page);
});
afterAll(async () => {
  await browser?.close();
});

const badge = () => page.locator('.socle-badge');
const c01Gap = () => badge().getByText('Affichage collectif : Aucun affichage collectif dans la classe.', { exact: false });

describe('the gap to the socle while auditing (engine in a Web Worker)', () => {
  it('shows the C01 gap of a classroom without display, and clears it when a working ENI is recorded', async () => {
    expect(await page.evaluate(() => typeof Worker)).toBe('function');
    await openSchool(page, 'Sainte-Marguerite', 'École élémentaire Sainte-Marguerite');
    await page.getByRole('button', { name: 'Ajouter une classe' }).click();
    await waitClassroomForm(page, 'Classe 1');
    await expect.poll(() => badge().getByRole('heading').textContent()).toBe('Socle : à compléter'); // nothing recorded yet
    await page.getByRole('group', { name: "Type d'affichage" }).getByRole('radio', { name: 'Aucun' }).check();
    await c01Gap().waitFor();
    expect(await badge().getByRole('heading').textContent()).toBe('Pas au socle');

    const display = page.getByRole('group', { name: "Type d'affichage" });
    await display.getByRole('radio', { name: 'ENI (écran interactif)' }).check();
    await page.getByRole('group', { name: "État de l'affichage" }).getByRole('radio', { name: 'Fonctionnel' }).check();
    await page.getByLabel("Année d'installation").fill('2024');
    await c01Gap().waitFor({ state: 'detached' });

    // The rest of the socle, recorded: the class meets it.
    await page.getByRole('group', { name: 'Ordinateur', exact: true }).getByRole('radio', { name: 'Portable' }).check();
    await page.getByRole('group', { name: "État de l'ordinateur" }).getByRole('radio', { name: 'Dégradé' }).check();
    await page.getByRole('group', { name: "Relié à l'affichage collectif" }).getByRole('radio', { name: 'Oui' }).check();
    await page.getByRole('group', { name: 'Accès réseau dans la classe' }).getByRole('radio', { name: 'Wi-Fi', exact: true }).check();
    await expect.poll(() => badge().getByRole('heading').textContent()).toBe('Au socle');
  });

  it('counts the class in the school and the département', async () => {
    await page.getByRole('button', { name: 'Terminer la classe' }).click();
    await expect.poll(() => page.locator('.school-socle').textContent()).toContain('Classes au socle : 1 sur 1 classe saisie');
    await page.getByRole('link', { name: 'Département' }).click();
    const marseille = page.getByRole('row', { name: /^Ville de Marseille/ }).first();
    // Écoles, en cours (classrooms but no school fiche), terminées, au socle; classes auditées, au socle.
    await expect.poll(async () => (await marseille.getByRole('cell').allTextContents()).slice(0, 6)).toEqual(['16', '1', '0', '0', '1', '1']);
  });

  it('says which référentiel version produced the results after a parameter is changed', async () => {
    await page.getByRole('link', { name: 'Paramètres' }).click();
    await page.getByLabel("Âge maximal d'un affichage collectif").fill('1');
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await page.getByText('Paramètres enregistrés : référentiel 2026.1-local.1.').waitFor();
    await page.getByRole('link', { name: 'Département' }).click();
    await page.getByText('référentiel 2026.1-local.1', { exact: false }).first().waitFor();
    // An ENI of 2024 is now too old: the class no longer meets the socle.
    const marseille = page.getByRole('row', { name: /^Ville de Marseille/ }).first();
    await expect.poll(async () => (await marseille.getByRole('cell').allTextContents()).slice(4, 7)).toEqual(['1', '0', '1']);
  });

  it('refuses an invalid parameter with a French message naming it', async () => {
    await page.getByRole('link', { name: 'Paramètres' }).click();
    await page.getByLabel('Classes par groupe').fill('0');
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await page.getByText('Classes par groupe : saisissez un nombre entre 1 et 30 (saisi : 0).').waitFor();
    expect(await page.getByText('Version en vigueur sur cet appareil').textContent()).toContain('2026.1-local.1');
  });
});
