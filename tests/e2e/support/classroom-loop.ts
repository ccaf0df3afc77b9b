// The classroom loop as an ERUN walks it on a tablet, scripted once for the browser test that counts its taps
// and for the benchmark that prints them. A tap is a touch on the screen (a button, a choice, a field to type
// in); typing into the field that already has the focus is keystrokes, not taps. Scrolling is not counted.
import type { Locator, Page } from 'playwright-core';

export class Taps {
  count = 0;

  constructor(private readonly page: Page) {}

  /** A tap where the user would touch: on a choice, its visible label (the input itself is transparent). */
  async tap(target: Locator): Promise<void> {
    this.count += 1;
    const type = await target.getAttribute('type');
    await (type === 'radio' || type === 'checkbox' ? target.locator('xpath=ancestor::label[1]') : target).click();
  }

  /** A tap on a field, then typing. */
  async type(target: Locator, text: string): Promise<void> {
    await this.tap(target);
    await this.page.keyboard.type(text);
  }

  /** Typing into the field that has the focus already (a new classroom's selected name): no tap. */
  async typeHere(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }
}

const choice = (page: Page, group: string, option: string) =>
  page.getByRole('group', { name: group, exact: true }).getByRole('radio', { name: option, exact: true });

export async function waitForClassroom(page: Page, label: string): Promise<void> {
  await page.getByRole('heading', { name: `Classe : ${label}`, level: 1 }).waitFor();
}

/**
 * From the school screen, a typical classroom: named, CM1, 26 pupils, a working VPI of 2019, a working laptop linked
 * to it, Wi-Fi, no visualiseur; then "Terminer la classe". Returns the taps it took.
 */
export async function recordTypicalClassroom(page: Page, label: string): Promise<number> {
  const taps = new Taps(page);
  await taps.tap(page.getByRole('button', { name: 'Ajouter une classe' }));
  await page.getByRole('heading', { name: /^Classe : Classe \d+$/, level: 1 }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'champ-label');
  await taps.typeHere(label); // the proposed name is selected: typing replaces it
  await taps.tap(page.getByRole('checkbox', { name: 'CM1', exact: true }));
  await taps.type(page.getByLabel("Nombre d'élèves"), '26');
  await taps.tap(choice(page, "Type d'affichage", 'VPI'));
  await taps.tap(choice(page, "État de l'affichage", 'Fonctionnel'));
  await taps.type(page.getByLabel("Année d'installation"), '2019');
  await taps.tap(choice(page, 'Ordinateur', 'Portable'));
  await taps.tap(choice(page, "État de l'ordinateur", 'Fonctionnel'));
  await taps.tap(choice(page, "Relié à l'affichage collectif", 'Oui'));
  await taps.tap(choice(page, 'Accès réseau dans la classe', 'Wi-Fi'));
  await taps.tap(choice(page, 'Visualiseur présent', 'Non'));
  await page.locator('.socle-badge h2', { hasText: 'Au socle' }).waitFor();
  await taps.tap(page.getByRole('button', { name: 'Terminer la classe' }));
  await page.locator('.classroom-list li strong', { hasText: label }).waitFor();
  return taps.count;
}

/**
 * From a classroom's form: "Terminer et copier pour la classe suivante", then the next name typed. Gives the taps and
 * the time from the tap to the next form ready to type in (its proposed name selected), as the test driver sees it.
 */
export async function copyFromForm(page: Page, label: string): Promise<{ taps: number; readyMs: number }> {
  const taps = new Taps(page);
  const previous = await page.locator('h1').textContent();
  const start = performance.now();
  await taps.tap(page.getByRole('button', { name: 'Terminer et copier pour la classe suivante' }));
  await page.waitForFunction(
    (before) => document.activeElement?.id === 'champ-label' && document.querySelector('h1')?.textContent !== before,
    previous,
    { polling: 'raf' },
  );
  const readyMs = performance.now() - start;
  await taps.typeHere(label);
  return { taps: taps.count, readyMs };
}

/** From the school screen: "Copier la dernière classe saisie", the next name typed, "Terminer la classe". */
export async function copyFromSchool(page: Page, label: string): Promise<number> {
  const taps = new Taps(page);
  await taps.tap(page.getByRole('button', { name: /^Copier la dernière classe saisie/ }));
  await page.waitForFunction(() => document.activeElement?.id === 'champ-label');
  await taps.typeHere(label);
  await taps.tap(page.getByRole('button', { name: 'Terminer la classe' }));
  await page.locator('.classroom-list li strong', { hasText: label }).waitFor();
  return taps.count;
}
