import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { completeFirstRun, workerOf } from './support/app';
import { uaiCheckLetter } from '../../src/model/uai';

const HEADER = 'Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Statut_public_prive;Code_commune;Nom_commune;Code_departement;Ecole_maternelle;Ecole_elementaire;Appartenance_Education_Prioritaire;nom_circonscription;Nombre_d_eleves;etat';
const row = (uai: string, name: string, etat = 'OUVERT', dep = '013') =>
  `${uai};${name};Ecole;Public;13202;Marseille 2e Arrondissement;${dep};0;1;REP+;Marseille 02 – Joliette;212;${etat}`;

let browser: Browser;
let page: Page;
let dir: string;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
  dir = await mkdtemp(join(tmpdir(), 'tne13-annuaire-'));
  await page.goto(inject('baseUrl'));
  await completeFirstRun(page);
});
afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

async function startImport(lines: string[]): Promise<void> {
  const file = join(dir, `annuaire-${Date.now()}.csv`);
  await writeFile(file, `\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`);
  await page.getByRole('link', { name: 'Appareil' }).click();
  await page.getByLabel("Annuaire de l'éducation (fichier CSV)").setInputFiles(file);
  await page.getByRole('button', { name: "Importer l'annuaire" }).click();
}

async function importAnnuaire(lines: string[]): Promise<string> {
  await startImport(lines);
  const report = page.locator('#rapport-annuaire');
  await report.getByText('Import terminé', { exact: false }).waitFor();
  return (await report.locator('p').first().textContent()) ?? '';
}

async function listed(): Promise<string[]> {
  await page.getByRole('link', { name: 'Écoles' }).click();
  await page.locator('.school-list li').first().waitFor();
  return page.locator('.school-list li').allTextContents();
}

const FILE = [row('0130569Y', 'École élémentaire François Moisson'), row('0130541T', 'École élémentaire Canet Ambrosini'), row('0950009E', 'École au code faux'), row('0750001A', 'École parisienne', 'OUVERT', '075')];

describe('importing the official directory on the tablet', () => {
  it('replaces the demonstration schools, and the report names each refused line', async () => {
    const report = await importAnnuaire(FILE);
    expect(report).toContain('4 lignes lues, 2 écoles retenues (2 ajoutées');
    expect(report).toContain('1 ligne écartée, 1 ligne refusée');
    await page.getByText('Lignes refusées').click();
    expect(await page.getByText('Ligne 4 : UAI « 0950009E » : lettre de contrôle erronée (U attendue)', { exact: false }).count()).toBe(1);
    const schools = await listed();
    expect(schools).toHaveLength(2);
    expect(schools.join(' ')).toContain('François Moisson');
    expect(await page.getByText('données de démonstration').count()).toBe(0);
  });

  it('changes nothing when the same file is imported again', async () => {
    expect(await importAnnuaire(FILE)).toContain('(0 ajoutée, 0 mise à jour, 2 inchangées');
    expect(await listed()).toHaveLength(2);
  });

  it('marks a school that a newer file says is closed', async () => {
    const newer = [row('0130569Y', 'École élémentaire François Moisson', 'FERME'), FILE[1] as string];
    expect(await importAnnuaire(newer)).toContain('1 mise à jour, 1 inchangée, dont 1 fermée');
    expect((await listed()).find((s) => s.includes('François Moisson'))).toContain("École fermée selon l'annuaire");
  });

  it('can be cancelled while the file is read: it says so and the directory stays as it was', async () => {
    const before = await listed();
    // A national-size file (the other départements' lines are read, then set aside) ending with 50 new schools of
    // the Bouches-du-Rhône that a finished import would add.
    const others = Array.from({ length: 300_000 }, (_, i) => row(`075${String(i % 10_000).padStart(4, '0')}A`, `École ${i}`, 'OUVERT', '075'));
    const ours = Array.from({ length: 50 }, (_, i) => {
      const digits = `013${String(7000 + i).padStart(4, '0')}`;
      return row(`${digits}${uaiCheckLetter(digits)}`, `École nouvelle ${i}`);
    });
    await startImport([...others, ...ours]);
    const worker = await workerOf(page, 'import.worker');
    const ended = new Promise((resolve) => worker.once('close', resolve));
    await page.getByRole('button', { name: "Annuler l'import" }).click();
    const report = page.locator('#rapport-annuaire');
    await report.getByText("Import annulé : l'annuaire de l'appareil n'a pas changé.").waitFor();
    await ended; // the worker is ended: the reading stopped there
    expect(await page.getByRole('button', { name: "Annuler l'import" }).count()).toBe(0);
    expect(await listed()).toEqual(before);
  });
});
