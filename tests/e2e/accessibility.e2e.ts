import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { completeFirstRun, openSchool, waitClassroomForm } from './support/app';
import { axeViolations } from './support/axe';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  // The server's CSP forbids inline scripts, which is how axe-core is injected: the checker alone bypasses it.
  page = await browser.newPage({ viewport: { width: 1024, height: 768 }, bypassCSP: true });
  await page.goto(inject('baseUrl'));
});
afterAll(async () => {
  await browser?.close();
});

/** Opens every section of the school fiche, once the fiche is loaded. */
async function openAllSections(page: Page) {
  await page.locator('summary', { hasText: 'Besoins et remarques' }).waitFor();
  await page.locator('details').evaluateAll((sections) => sections.forEach((d) => ((d as HTMLDetailsElement).open = true)));
}

/** WCAG 1.4.10: at 320 CSS pixels wide (1280 px at 400 %, or a phone at 200 %) nothing scrolls sideways. */
async function overflowsAt320(page: Page): Promise<boolean> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  if (viewport) await page.setViewportSize(viewport);
  return overflow;
}

// The screens are visited in a user's order, each one checked as it shows.
describe('accessibility of every screen (axe-core, WCAG 2.1 AA)', () => {
  it('first run', async () => {
    await page.getByRole('heading', { name: 'Bienvenue' }).waitFor();
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByText('ce champ est obligatoire', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsAt320(page)).toBe(false);
    await page.getByLabel('Votre nom et prénom').fill('Camille Martin');
    expect(await page.getByText("Nom de l'auteur : ce champ est obligatoire.").count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.reload();
    await completeFirstRun(page);
  });

  it('schools list, sync not set up yet', async () => {
    await page.getByText('Synchronisation pas encore réglée', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsAt320(page)).toBe(false);
  });

  it('schools list, searching a UAI absent from the directory', async () => {
    const search = page.getByLabel('Rechercher une école (nom, UAI ou commune)');
    await search.fill('0131234W');
    await page.getByRole('link', { name: "importez l'annuaire (écran Appareil)" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsAt320(page)).toBe(false);
    await search.fill('');
  });

  it('school screen, every section open', async () => {
    await openSchool(page, 'Sainte-Marguerite', 'École élémentaire Sainte-Marguerite');
    await openAllSections(page);
    await page.getByRole('button', { name: 'Ajouter une flotte' }).click();
    await page.getByLabel('Nombre de points d\'accès').fill('2'); // the fiche exists: "Terminé" asks, classes missing
    await page.getByRole('group', { name: "Statut de l'audit" }).getByRole('radio', { name: 'Terminé' }).click(); // not .check(): the radio stays unchecked while the question is asked
    await page.getByRole('alertdialog', { name: "Terminer l'audit de cette école ?" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsAt320(page)).toBe(false);
  });

  it('classroom form, with a computer and an error shown', async () => {
    await page.getByRole('button', { name: 'Ajouter une classe' }).click();
    await waitClassroomForm(page, 'Classe 1');
    await page.getByRole('group', { name: "Type d'affichage" }).getByRole('radio', { name: 'VPI' }).check();
    await page.getByLabel("Année d'installation").fill('2016');
    await page.locator('.socle-badge', { hasText: 'VPI de 2016 : plus de 8 ans' }).waitFor();
    await page.getByRole('group', { name: 'Ordinateur', exact: true }).getByRole('radio', { name: 'Fixe' }).check();
    await page.getByLabel("Année d'achat").fill('1850');
    await page.getByText("Année de l'ordinateur : saisissez une année", { exact: false }).waitFor();
    await page.getByLabel("Nombre d'élèves").pressSequentially('2a');
    await page.getByText('seuls des chiffres sont acceptés', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsAt320(page)).toBe(false);
  });

  it('classroom form with a photo, an unreadable file refused, the photo opened larger', async () => {
    // A small JPEG drawn by Chromium itself, and a text file under a photo's name.
    const picture = Buffer.from(
      await page.evaluate(async () => {
        const canvas = new OffscreenCanvas(800, 600);
        const g = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
        g.fillStyle = '#5a8';
        g.fillRect(0, 0, 800, 600);
        const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg' })).arrayBuffer());
        return btoa(String.fromCharCode(...bytes));
      }),
      'base64',
    );
    await page.getByLabel('Choisir dans la galerie').setInputFiles([
      { name: 'VPI.jpg', mimeType: 'image/jpeg', buffer: picture },
      { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('pas une image') },
    ]);
    await page.locator('.fiche-photos [role=alert]').waitFor();
    await page.getByRole('button', { name: 'Agrandir : Photo n° 1 – Vue générale' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsAt320(page)).toBe(false);
    await page.getByRole('button', { name: 'Agrandir : Photo n° 1 – Vue générale' }).click();
    await page.getByRole('dialog', { name: 'Photo n° 1 – Vue générale' }).getByRole('img').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('photo-thumb');
  });

  it('school screen with a deleted classroom and its undo', async () => {
    await page.getByRole('link', { name: /Sainte-Marguerite/ }).click();
    await page.getByRole('button', { name: 'Supprimer Classe 1' }).click();
    await page.getByRole('button', { name: 'Annuler la suppression' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('département', async () => {
    await page.getByRole('link', { name: 'Département' }).click();
    await page.getByRole('heading', { name: 'Département : écart au socle numérique' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsAt320(page)).toBe(false);
  });

  it('département charts, with their data tables opened from the keyboard', async () => {
    await page.getByRole('figure', { name: "Écoles dont l'audit est terminé, par chef de file" }).waitFor();
    await expect.poll(() => page.getByText('calcul en cours', { exact: false }).count()).toBe(0); // needs and priorities arrived
    const summaries = page.locator('figure summary');
    expect(await summaries.count()).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < (await summaries.count()); i += 1) {
      await summaries.nth(i).focus();
      await page.keyboard.press('Enter');
    }
    await page.getByRole('table', { name: "Écoles dont l'audit est terminé, par chef de file" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsAt320(page)).toBe(false);
  });

  it('département with every row shown: a wide table scrolled sideways keeps each row’s name in view', async () => {
    const toggle = page.getByRole('checkbox', { name: 'Masquer les lignes vides' });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.focus();
    await page.keyboard.press('Space');
    expect(await toggle.isChecked()).toBe(false);
    const region = page.getByRole('region', { name: 'Par commune' });
    await region.focus(); // the keyboard scrolls the table as a finger would
    for (let i = 0; i < 8; i += 1) await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(100); // keyboard scrolling is animated
    const seen = await region.evaluate((el) => {
      const name = el.querySelector('tbody th') as HTMLElement;
      window.scrollBy(0, name.getBoundingClientRect().top - innerHeight / 2); // the page only, not the table
      const box = name.getBoundingClientRect();
      const atPoint = document.elementFromPoint(box.left + 4, box.top + box.height / 2);
      return { offset: box.left - el.getBoundingClientRect().left, onTop: name.contains(atPoint) };
    });
    expect(Math.abs(seen.offset)).toBeLessThan(1);
    expect(seen.onTop).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsAt320(page)).toBe(false);
  });

  it('département after an export started from the keyboard', async () => {
    await page.getByLabel(/une seule feuille/).focus();
    await page.keyboard.press('Tab'); // to "Exporter la feuille en CSV"
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/-synthese\.csv$/);
    await page.locator('#etat-export', { hasText: 'Fichier enregistré' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsAt320(page)).toBe(false);
  });

  it('settings, with an error shown', async () => {
    await page.getByRole('link', { name: 'Paramètres' }).click();
    await page.getByLabel('Classes par groupe').fill('0');
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await page.getByText('Classes par groupe : saisissez un nombre', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsAt320(page)).toBe(false);
  });

  it('device: storage and backup', async () => {
    await page.getByRole('link', { name: 'Appareil' }).click();
    await page.getByText('Espace utilisé', { exact: false }).waitFor();
    // A fiche was saved earlier in this session: protection was asked for, and the screen says what came of it.
    expect(await page.getByText(/^Stockage (protégé|non protégé)/).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsAt320(page)).toBe(false);
  });

  it('device: a server address that cannot be read', async () => {
    await page.getByLabel('Adresse du serveur de synchronisation').fill('192.168.1.20:4173');
    await page.getByRole('button', { name: 'Enregistrer et synchroniser' }).click();
    await page.locator('#sync-endpoint-erreur').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsAt320(page)).toBe(false);
  });

  it('profile', async () => {
    await page.getByRole('link', { name: 'Modifier le profil' }).click();
    await page.getByRole('heading', { name: 'Votre profil' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('keyboard only', () => {
  it('chooses a display type and ticks a level without a pointer', async () => {
    await page.goto(inject('baseUrl'));
    await openSchool(page, 'Sainte-Marguerite', 'École élémentaire Sainte-Marguerite');
    await page.getByRole('button', { name: 'Ajouter une classe' }).focus();
    await page.keyboard.press('Enter');
    await waitClassroomForm(page, 'Classe 1');
    // Nothing recorded yet: "Non renseigné" is the group's tab stop; the arrows move the choice from there.
    await page.getByRole('group', { name: "Type d'affichage" }).getByRole('radio', { name: 'Non renseigné' }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('group', { name: "Type d'affichage" }).getByRole('radio', { name: 'Aucun' }).isChecked()).toBe(true);
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('group', { name: "Type d'affichage" }).getByRole('radio', { name: 'Téléviseur' }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: 'CE2' }).focus();
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: 'CE2' }).isChecked()).toBe(true);
    const focusVisible = await page.evaluate(() => getComputedStyle(document.activeElement?.nextElementSibling as Element).outlineStyle);
    expect(focusVisible).toBe('solid');
  });
});

describe('touch targets on a tablet', () => {
  it('are at least 44 px high on the school and classroom screens', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    const tooSmall = async () =>
      page.evaluate(() =>
        [...document.querySelectorAll('button, input[type=text], input[type=search], input[type=date], select, .segment span, .checkbox span, .school-list a, .classroom-link, .breadcrumb a, .app-header a, summary')]
          .map((el) => ({ el, box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.height > 0 && box.height < 44)
          .map(({ el, box }) => `${el.tagName.toLowerCase()} « ${(el.textContent ?? '').trim().slice(0, 30)} » ${box.height.toFixed(1)} px`),
      );
    await page.getByRole('link', { name: /Sainte-Marguerite/ }).click();
    await openAllSections(page);
    expect(await tooSmall()).toEqual([]);
    await page.getByRole('link', { name: /^Classe 1/ }).click();
    await waitClassroomForm(page, 'Classe 1');
    await page.getByRole('group', { name: 'Ordinateur', exact: true }).getByRole('radio', { name: 'Fixe' }).check();
    expect(await tooSmall()).toEqual([]);
  });
});

describe('the accessibility check itself', () => {
  it('reports an input without a label', async () => {
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<input type="text" id="sans-etiquette">'));
    expect((await axeViolations(page)).join('\n')).toMatch(/^label: /m);
    await page.evaluate(() => document.getElementById('sans-etiquette')?.remove());
  });
});
