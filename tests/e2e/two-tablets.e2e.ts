// Two tablets, each a persistent Chromium profile, and then a third one restored, against the real reference server
// (sync.md v2): B sees A's work, a field both changed is "À arbitrer" on the tablet that synced last until its user
// chooses, and a fresh profile with only the address and the token gets everything back from the server. The three
// tests run in order, each on what the one before left. Set TNE13_SCREENSHOTS to a folder to keep screenshots (the
// school held À arbitrer, the arbitration and the Appareil screens) at 1024×768 and 360×740.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstPage, launchProfile, newProfileDir } from './support/browser';
import { addNamedClassroom, completeFirstRun, openSchool, waitControlled, waitSaved } from './support/app';
import { recordTypicalClassroom } from './support/classroom-loop';
import { axeViolations } from './support/axe';
import { serveDir, type Served } from './support/serve-build';
import { readXlsx, type Value } from '../export/support/read-xlsx';
import { currentCampaign } from '../../src/model/campaign';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import type { ChangesResponse } from '../../src/model/sync-protocol';
import type { Fiche, SchoolFiche } from '../../src/model/types';

const CAMPAIGN = currentCampaign();
const MARGUERITE = { query: 'Sainte-Marguerite', name: 'École élémentaire Sainte-Marguerite', circonscription: 'Marseille 09 – Mazargues' };
const CAPELETTE = { query: 'Capelette', name: 'École élémentaire La Capelette' };
const SHOTS = process.env.TNE13_SCREENSHOTS;

let served: Served;
let downloads: string;
const cleanups: Array<() => Promise<unknown>> = [];
beforeAll(async () => {
  served = await serveDir('dist'); // the global set-up's build, with a server and a database of this file's own
  // The server knows the tablets' schools, so that a pull limited to a circonscription finds them.
  const { importSchools } = await import('../../server/src/directory');
  await importSchools(served.store, DEMO_SCHOOLS);
  downloads = await mkdtemp(join(tmpdir(), 'tne13-deux-tablettes-'));
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  await served?.server.close();
  await rm(downloads, { recursive: true, force: true });
});

interface Tablet {
  context: BrowserContext;
  page: Page;
}

/** A new tablet on a profile of its own, installed (its service worker controls the page: it goes offline). */
async function newTablet(auditor: string): Promise<Tablet> {
  const profile = await newProfileDir();
  cleanups.push(profile.remove);
  // bypassCSP: axe-core is injected as an inline script, which the server's CSP forbids.
  const context = await launchProfile(profile.dir, { bypassCSP: true, timezoneId: 'Europe/Paris' });
  cleanups.push(() => context.close());
  const page = await firstPage(context);
  await page.goto(served.url);
  await completeFirstRun(page, auditor);
  await waitControlled(page);
  return { context, page };
}

const indicator = (page: Page) => page.locator('.sync-indicator [role=status]');

/** The server's address as a user pastes it, and the token: saved, which syncs at once. */
async function setUpSync(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Appareil' }).click();
  await page.getByLabel('Adresse du serveur de synchronisation').fill(`${served.url}/`);
  await page.getByLabel("Jeton d'accès").fill(served.token);
  await page.getByRole('button', { name: 'Enregistrer et synchroniser' }).click();
  await expect.poll(() => indicator(page).textContent(), { timeout: 20_000 }).toMatch(/^Tout est envoyé · dernière synchronisation à \d\d h \d\d$/);
}

/** The heads the server holds for the campaign, as any device would pull them from the start. */
async function serverHeads(): Promise<Fiche[]> {
  const answer = await fetch(`${served.url}/api/v1/changes?campaign=${CAMPAIGN}&limit=1000`, { headers: { authorization: `Bearer ${served.token}` } });
  return ((await answer.json()) as ChangesResponse).changes.map((change) => change.record);
}

async function serverSchoolFiche(uai: string): Promise<SchoolFiche['data'] | undefined> {
  return (await serverHeads()).find((fiche): fiche is SchoolFiche => fiche.kind === 'school' && fiche.uai === uai)?.data;
}

async function goToSchools(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Écoles', exact: true }).click();
  await page.getByRole('heading', { name: 'Écoles', level: 1 }).waitFor();
}

