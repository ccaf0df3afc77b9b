import { afterEach, describe, expect, inject, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { firstPage, launchBrowser, launchProfile, newProfileDir } from './support/browser';
import { completeFirstRun, openSchool, waitClassroomForm, waitControlled, waitSaved } from './support/app';
import { buildApp, serveDir } from './support/serve-build';
import { axeViolations } from './support/axe';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function buildDir(buildId: string) {
  const dir = await mkdtemp(join(tmpdir(), `tne13-build-${buildId}-`));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await buildApp(dir, buildId);
  return dir;
}

async function serve(dir: string, port = 0) {
  const served = await serveDir(dir, port);
  cleanups.push(() => served.server.close());
  return served;
}

async function tablet(dir: string): Promise<BrowserContext> {
  const context = await launchProfile(dir);
  cleanups.push(() => context.close());
  return context;
}

async function profile() {
  const p = await newProfileDir();
  cleanups.push(p.remove);
  return p.dir;
}

const stop = (server: { close(): Promise<void> }) => server.close();

describe('offline, for real (server stopped, browser offline)', () => {
  it('reloads the app and keeps a classroom recorded offline across a closed and reopened browser', async () => {
    const { url, server } = await serve(await buildDir('hors-ligne'));
    const profileDir = await profile();
    const context = await tablet(profileDir);
    const page = await firstPage(context);
    await page.goto(url);
    await completeFirstRun(page);
    await waitControlled(page);

    await stop(server);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Écoles', level: 1 }).waitFor();
    await openSchool(page, 'Sainte-Marguerite', 'École élémentaire Sainte-Marguerite');
    await page.getByRole('button', { name: 'Ajouter une classe' }).click();
    await waitClassroomForm(page, 'Classe 1');
    await page.getByLabel('Nom de la classe').fill('CE2 hors ligne');
    await waitSaved(page);
    await page.getByRole('button', { name: 'Terminer la classe' }).click();
    await context.close();

    const reopened = await tablet(profileDir);
    await reopened.setOffline(true);
    const again = await firstPage(reopened);
    await again.goto(url);
    await openSchool(again, 'Sainte-Marguerite', 'École élémentaire Sainte-Marguerite');
    expect(await again.locator('.classroom-list li strong').allTextContents()).toEqual(['CE2 hors ligne']);
  });
});

describe('a new version', () => {
  it('is offered, keeps a half-typed classroom through "Mettre à jour", and then runs', async () => {
    const [first, second] = [await buildDir('A'), await buildDir('B')];
    const served = await serve(first);
    const page = await firstPage(await tablet(await profile()));
    await page.goto(served.url);
    await completeFirstRun(page);
    await waitControlled(page);
    expect(await page.locator('.app-footer').textContent()).toBe('Version A');

    await openSchool(page, 'Sainte-Marguerite', 'École élémentaire Sainte-Marguerite');
    await page.getByRole('button', { name: 'Ajouter une classe' }).click();
    await waitClassroomForm(page, 'Classe 1');

    // The same origin now serves version B.
    await stop(served.server);
    await serve(second, served.port);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await page.getByText('Nouvelle version disponible.', { exact: false }).waitFor();

    await page.getByLabel('Nom de la classe').fill('CM2 Lune');
    await page.getByLabel("Nombre d'élèves").fill('2'); // still typing when the update is applied
    await page.getByRole('button', { name: 'Mettre à jour' }).click();
    await page.waitForFunction(() => document.querySelector('.app-footer')?.textContent === 'Version B');
    await waitClassroomForm(page, 'CM2 Lune');
    expect(await page.getByLabel("Nombre d'élèves").inputValue()).toBe('2');
    expect(await page.getByText('Nouvelle version disponible.', { exact: false }).count()).toBe(0);
  });
});

describe('a first visit that goes offline before the app is installed', () => {
  it('says a screen could not be loaded, then opens it by itself when the network is back', async () => {
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    // No service worker: the page is as a first visit is until the worker has installed and taken control.
    // (bypassCSP: axe-core is injected as an inline script.)
    const context = await browser.newContext({ serviceWorkers: 'block', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(inject('baseUrl'));
    await completeFirstRun(page);

    await context.setOffline(true);
    await page.getByLabel('Rechercher une école (nom, UAI ou commune)').fill('Sainte-Marguerite');
    await page.getByRole('link', { name: /Sainte-Marguerite/ }).click();
    await page.getByRole('heading', { name: 'Écran non chargé', level: 1 }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain("Cet écran n'a pas pu être chargé");
    expect(await axeViolations(page)).toEqual([]);

    await context.setOffline(false);
    await page.getByRole('heading', { name: 'École élémentaire Sainte-Marguerite', level: 1 }).waitFor();
  });
});
