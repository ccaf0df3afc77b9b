import { afterEach, describe, expect, inject, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { BrowserContext } from 'playwright-core';
import { firstPage, launchProfile, newProfileDir } from './support/browser';
import { completeFirstRun, openSchool, waitClassroomForm, waitSaved } from './support/app';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Kills the Chromium that runs on `profileDir` as a flat battery would: no unload, no flush. */
function killChromium(profileDir: string) {
  execFileSync('pkill', ['-KILL', '-f', `user-data-dir=${profileDir}`]);
}

async function openTablet(dir: string): Promise<BrowserContext> {
  const context = await launchProfile(dir);
  cleanups.push(() => context.close().catch(() => undefined));
  return context;
}

describe('a tablet whose browser is killed', () => {
  it('gives back exactly what was typed, invalid value included, after the browser is killed', async () => {
    const profile = await newProfileDir();
    cleanups.push(profile.remove);
    const page = await firstPage(await openTablet(profile.dir));
    await page.goto(inject('baseUrl'));
    await completeFirstRun(page);
    await openSchool(page, 'Sainte-Marguerite', 'École élémentaire Sainte-Marguerite');
    await page.getByRole('button', { name: 'Ajouter une classe' }).click();
    await waitClassroomForm(page, 'Classe 1');
    await page.getByLabel('Nom de la classe').fill('CE1 Soleil');
    await page.getByRole('group', { name: "Type d'affichage" }).getByRole('radio', { name: 'TNI' }).check();
    await page.getByLabel("Nombre d'élèves").fill('41');
    await waitSaved(page);
    const url = page.url();
    killChromium(profile.dir);

    const reopened = await firstPage(await openTablet(profile.dir));
    await reopened.goto(url);
    await waitClassroomForm(reopened, 'CE1 Soleil');
    expect(await reopened.getByLabel("Nombre d'élèves").inputValue()).toBe('41');
    expect(await reopened.getByText("Nombre d'élèves : saisissez un nombre entre 0 et 40 (saisi : 41).").count()).toBe(1);
    expect(await reopened.getByRole('group', { name: "Type d'affichage" }).getByRole('radio', { name: 'TNI' }).isChecked()).toBe(true);

    // What was valid is also in the revision queued for sending; the invalid number is not.
    const queued = await reopened.evaluate(
      () =>
        new Promise<unknown[]>((resolve, reject) => {
          const open = indexedDB.open('tne13-etat-des-lieux');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('outbox').objectStore('outbox').getAll();
            request.onsuccess = () => resolve(request.result as unknown[]);
          };
        }),
    );
    expect(queued).toEqual([
      expect.objectContaining({ record: expect.objectContaining({ data: expect.objectContaining({ label: 'CE1 Soleil', pupils: null, display: expect.objectContaining({ type: 'tni' }) }) }) }),
    ]);
  });
});
