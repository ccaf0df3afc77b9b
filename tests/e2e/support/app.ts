// Steps a user takes in the app, written once for the browser tests.
import { expect } from 'vitest';
import type { BrowserContext, Page, Worker } from 'playwright-core';

export async function completeFirstRun(page: Page, name = 'Camille Martin') {
  await page.getByRole('heading', { name: 'Bienvenue' }).waitFor();
  await page.getByLabel('Votre nom et prénom').fill(name);
  await page.getByRole('radio', { name: 'ERUN' }).check();
  await page.getByRole('button', { name: 'Commencer' }).click();
  await page.getByRole('heading', { name: 'Écoles', level: 1 }).waitFor();
}

export async function openSchool(page: Page, query: string, name: string) {
  await page.getByLabel('Rechercher une école (nom, UAI ou commune)').fill(query);
  await page.getByRole('link', { name: new RegExp(name) }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/** Waits until the form says its content is on the device's disk ("Enregistré", or "Enregistré, sauf …" while fields need correcting). */
export async function waitSaved(page: Page) {
  await expect.poll(() => page.locator('.save-indicator [role=status]').textContent(), { timeout: 5000 }).toMatch(/^Enregistré(, sauf \d+ champs? à corriger : (sa|leur) dernière valeur correcte est conservée)?$/);
}

/** Waits for the classroom form of `label` (after adding, copying or opening a classroom). */
export async function waitClassroomForm(page: Page, label: string) {
  await page.getByRole('heading', { name: `Classe : ${label}`, level: 1 }).waitFor();
}

/** Waits until the service worker is installed and controls the page (a first visit too: it claims it, no reload). */
export async function waitControlled(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Adds a classroom to the open school, names it, and goes back to the school once it is saved. */
export async function addNamedClassroom(page: Page, label: string) {
  await page.getByRole('button', { name: 'Ajouter une classe' }).click();
  await page.getByRole('heading', { name: /^Classe : Classe \d+$/ }).waitFor();
  await page.getByLabel('Nom de la classe').fill(label);
  await waitSaved(page);
  await page.getByRole('button', { name: 'Terminer la classe' }).click();
  await page.locator('.classroom-list li strong', { hasText: label }).waitFor();
}

/** The page's dedicated worker whose script name holds `name` (`export.worker`), once it runs. */
export async function workerOf(page: Page, name: string): Promise<Worker> {
  const find = () => page.workers().find((worker) => worker.url().includes(name));
  await expect.poll(() => find() !== undefined, { timeout: 10_000 }).toBe(true);
  return find() as Worker;
}

/**
 * A new tablet, installed (its service worker controls the page: tests that go offline or stop the server open screens
 * from the precache), whose user gave `token` on "Appareil" and started a sync.
 */
export async function tabletWithToken(context: BrowserContext, url: string, token: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await completeFirstRun(page);
  await waitControlled(page);
  await page.getByRole('link', { name: 'Appareil' }).click();
  await page.getByLabel("Jeton d'accès").fill(token);
  await page.getByRole('button', { name: 'Enregistrer et synchroniser' }).click();
  return page;
}
