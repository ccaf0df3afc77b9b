// The Département screen as a reader sees it: progress towards the plan's targets (pilotage.md, "Progress
// figures"), where each school's audit stands, and the four tables, with or without their empty rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { DepartementScreen, hideEmptyRows } from '../../src/ui/screens/departement-screen';
import { inThreadGapsClient } from '../../src/state/gaps-client';
import { gapSummary, recomputeGaps, useGapsClient } from '../../src/state/gaps';
import { campaignFiches } from '../../src/state/audits';
import { schools } from '../../src/state/directory';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import type { Fiche } from '../../src/model/types';
import { socleClassroom, socleSchool } from '../gaps/fixtures';
import { referential } from '../../src/state/referential';
import { defaultReferentialFor, REFERENTIAL_V1 } from '../../src/model/referential';
import { territoryFor } from '../../src/territory/territory-for';

const CAPUCINS = '0139664J'; // Marseille 1er
const SAINTE_MARGUERITE = '0134939Y'; // Marseille 9e
const CAPELETTE = '0133185S'; // Marseille 10e
/** French digit groups: narrow no-break spaces; before % a no-break space (CLDR's French). */
const N = '\u202f';
const P = '\u00a0%';
const S = '\u00a0';

/**
 * Les Capucins: audit "Terminé", one classroom at the socle, 3 néo-titulaires. La Capelette: school fiche in
 * "Brouillon", one classroom without a display. Sainte-Marguerite: no school fiche, one classroom without a display
 * and one untouched. The other 37 demonstration schools have nothing.
 */
function fiches(): Fiche[] {
  return [
    makeSchoolFiche({ uai: CAPUCINS, data: { ...socleSchool({ classesCount: 1 }), status: 'complete', newTeachers: 3 } }),
    makeClassroomFiche({ uai: CAPUCINS, data: socleClassroom({}) }),
    makeSchoolFiche({ uai: CAPELETTE, data: { status: 'draft' } }),
    makeClassroomFiche({ uai: CAPELETTE, data: { label: 'CE1', display: { type: 'none' } } }),
    makeClassroomFiche({ uai: SAINTE_MARGUERITE, data: { label: 'CP A', display: { type: 'none' } } }),
    makeClassroomFiche({ uai: SAINTE_MARGUERITE, data: { label: 'CP B' } }),
  ];
}

beforeEach(async () => {
  useGapsClient(inThreadGapsClient());
  schools.value = [...DEMO_SCHOOLS];
  campaignFiches.value = new Map(fiches().map((f) => [f.id, f]));
  await recomputeGaps(new Date('2026-11-28'));
});
afterEach(() => {
  cleanup();
  gapSummary.value = null;
  hideEmptyRows.value = true;
});

const renderScreen = () => render(<DepartementScreen />);

/** The text of one cell, found by its row's and its column's headers, as a screen reader announces it. */
function cell(table: string, row: string, column: string): string {
  const region = screen.getByRole('region', { name: new RegExp(`^${table}`) });
  const columns = within(region).getAllByRole('columnheader').map((th) => th.textContent);
  const index = columns.indexOf(column);
  expect(index, `column « ${column} » in ${columns.join(', ')}`).toBeGreaterThan(0);
  const line = within(region).getByRole('rowheader', { name: row }).closest('tr') as HTMLTableRowElement;
  return line.cells[index]?.textContent ?? '';
}

const rowHeaders = (table: string) =>
  within(screen.getByRole('region', { name: new RegExp(`^${table}`) }))
    .getAllByRole('rowheader')
    .map((th) => th.textContent);

const progress = (name: RegExp) => screen.getByRole('progressbar', { name });

