import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { completeFirstRun, openSchool, waitClassroomForm, waitSaved } from './support/app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('auditing a school in Chromium', () => {
  it('keeps a school fiche and three classrooms, one of them copied, across a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    await page.goto(inject('baseUrl'));
    await completeFirstRun(page);
    await openSchool(page, 'ecole ste marguerite', 'École élémentaire Sainte-Marguerite');

    // School fiche.
    await page.getByLabel("Nombre de classes de l'école").fill('12');
    await page.getByText('Connexion internet').click(); // opens the section
    await page.getByRole('group', { name: 'Accès internet' }).getByRole('radio', { name: 'Fibre' }).check();
    await waitSaved(page);

    // First classroom.
    await page.getByRole('button', { name: 'Ajouter une classe' }).click();
    await waitClassroomForm(page, 'Classe 1');
    await page.getByLabel('Nom de la classe').fill('CM1 A');
    await page.getByRole('group', { name: "Type d'affichage" }).getByRole('radio', { name: 'VPI' }).check();
    await page.getByRole('group', { name: 'Ordinateur', exact: true }).getByRole('radio', { name: 'Portable' }).check();
    await page.getByLabel('Mémoire vive').fill('8');
    await page.getByLabel("Nombre d'élèves").fill('24');
    await waitSaved(page);
    await page.getByRole('button', { name: 'Terminer la classe' }).click();

    // Second, by copying the first.
    await page.getByRole('button', { name: /Copier la dernière classe saisie \(CM1 A\)/ }).click();
    await waitClassroomForm(page, 'CM1 B');
    await page.getByLabel("Nombre d'élèves").fill('22');
    await waitSaved(page);
    await page.getByRole('button', { name: 'Terminer la classe' }).click();

    // Third, typed from scratch, and the page reloaded straight after typing.
    await page.getByRole('button', { name: 'Ajouter une classe' }).click();
    await waitClassroomForm(page, 'Classe 3');
    await page.getByLabel('Nom de la classe').fill('CP');
    await page.getByRole('group', { name: "Type d'affichage" }).getByRole('radio', { name: 'ENI (écran interactif)' }).check();
    await waitSaved(page);
    await page.reload();

    await expect.poll(() => page.getByLabel('Nom de la classe').inputValue()).toBe('CP');
    await page.getByRole('link', { name: /Sainte-Marguerite/ }).click();
    const rows = page.locator('.classroom-list li strong');
    await expect.poll(() => rows.allTextContents()).toEqual(['CM1 A', 'CM1 B', 'CP']);
    await expect.poll(() => page.getByLabel("Nombre de classes de l'école").inputValue()).toBe('12');

    await page.getByRole('link', { name: /CM1 B/ }).click();
    await waitClassroomForm(page, 'CM1 B');
    await expect.poll(() => page.getByLabel("Nombre d'élèves").inputValue()).toBe('22');
    await expect.poll(() => page.getByLabel('Mémoire vive').inputValue()).toBe('8');
    await expect(page.getByRole('group', { name: "Type d'affichage" }).getByLabel('VPI').isChecked()).resolves.toBe(true);
    await context.close();
  });
});
