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

const CAPUCINS = '0139664J'; // Marseille 1er
const SAINTE_MARGUERITE = '0134939Y'; // Marseille 9e
const CAPELETTE = '0133185S'; // Marseille 10e
/** French digit groups: narrow no-break spaces; before % a no-break space (CLDR's French). */
const N = '\u202f';
const P = '\u00a0%';

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
      `Objectif du plan : 2${N}700 classes à équiper, c'est-à-dire à amener au socle numérique de base, et 1${N}000 néo-titulaires à équiper.`,
    );
    expect(screen.getByText(/^Classes à équiper recensées/, { selector: 'p' }).textContent).toBe(
      `Classes à équiper recensées : 2 sur 2${N}700 (0,1${P}). Classes auditées qui n'atteignent pas le socle.`,
    );
    expect(progress(/^Classes à équiper recensées/).getAttribute('value')).toBe('2');
    expect(progress(/^Classes à équiper recensées/).getAttribute('max')).toBe('2700');
    expect(screen.getByText(/^Classes au socle/, { selector: 'p' }).textContent).toBe(
      `Classes au socle : 1 sur 2${N}700 (moins de 0,1${P}). Classes auditées qui l'atteignent, avant le plan ou grâce à lui.`,
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
    expect(screen.getByText(/^Néo-titulaires recensés/, { selector: 'p' }).textContent).toBe(`Néo-titulaires recensés : 3 sur 1${N}000 à équiper (0,3${P}).`);
    expect(progress(/^Néo-titulaires recensés/).getAttribute('max')).toBe('1000');
  });

  it('counts a school with classrooms but no school fiche as en cours, never as terminée', () => {
    renderScreen();
    expect(screen.getByText(/^Écoles terminées/, { selector: 'p' }).textContent).toBe(
      `Écoles terminées : 1 sur 40 (2,5${P}). En cours : 2 ; à auditer : 37.`,
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
});
