import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser } from './support/browser';
import { addNamedClassroom, completeFirstRun, openSchool, tabletWithToken, waitClassroomForm, waitControlled } from './support/app';
import { serveDir, type Served } from './support/serve-build';

let browser: Browser;
let served: Served;
beforeAll(async () => {
  browser = await launchBrowser();
  served = await serveDir('dist'); // the build of the global set-up, with a server and database of this file's own
});
afterAll(async () => {
  await browser?.close();
  await served?.server.close();
});

const heldLabels = () => {
  const db = new Database(served.dbPath, { readonly: true });
  try {
    return (db.prepare("SELECT record FROM fiches WHERE kind = 'classroom' AND deleted = 0").all() as Array<{ record: string }>)
      .map((row) => (JSON.parse(row.record) as { data: { label: string } }).data.label)
      .sort();
  } finally {
    db.close();
  }
};

/** A new installed tablet whose user gave a token (the valid one unless said otherwise). */
const tablet = (context: BrowserContext, token = served.token): Promise<Page> => tabletWithToken(context, served.url, token);

describe('sync from the tablet to the reference server', () => {
  it('sends what was audited offline once the network is back, and the indicator goes to zero', async () => {
    const context = await browser.newContext();
    const page = await tablet(context);
    const status = page.locator('.sync-indicator [role=status]');
    await expect.poll(() => status.textContent()).toMatch(/^Tout est envoyé · dernière synchronisation à \d\d h \d\d$/);

    await context.setOffline(true);
    await page.getByRole('link', { name: 'Écoles' }).click();
    await openSchool(page, 'Sainte-Marguerite', 'École élémentaire Sainte-Marguerite');
    for (const label of ['CP hors réseau', 'CE1 hors réseau']) await addNamedClassroom(page, label);
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/^2 fiches en attente d'envoi/);
    expect(await page.getByText("En attente d'envoi", { exact: true }).count()).toBe(2);
    expect(heldLabels()).toEqual([]);

    await context.setOffline(false);
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Tout est envoyé/);
    expect(heldLabels()).toEqual(['CE1 hors réseau', 'CP hors réseau']);
    expect(await page.getByText('Envoyée', { exact: true }).count()).toBe(2);
    await context.close();
  });

  it('asks for the token again when the server refuses it, and keeps every fiche', async () => {
    const context = await browser.newContext();
    // The first pull is refused already (sync v2 pulls after every push run); the fiche added then stays pending.
    const page = await tablet(context, 'jeton-inconnu');
    await page.getByRole('link', { name: 'Écoles' }).click();
    await openSchool(page, 'Sainte-Marguerite', 'École élémentaire Sainte-Marguerite');
    await page.getByRole('button', { name: 'Ajouter une classe' }).click();
    await waitClassroomForm(page, 'Classe 1');
    await page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
    // The server's own words: which token problem, and what to do.
    await page.getByText("Jeton d'accès inconnu : vérifiez le jeton saisi ou demandez-en un nouveau.").waitFor();
    expect(await page.locator('.sync-indicator [role=status]').textContent()).toMatch(/^1 fiche en attente d'envoi/);
    await context.close();
  });
});

describe('setting sync up', () => {
  it('says calmly at first start that sync is not set up yet, with a link to the Appareil screen', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(served.url);
    await completeFirstRun(page);
    const indicator = page.locator('.sync-indicator');
    await indicator.getByText('Synchronisation pas encore réglée : les fiches restent sur cette tablette.').waitFor();
    expect(await indicator.locator('[role=status]').textContent()).toBe("Aucune fiche en attente d'envoi");
    expect(await page.getByText("Envoi impossible sans jeton d'accès valable.").count()).toBe(0);
    expect(await indicator.getAttribute('class')).not.toMatch(/sync-(auth|error)/);
    await indicator.getByRole('link', { name: 'Régler la synchronisation' }).click();
    await page.getByRole('heading', { name: "Données de l'appareil", level: 1 }).waitFor();
    await context.close();
  });

  it('takes the server address as pasted (http://host:port/) and syncs with it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(served.url);
    await completeFirstRun(page);
    await page.getByRole('link', { name: 'Appareil' }).click();
    const address = page.getByLabel('Adresse du serveur de synchronisation');
    await address.fill(served.url.replace('http://', ''));
    await page.getByLabel("Jeton d'accès").fill(served.token);
    await page.getByRole('button', { name: 'Enregistrer et synchroniser' }).click();
    await page.getByText(`Adresse du serveur de synchronisation : écrivez l'adresse en entier, avec http:// ou https:// au début`, { exact: false }).waitFor();

    await address.fill(`${served.url}/`);
    expect(await page.locator('#sync-endpoint-erreur').count()).toBe(0);
    await page.getByRole('button', { name: 'Enregistrer et synchroniser' }).click();
    await page.getByText(`Réglages de synchronisation enregistrés : les fiches seront envoyées à ${served.url}/api/v1/sync.`).waitFor();
    expect(await address.inputValue()).toBe(`${served.url}/api/v1/sync`);
    await expect.poll(() => page.locator('.sync-indicator [role=status]').textContent()).toMatch(/^Tout est envoyé · dernière synchronisation à \d\d h \d\d$/);
    await context.close();
  });
});