/** A school's badge on the schools list ("En cours · 1 classe"), found by a search as a user would. */
async function schoolBadge(page: Page, school: { query: string; name: string }): Promise<string | null> {
  await page.getByLabel('Rechercher une école (nom, UAI ou commune)').fill(school.query);
  return page.locator('.school-list li', { has: page.locator('strong', { hasText: school.name }) }).locator('.status').textContent();
}

async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
}

/** The Département's progress figures, as a reader reads them. */
async function departementFigures(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Département' }).click();
  const progress = page.locator('section[aria-labelledby=titre-avancement]');
  await progress.waitFor();
  return ((await progress.textContent()) ?? '').replace(/\s+/g, ' ');
}

/** The school fiche's fields these tests change, as the form shows them (a form opened after the last sync). */
async function schoolFields(page: Page) {
  await openSchool(page, MARGUERITE.query, MARGUERITE.name);
  await openSection(page, 'Connexion internet');
  await openSection(page, 'Wi-Fi');
  return {
    classes: await page.getByLabel("Nombre de classes de l'école").inputValue(),
    pupils: await page.getByLabel("Nombre d'élèves de l'école").inputValue(),
    newTeachers: await page.getByLabel('Néo-titulaires à équiper').inputValue(),
    accessPoints: await page.getByLabel("Nombre de points d'accès").inputValue(),
    fibre: await page.getByRole('group', { name: 'Accès internet' }).getByRole('radio', { name: 'Fibre' }).isChecked(),
  };
}

async function openSection(page: Page, title: string): Promise<void> {
  await page.locator('details', { has: page.locator('summary', { hasText: title }) }).evaluate((d) => ((d as HTMLDetailsElement).open = true));
}

/** Screenshots of the screen on show at tablet and phone sizes, when asked for (never in the repository). */
async function screenshots(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  for (const [width, height] of [[1024, 768], [360, 740]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}x${height}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1024, height: 768 });
}

async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  const path = join(downloads, file.suggestedFilename());
  await file.saveAs(path);
  return readFile(path);
}

/** Each sheet as sorted lines of values, header first, the export's own time left out. */
async function sheetsOf(bytes: Buffer): Promise<Map<string, string[]>> {
  const lines = (rows: Value[][]) => rows.map((row) => JSON.stringify(row)).filter((line) => !line.includes(`"Date et heure de l'export"`)).sort();
  return new Map((await readXlsx(bytes)).map((sheet) => [sheet.name, [JSON.stringify(sheet.header), ...lines(sheet.rows)]]));
}

let a: Tablet;
let b: Tablet;
let figures: string;