describe('DepartementScreen', () => {
  it('says the target counts classes to bring to the socle, and shows classes à équiper and au socle against it', () => {
    renderScreen();
    expect(screen.getByText(/^Objectif du plan/).textContent).toBe(
      `Objectif du plan : amener 2${N}700 classes au socle numérique de base (les classes à équiper) et équiper 1${N}000 néo-titulaires. ` +
        'Les chiffres ci-dessous comptent ce que disent les audits présents sur cet appareil, pas les équipements livrés.',
    );
    expect(screen.getByText(/^Classes à équiper trouvées/, { selector: 'p' }).textContent).toBe(
      `Classes à équiper trouvées par les audits : 2 sur 2${N}700 (0,1${P}). Classes auditées qui n'atteignent pas le socle : celles que le plan doit y amener.`,
    );
    expect(progress(/^Classes à équiper trouvées/).getAttribute('value')).toBe('2');
    expect(progress(/^Classes à équiper trouvées/).getAttribute('max')).toBe('2700');
    expect(screen.getByText(/^Classes au socle :/, { selector: 'p' }).textContent).toBe(
      `Classes au socle : 1 sur 2${N}700 (moins de 0,1${P}). Classes auditées qui atteignent le socle, grâce au plan ou déjà avant lui : ` +
        "celles qui l'atteignaient avant ne sont pas dans l'objectif.",
    );
    expect(progress(/^Classes au socle/).getAttribute('value')).toBe('1');
    expect(screen.getByText(/^Classes saisies/, { selector: 'p' }).textContent).toBe('Classes saisies : 4, dont 3 auditées. Socle pas encore établi (à compléter) : 1.');
  });

  it('says when every classroom recorded is audited, and when none is recorded', async () => {
    campaignFiches.value = new Map(fiches().filter((f) => !(f.kind === 'classroom' && f.data.label === 'CP B')).map((f) => [f.id, f]));
    await recomputeGaps(new Date('2026-11-28'));
    renderScreen();
    expect(screen.getByText(/^Classes saisies/, { selector: 'p' }).textContent).toBe('Classes saisies : 3, toutes auditées. Socle pas encore établi (à compléter) : 0.');
    cleanup();
    campaignFiches.value = new Map();
    await recomputeGaps(new Date('2026-11-28'));
    renderScreen();
    expect(screen.getByText(/^Classes saisies/, { selector: 'p' }).textContent).toBe('Classes saisies : 0.');
  });

  it('counts the néo-titulaires recensés against the 1 000 to equip', () => {
    renderScreen();
    expect(screen.getByText(/^Néo-titulaires recensés/, { selector: 'p' }).textContent).toBe(`Néo-titulaires recensés : 3 sur 1${N}000 à équiper (0,3${P}). Néo-titulaires inscrits sur les fiches des écoles.`);
    expect(progress(/^Néo-titulaires recensés/).getAttribute('max')).toBe('1000');
  });

  it('counts a school with classrooms but no school fiche as en cours, never as terminée', () => {
    renderScreen();
    expect(screen.getByText(/^Écoles dont l'audit est terminé :/, { selector: 'p' }).textContent).toBe(
      `Écoles dont l'audit est terminé : 1 sur 40 (2,5${P}). En cours : 2 (classes saisies, fiche de l'école absente ou en brouillon) ; ` +
        'à auditer : 37 (aucune fiche).',
    );
    expect(cell('Par commune', 'Marseille 9e Arrondissement', 'Écoles en cours')).toBe('1');
    expect(cell('Par commune', 'Marseille 9e Arrondissement', 'Écoles terminées')).toBe('0');
    expect(cell('Par commune', 'Marseille 10e Arrondissement', 'Écoles en cours')).toBe('1');
    expect(cell('Par commune', 'Marseille 1er Arrondissement', 'Écoles terminées')).toBe('1');
    expect(cell('Par chef de file', 'Total département', 'Écoles en cours')).toBe('2');
    expect(screen.queryByRole('columnheader', { name: 'Écoles auditées' })).toBeNull();
  });

  it('hides the rows where nothing is recorded, and says how many in each table', () => {
    renderScreen();
    expect(screen.getByRole('checkbox', { name: 'Masquer les lignes vides' })).toHaveProperty('checked', true);
    expect(rowHeaders('Par commune')).toEqual(['Marseille 1er Arrondissement', 'Marseille 9e Arrondissement', 'Marseille 10e Arrondissement', 'Total département']);
    const communes = new Set(DEMO_SCHOOLS.map((s) => s.commune)).size;
    expect(screen.getByRole('table', { name: `Par commune (${communes - 3} lignes vides masquées)` })).toBeTruthy();
    expect(rowHeaders('Par chef de file')).toEqual(['Ville de Marseille', 'Total département']);
    expect(screen.getByRole('table', { name: 'Par chef de file (1 ligne vide masquée)' })).toBeTruthy();
    const circonscriptions = new Set(DEMO_SCHOOLS.map((s) => s.circonscription)).size;
    expect(screen.getByText(/lignes masquées en tout/).textContent).toBe(`${1 + (circonscriptions - 3) + (communes - 3)} lignes masquées en tout.`);
  });

  it('shows every row again once "Masquer les lignes vides" is unticked', () => {
    renderScreen();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Masquer les lignes vides' }));
    const communes = new Set(DEMO_SCHOOLS.map((s) => s.commune)).size;
    expect(rowHeaders('Par commune')).toHaveLength(communes + 1);
    expect(screen.getByRole('table', { name: 'Par commune' })).toBeTruthy();
    expect(screen.getByText('Toutes les lignes sont affichées.')).toBeTruthy();
    expect(cell('Par commune', 'Arles', 'Écoles')).toBe('2');
    expect(cell('Par commune', 'Arles', 'Classes auditées')).toBe('0');
  });

  it('lists the communes as people read them: Marseille 1er, 2e, … 9e before 10e', () => {
    renderScreen();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Masquer les lignes vides' }));
    const marseille = rowHeaders('Par commune').filter((name) => name?.startsWith('Marseille'));
    expect(marseille.slice(0, 2)).toEqual(['Marseille 1er Arrondissement', 'Marseille 2e Arrondissement']);
    expect(marseille.indexOf('Marseille 9e Arrondissement')).toBe(marseille.indexOf('Marseille 10e Arrondissement') - 1);
  });

  it('charts the audits per chef de file and per circonscription, each with its data in a table', () => {
    renderScreen();
    const ville = DEMO_SCHOOLS.filter((s) => s.chefDeFile === 'ville-marseille').length;
    const cd13 = DEMO_SCHOOLS.length - ville;
    expect(chartRows("Écoles dont l'audit est terminé, par chef de file")).toEqual([
      ['Chef de file', 'Écoles terminées', 'Écoles', 'Part'],
      ['Ville de Marseille', '1', String(ville), `${String(Math.round(1000 / ville) / 10).replace('.', ',')}${P}`],
      ['Conseil départemental 13', '0', String(cd13), `0${P}`],
    ]);
    // Les Capucins' classroom is at the socle; La Capelette's and Sainte-Marguerite's CP A are not; CP B is untouched.
    expect(chartRows('Classes au socle parmi les classes auditées, par chef de file').slice(1)).toEqual([
      ['Ville de Marseille', '1', '3', `33,3${P}`],
      ['Conseil départemental 13', '0', '0', '–'],
    ]);
    expect(chartRows("Écoles dont l'audit est terminé, par circonscription").slice(1).map((r) => r.slice(1))).toEqual([['1', '1', `100${P}`], ['0', '1', `0${P}`], ['0', '1', `0${P}`]]);
    const circonscriptions = new Set(DEMO_SCHOOLS.map((s) => s.circonscription)).size;
    expect(screen.getByText(/sans aucune fiche sur cet appareil/).textContent).toBe(
      `${circonscriptions - 3} circonscriptions sans aucune fiche sur cet appareil ne sont pas montrées (case « Masquer les lignes vides » plus bas).`,
    );
  });

  it('charts the needs by article, an article with no price as "non chiffré" with its quantity', async () => {
    renderScreen();
    await screen.findByRole('figure', { name: 'Besoins du département par article : montant HT' });
    // Two classrooms without a display: an ENI (2 700 €) and its installation (500 €) each; La Capelette's fiche records
    // no mobile terminal (E01), whose article has no price in the référentiel v1.
    const rows = chartRows('Besoins du département par article : montant HT');
    expect(rows.slice(1)).toEqual([
      ['Écran numérique interactif (ENI 65")', '2', `5${N}400${S}€`],
      ["Installation d'un affichage collectif", '2', `1${N}000${S}€`],
      [expect.stringMatching(/^Terminal mobile/), expect.stringMatching(/^\d+$/), 'non chiffré'],
    ]);
    const figure = screen.getByRole('figure', { name: /par article/ });
    expect(within(figure).getByText(/^Terminal mobile/, { selector: '.chart-label' }).nextElementSibling?.textContent).toBe('non chiffré : à chiffrer avant arbitrage');
  });

  it('charts the first schools of the priority list and links to the whole list', async () => {
    renderScreen();
    await screen.findByRole('figure', { name: /écoles à équiper/ });
    // Capelette: REP, a classroom without a display and no mobile terminal recorded; Sainte-Marguerite: one classroom.
    expect(chartRows('Les écoles à équiper, par ordre de priorité : score sur 100').slice(1).map((r) => r.slice(0, 1))).toEqual([
      ['1. École élémentaire La Capelette'],
      ['2. École élémentaire Sainte-Marguerite'],
    ]);
    expect(screen.getByRole('link', { name: 'Voir toutes les priorités' }).getAttribute('href')).toBe('#/priorites');
  });
});

/** The rows of a chart's data table, opened as a user would. */
function chartRows(caption: string): string[][] {
  const figure = screen.getByRole('figure', { name: caption });
  fireEvent.click(within(figure).getByText('Voir les données'));
  return within(within(figure).getByRole('table')).getAllByRole('row').map((tr) => [...tr.children].map((c) => c.textContent ?? ''));
}

describe('DepartementScreen in a département without configuration', () => {
  beforeEach(async () => {
    referential.value = defaultReferentialFor(territoryFor('094'));
    schools.value = DEMO_SCHOOLS.map((s) => ({ ...s, chefDeFile: 'cd94' }));
    await recomputeGaps(new Date('2026-11-28'));
  });
  afterEach(() => {
    referential.value = REFERENTIAL_V1;
  });

  it('says its targets are not set, shows the figures without bars, and names its Conseil départemental', () => {
    renderScreen();
    expect(screen.getByText(/^Objectifs du plan/).textContent).toBe(
      "Objectifs du plan non fixés (classes à équiper, néo-titulaires à équiper) : le Département les fixe dans le référentiel qu'il publie. " +
        'Les chiffres ci-dessous comptent ce que disent les audits présents sur cet appareil, pas les équipements livrés.',
    );
    expect(screen.getByText(/^Classes à équiper trouvées/, { selector: 'p' }).textContent).toBe(
      "Classes à équiper trouvées par les audits : 2 (objectif non fixé). Classes auditées qui n'atteignent pas le socle : celles que le plan doit y amener.",
    );
    expect(screen.getByText(/^Néo-titulaires recensés/, { selector: 'p' }).textContent).toMatch(/^Néo-titulaires recensés : 3 \(objectif non fixé\)\./);
    expect(screen.queryByRole('progressbar', { name: /^Classes à équiper trouvées/ })).toBeNull();
    expect(progress(/^Écoles dont l'audit est terminé/)).toBeTruthy();
    expect(rowHeaders('Par chef de file')).toEqual(['Conseil départemental du Val-de-Marne', 'Total département']);
    expect(cell('Par chef de file', 'Conseil départemental du Val-de-Marne', 'Écoles')).toBe(cell('Par chef de file', 'Total département', 'Écoles'));
    expect(gapSummary.value?.departement.total.label).toBe('Département du Val-de-Marne');
  });
});