describe('two tabs of one tablet', () => {
  it('sync one at a time (Web Locks): one POST for a fiche, not one per tab', async () => {
    const context = await browser.newContext();
    const first = await tablet(context);
    await expect.poll(() => first.locator('.sync-indicator [role=status]').textContent()).toMatch(/^Tout est envoyé/);

    const second = await context.newPage();
    await second.goto(served.url);
    await second.getByRole('heading', { name: 'Écoles', level: 1 }).waitFor();
    await first.getByRole('link', { name: 'Écoles' }).click();
    await openSchool(first, 'Sainte-Marguerite', 'École élémentaire Sainte-Marguerite');
    // A fiche saved while the server is unreachable, so that both tabs find it pending. Its proposed name is not
    // "Classe 1": the tablet pulled (sync v2) the classrooms that this file's first test sent to this school.
    await context.setOffline(true);
    await first.getByRole('button', { name: 'Ajouter une classe' }).click();
    await first.getByRole('heading', { name: /^Classe : Classe \d+$/, level: 1 }).waitFor();
    // Counted from before the network comes back: the `online` event alone starts a sync in each tab.
    let posts = 0;
    context.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/sync')) posts += 1;
    });
    await context.setOffline(false);
    await Promise.all([
      first.getByRole('button', { name: 'Synchroniser maintenant' }).click(),
      second.getByRole('button', { name: 'Synchroniser maintenant' }).click(),
    ]);
    await expect.poll(() => first.locator('.sync-indicator [role=status]').textContent(), { timeout: 20_000 }).toMatch(/^Tout est envoyé/);
    await second.waitForTimeout(500);
    expect(posts).toBe(1);
    await context.close();
  });
});

describe('the directory served by the server', () => {
  it('replaces the demonstration schools on a tablet after a sync (GET /api/v1/schools)', async () => {
    const { importSchools } = await import('../../server/src/directory');
    const { DEMO_SCHOOLS } = await import('../../src/directory/demo-schools');
    const real = { ...DEMO_SCHOOLS[0]!, uai: '0130569Y', name: 'École élémentaire François Moisson', source: 'annuaire' as const };
    await importSchools(served.store, [real]);
    const context = await browser.newContext();
    const page = await tablet(context);
    // The first sync runs once the token is saved; on a busy machine it may take more than expect.poll's one second.
    await expect.poll(() => page.locator('.sync-indicator [role=status]').textContent(), { timeout: 20_000 }).toMatch(/^Tout est envoyé/);
    await page.getByRole('link', { name: 'Écoles' }).click();
    await expect.poll(() => page.locator('.school-list li strong').allTextContents()).toContain('École élémentaire François Moisson');
    expect(await page.getByText('données de démonstration').count()).toBe(0);
    await context.close();
  });
});

describe('a server that goes away and comes back', () => {
  it('says the fiches stay on the tablet, then sends them by itself when the server answers again', async () => {
    const { buildApp: buildServer } = await import('../../server/src/app');
    const { openStore } = await import('../../server/src/store/open-store');
    const { createToken } = await import('../../server/src/tokens');
    const dir = await mkdtemp(join(tmpdir(), 'tne13-panne-'));
    const dbPath = join(dir, 'tne13.sqlite');
    const setupStore = await openStore(dbPath);
    const token = await createToken(setupStore, 'Tests automatiques');
    await setupStore.close();
    const start = async (port: number) => {
      const app = await buildServer({ dbPath, staticDir: resolve('dist') });
      await app.listen({ host: '127.0.0.1', port });
      const address = app.server.address();
      return { app, port: typeof address === 'object' && address ? address.port : port };
    };
    let server = await start(0);
    const url = `http://127.0.0.1:${server.port}`;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(url);
      await completeFirstRun(page);
      await waitControlled(page);
      await page.getByRole('link', { name: 'Appareil' }).click();
      await page.getByLabel("Jeton d'accès").fill(token);
      await page.getByRole('button', { name: 'Enregistrer et synchroniser' }).click();
      const status = page.locator('.sync-indicator [role=status]');
      await expect.poll(() => status.textContent()).toMatch(/^Tout est envoyé/);

      // The server stops, its open connections with it: the tablet keeps working and says the fiches wait on it.
      const closing = server.app.close();
      server.app.server.closeAllConnections();
      await closing;
      await page.getByRole('link', { name: 'Écoles' }).click();
      await openSchool(page, 'Sainte-Marguerite', 'École élémentaire Sainte-Marguerite');
      await page.getByRole('button', { name: 'Ajouter une classe' }).click();
      await waitClassroomForm(page, 'Classe 1');
      await page.getByText('Serveur injoignable : les fiches restent sur la tablette', { exact: false }).waitFor({ timeout: 15_000 });
      expect(await status.textContent()).toMatch(/^1 fiche en attente d'envoi/);

      // It answers again on the same address: the device retries by itself (backoff), nobody clicks.
      server = await start(server.port);
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^Tout est envoyé/);
    } finally {
      await context.close();
      await server.app.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