// Each test drives two or three browsers on a machine of two cores shared with the server: minutes, not one.
describe('two tablets on one school, and a third restored from the server', { timeout: 120_000 }, () => {
  it('shows tablet B the school fiche and the classroom recorded on tablet A, on the school screen and in the Département figures', async () => {
    a = await newTablet('Camille Martin');
    await setUpSync(a.page);
    await goToSchools(a.page);
    await openSchool(a.page, MARGUERITE.query, MARGUERITE.name);
    await a.page.getByLabel("Nombre de classes de l'école").fill('12');
    await openSection(a.page, 'Connexion internet');
    await a.page.getByRole('group', { name: 'Accès internet' }).getByRole('radio', { name: 'Fibre' }).check();
    await openSection(a.page, 'Wi-Fi');
    await a.page.getByLabel("Nombre de points d'accès").fill('4');
    await waitSaved(a.page);
    await recordTypicalClassroom(a.page, 'CM1 Calanques');
    await goToSchools(a.page); // the school's form is closed: its last revision is committed
    await syncNow(a.page);
    await expect.poll(async () => (await serverHeads()).length, { timeout: 20_000 }).toBe(2);
    expect(await serverSchoolFiche('0134939Y')).toMatchObject({ classesCount: 12, internet: { access: 'fibre' }, wifi: { accessPoints: 4 } });

    b = await newTablet('Sami Benali');
    await setUpSync(b.page);
    await goToSchools(b.page);
    await expect.poll(() => schoolBadge(b.page, MARGUERITE)).toBe('En cours · 1 classe');
    expect(await schoolFields(b.page)).toMatchObject({ classes: '12', accessPoints: '4', fibre: true });
    expect(await b.page.locator('.classroom-list li strong').allTextContents()).toEqual(['CM1 Calanques']);
    expect(await b.page.locator('.classroom-list .fiche-sync').allTextContents()).toEqual(['Envoyée']);
    expect(await b.page.locator('.classroom-verdict').allTextContents()).toEqual(['Au socle']);
    await b.page.getByText("Fiche de l'école : envoyée", { exact: true }).waitFor();
    const seenByB = await departementFigures(b.page);
    expect(seenByB).toContain('Classes saisies : 1, dont 1 auditée.');
    expect(seenByB).toContain('Classes au socle : 1 sur');
    await expect.poll(() => departementFigures(a.page)).toBe(seenByB);

    // B's own work goes the other way: another school, with a classroom.
    await goToSchools(b.page);
    await openSchool(b.page, CAPELETTE.query, CAPELETTE.name);
    await b.page.getByLabel("Nombre de classes de l'école").fill('10');
    await waitSaved(b.page);
    await addNamedClassroom(b.page, 'CE2 Capelette');
    await goToSchools(b.page);
    await syncNow(b.page);
    await expect.poll(async () => (await serverHeads()).length, { timeout: 20_000 }).toBe(4);
    await goToSchools(a.page);
    await syncNow(a.page);
    await expect.poll(() => schoolBadge(a.page, CAPELETTE)).toBe('En cours · 1 classe');
    figures = await departementFigures(a.page);
    expect(figures).toContain('Classes saisies : 2,');
    await expect.poll(() => departementFigures(b.page)).toBe(figures);
  });

  it('holds a field changed on both tablets "À arbitrer" on the one that synced last, until its user keeps the other value; then both show it', async () => {
    await goToSchools(a.page);
    await goToSchools(b.page);
    // Both offline: each changes the number of Wi-Fi access points, and one other field of its own.
    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await openSchool(a.page, MARGUERITE.query, MARGUERITE.name);
    await openSection(a.page, 'Wi-Fi');
    await a.page.getByLabel("Nombre de points d'accès").fill('6');
    await a.page.getByLabel("Nombre d'élèves de l'école").fill('300');
    await waitSaved(a.page);
    await goToSchools(a.page);
    await openSchool(b.page, MARGUERITE.query, MARGUERITE.name);
    await openSection(b.page, 'Wi-Fi');
    await b.page.getByLabel("Nombre de points d'accès").fill('8');
    await b.page.getByLabel('Néo-titulaires à équiper').fill('2');
    await waitSaved(b.page);
    await goToSchools(b.page);

    // A is back first (coming online syncs by itself), then B: B's push meets A's head.
    await a.context.setOffline(false);
    await expect.poll(() => serverSchoolFiche('0134939Y'), { timeout: 20_000 }).toMatchObject({ pupils: 300, wifi: { accessPoints: 6 } });
    await b.context.setOffline(false);
    const held = b.page.locator('.sync-indicator').getByRole('link', { name: '1 fiche à arbitrer' });
    await held.waitFor({ timeout: 20_000 });
    expect(await indicator(b.page).textContent()).toMatch(/^Le reste est envoyé · 1 fiche à arbitrer/);
    expect(await serverSchoolFiche('0134939Y')).toMatchObject({ pupils: 300, newTeachers: null, wifi: { accessPoints: 6 } }); // nothing of B's sent yet

    // The school screen says so too, and leads to the choice.
    await openSchool(b.page, MARGUERITE.query, MARGUERITE.name);
    const schoolHeld = b.page.getByText("Fiche de l'école à arbitrer : modifiée ici et sur une autre tablette.", { exact: false });
    await schoolHeld.waitFor();
    await screenshots(b.page, 'ecole-a-arbitrer');
    await schoolHeld.getByRole('link', { name: 'Choisir les valeurs à garder' }).click();
    await b.page.getByRole('heading', { name: 'Fiches à arbitrer', level: 1 }).waitFor();
    const fiche = b.page.getByRole('region', { name: `${MARGUERITE.name} · Fiche école` });
    await fiche.waitFor();
    const sides = (await fiche.locator('.arbitration-sides li').allTextContents()).map((line) => line.replace(/, le .*$/, ''));
    expect(sides).toEqual(['Ma version, sur cette tablette : Sami Benali (ERUN)', "Version de l'autre tablette, reçue du serveur : Camille Martin (ERUN)"]);
    // Only the field changed on both sides is asked about: the pupils (A) and the new teachers (B) are merged.
    expect(await fiche.locator('fieldset legend').allTextContents()).toEqual(["Points d'accès Wi-Fi"]);
    const field = fiche.getByRole('group', { name: "Points d'accès Wi-Fi" });
    expect(await field.getByRole('radio', { name: 'Ma version : 8' }).isChecked()).toBe(true);
    expect(await axeViolations(b.page)).toEqual([]);
    await screenshots(b.page, 'arbitrage');

    await field.getByRole('radio', { name: "Version de l'autre tablette : 6" }).check();
    await fiche.getByRole('button', { name: 'Enregistrer ce choix' }).click();
    await b.page.getByText('Choix enregistré : la fiche sera envoyée.').waitFor();
    await b.page.getByText('Aucune fiche à arbitrer.', { exact: false }).waitFor();
    expect(await axeViolations(b.page)).toEqual([]);
    await expect.poll(() => serverSchoolFiche('0134939Y'), { timeout: 20_000 }).toMatchObject({ pupils: 300, newTeachers: 2, wifi: { accessPoints: 6 } });
    await expect.poll(() => indicator(b.page).textContent()).toMatch(/^Tout est envoyé/);

    await syncNow(a.page);
    await expect.poll(() => departementFigures(a.page), { timeout: 20_000 }).toContain('Néo-titulaires recensés : 2 sur');
    await goToSchools(a.page);
    await goToSchools(b.page);
    const expected = { classes: '12', pupils: '300', newTeachers: '2', accessPoints: '6', fibre: true };
    expect(await schoolFields(a.page)).toEqual(expected);
    expect(await schoolFields(b.page)).toEqual(expected);
    for (const page of [a.page, b.page]) await page.getByText("Fiche de l'école : envoyée", { exact: true }).waitFor();
    figures = await departementFigures(a.page);
    await expect.poll(() => departementFigures(b.page)).toBe(figures);
  });

  it('gives a fresh tablet with only the address and the token the work of A and B with "Récupérer les fiches du serveur"', async () => {
    const c = await newTablet('Lina Haddad');
    await setUpSync(c.page);
    const restore = c.page.getByRole('button', { name: 'Récupérer les fiches du serveur' });
    const restoreStatus = c.page.locator('.sync-restore [role=status]');
    await restore.click(); // Playwright waits while it is unavailable (aria-disabled) during a sync
    await expect.poll(() => restoreStatus.textContent(), { timeout: 20_000 }).toBe('4 fiches reçues du serveur.');
    expect(await axeViolations(c.page)).toEqual([]);

    await goToSchools(c.page);
    expect(await schoolBadge(c.page, MARGUERITE)).toBe('En cours · 1 classe');
    expect(await schoolBadge(c.page, CAPELETTE)).toBe('En cours · 1 classe');
    await expect.poll(() => departementFigures(c.page)).toBe(figures);

    // The spreadsheet of the restored tablet and the server's: the same sheets, row for row.
    await c.context.setOffline(true);
    const fromTablet = await sheetsOf(await download(c.page, () => c.page.getByRole('button', { name: 'Exporter le tableau départemental' }).click()));
    await c.context.setOffline(false);
    const answer = await fetch(`${served.url}/api/v1/export.xlsx`, { headers: { authorization: `Bearer ${served.token}` } });
    const fromServer = await sheetsOf(Buffer.from(await answer.arrayBuffer()));
    expect([...fromTablet.keys()]).toEqual(['Synthèse', 'Écoles', 'Classes', 'Besoins', 'Référentiel']);
    for (const [name, lines] of fromTablet) expect(fromServer.get(name), name).toEqual(lines);

    // Limited to one circonscription, the tablet receives only its schools' fiches: La Capelette's two are left out.
    await c.page.getByRole('link', { name: 'Appareil' }).click();
    await c.page.getByRole('radio', { name: 'Certaines circonscriptions' }).check();
    await c.page.locator('label', { has: c.page.getByRole('checkbox', { name: MARGUERITE.circonscription }) }).click(); // where a finger touches
    await c.page.getByText(`Cette tablette reçoit les fiches de la circonscription ${MARGUERITE.circonscription}.`).waitFor();
    await restore.click();
    await expect.poll(() => restoreStatus.textContent(), { timeout: 20_000 }).toBe('2 fiches reçues du serveur.');
    expect(await axeViolations(c.page)).toEqual([]);
    await screenshots(c.page, 'appareil');
  });
});
