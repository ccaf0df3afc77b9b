// The "Priorités" screen as a reader sees it (pilotage.md, "Priority of a school"): the ranked schools in order with
// their reasons, the rank within a chef de file once one is chosen, a circonscription that filters without
// renumbering, and an empty list that says why.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { PrioritiesScreen, priorityFilter } from '../../src/ui/screens/priorities-screen';
import { inThreadGapsClient } from '../../src/state/gaps-client';
import { gapSummary, recomputeGaps, useGapsClient } from '../../src/state/gaps';
import { priorityList } from '../../src/state/pilotage';
import { campaignFiches } from '../../src/state/audits';
import { schools } from '../../src/state/directory';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import { makeClassroomFiche } from '../../src/model/make';
import type { Fiche } from '../../src/model/types';
import type { PriorityRow } from '../../src/gaps/pilotage';
import { socleClassroom } from '../gaps/fixtures';

const CAPUCINS = '0139664J'; // Ville de Marseille, REP+, IPS 78,4, Marseille 01 – Centre
const CAPELETTE = '0133185S'; // Ville de Marseille, REP, IPS 92,1, Marseille 10 – Saint-Loup
const SAINTE_MARGUERITE = '0134939Y'; // Ville de Marseille, IPS 112,7
const GRIFFEUILLE = '0135998Z'; // Conseil départemental 13, REP, IPS 84,2, Arles
const AIGUES_DOUCES = '0138456W'; // Conseil départemental 13, REP+, IPS 76,3

const offSocle = (uai: string, label: string) => makeClassroomFiche({ uai, data: { label, display: { type: 'none' } } });

/** Five schools with a class off the socle (Les Capucins: one of two); Les Passons has one at the socle only. */
function fiches(): Fiche[] {
  return [
    offSocle(CAPUCINS, 'CP'),
    makeClassroomFiche({ uai: CAPUCINS, data: socleClassroom({ label: 'CE1' }) }),
    offSocle(CAPELETTE, 'CE1'),
    offSocle(SAINTE_MARGUERITE, 'CP A'),
    offSocle(GRIFFEUILLE, 'CM1'),
    offSocle(AIGUES_DOUCES, 'CM2'),
    makeClassroomFiche({ uai: '0139542B', data: socleClassroom({ label: 'CP' }) }),
  ];
}

async function setUp(list: Fiche[]) {
  useGapsClient(inThreadGapsClient());
  schools.value = [...DEMO_SCHOOLS];
  campaignFiches.value = new Map(list.map((f) => [f.id, f]));
  await recomputeGaps(new Date('2026-11-28'));
}

beforeEach(() => setUp(fiches()));
afterEach(() => {
  cleanup();
  gapSummary.value = null;
  priorityList.value = null;
  priorityFilter.value = { chefDeFile: '', circonscription: '' };
});

async function renderScreen() {
  render(<PrioritiesScreen />);
  await screen.findByRole('table');
}

const region = () => screen.getByRole('region', { name: "Écoles à équiper, dans l'ordre de priorité" });
/** Each row as [rank, school]. */
const ranked = () =>
  within(region()).getAllByRole('row').slice(1).map((row) => [row.querySelector('td')?.textContent, within(row).getByRole('link').textContent]);
const rowOf = (name: string) => (within(region()).getByRole('link', { name }).closest('tr') as HTMLTableRowElement);
const status = () => screen.getByRole('status').textContent;

describe('PrioritiesScreen', () => {
  it('lists the ranked schools in the département’s order, each with its score, reasons and need', async () => {
    await renderScreen();
    expect(ranked()).toEqual([
      ['1', 'École élémentaire Les Aigues-Douces'],
      ['2', 'École élémentaire Les Capucins'],
      ['3', 'École élémentaire Griffeuille – Van-Gogh'],
      ['4', 'École élémentaire La Capelette'],
      ['5', 'École élémentaire Sainte-Marguerite'],
    ]);
    const headers = within(region()).getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Rang (département)', 'École et commune', 'Circonscription et chef de file', 'Score', 'Raisons', 'Classes hors socle', 'Besoin estimé HT']);
    const capucins = [...rowOf('École élémentaire Les Capucins').cells].map((c) => c.textContent);
    // 40 (REP+) + 20 × (110 − 78,4) / 40 + 30 × 1/2
    expect(capucins).toEqual([
      '2', 'École élémentaire Les Capucins Marseille 1er Arrondissement', 'Marseille 01 – Centre Ville de Marseille',
      '70,8 / 100', 'REP+ · IPS 78,4 · 1 classe sur 2 hors socle', '1 sur 2', capucins[6],
    ]);
    expect(capucins[6]).toMatch(/€ HT$/);
    expect(within(rowOf('École élémentaire Les Capucins')).getByRole('link').getAttribute('href')).toBe(`#/ecole/${CAPUCINS}`);
    expect(status()).toBe('5 écoles classées à équiper en priorité.');
    expect(screen.getByText(/^Score sur 100 :/).textContent).toContain('REP+ 40 points, REP 25');
  });

  it('numbers the schools within a chef de file once one is chosen, and says which rank the column shows', async () => {
    await renderScreen();
    fireEvent.click(screen.getByRole('radio', { name: 'Conseil départemental 13' }));
    expect(ranked()).toEqual([
      ['1', 'École élémentaire Les Aigues-Douces'],
      ['2', 'École élémentaire Griffeuille – Van-Gogh'],
    ]);
    expect(within(region()).getAllByRole('columnheader')[0]?.textContent).toBe('Rang (Conseil départemental 13)');
    expect(status()).toBe('2 écoles à équiper en priorité sur 5 écoles classées.');
    fireEvent.click(screen.getByRole('radio', { name: 'Ville de Marseille' }));
    expect(ranked()).toEqual([
      ['1', 'École élémentaire Les Capucins'],
      ['2', 'École élémentaire La Capelette'],
      ['3', 'École élémentaire Sainte-Marguerite'],
    ]);
  });

  it('filters by circonscription without renumbering, from the circonscriptions of the ranked schools', async () => {
    await renderScreen();
    const select = screen.getByRole('combobox', { name: 'Circonscription' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).toEqual([
      'Toutes les circonscriptions', 'Arles', 'Marseille 01 – Centre', 'Marseille 09 – Mazargues', 'Marseille 10 – Saint-Loup', 'Martigues – Port-de-Bouc',
    ]);
    fireEvent.change(select, { target: { value: 'Marseille 10 – Saint-Loup' } });
    expect(ranked()).toEqual([['4', 'École élémentaire La Capelette']]);
    expect(status()).toBe('1 école à équiper en priorité sur 5 écoles classées.');
    fireEvent.click(screen.getByRole('radio', { name: 'Conseil départemental 13' }));
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('Aucune école classée ne correspond à ces filtres.')).toBeTruthy();
  });

  it('says why nothing is ranked when no audited class is off the socle, rather than an empty table', async () => {
    await setUp([makeClassroomFiche({ uai: CAPUCINS, data: socleClassroom({ label: 'CP' }) })]);
    render(<PrioritiesScreen />);
    await screen.findByText(/^Aucune école n'est encore classée : aucune classe auditée n'est hors socle/);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
  });

  it('follows the gaps: a school whose class is brought to the socle leaves the list', async () => {
    await renderScreen();
    campaignFiches.value = new Map(fiches().filter((f) => f.uai !== SAINTE_MARGUERITE).map((f) => [f.id, f]));
    await recomputeGaps(new Date('2026-11-28'));
    await waitFor(() => expect(ranked()).toHaveLength(4));
  });

  it('shows a long list a hundred schools at a time; "Afficher plus" takes the keyboard to the first one it adds', async () => {
    gapSummary.value = null; // the list below stands as computed
    const row = (i: number): PriorityRow => ({
      uai: `013${String(i).padStart(4, '0')}X`, score: 90 - i / 10, share: 1, ips: 80, reasons: ['REP+'], rank: i + 1, name: `École ${i + 1}`,
      commune: 'Arles', circonscription: 'Arles', chefDeFile: 'cd13', chefDeFileLabel: 'Conseil départemental 13', educationPrioritaire: 'REP+',
      rankInChefDeFile: i + 1, classesAudited: 2, classesToEquip: 1, costHt: 3200, unpricedItems: 0,
    });
    priorityList.value = { referentialVersion: '2026.1', rows: Array.from({ length: 250 }, (_, i) => row(i)), computeMs: 1 };
    render(<PrioritiesScreen />);
    expect(ranked()).toHaveLength(100);
    expect(status()).toBe('250 écoles classées à équiper en priorité. Les 100 premières sont affichées.');
    fireEvent.click(screen.getByRole('button', { name: 'Afficher plus (100 écoles suivantes sur 150)' }));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('École 101'));
    expect(ranked()).toHaveLength(200);
    fireEvent.click(screen.getByRole('button', { name: 'Afficher plus (50 écoles suivantes sur 50)' }));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('École 201'));
    expect(ranked()).toHaveLength(250);
    expect(screen.queryByRole('button')).toBeNull();
    expect(status()).toBe('250 écoles classées à équiper en priorité.');
  });

  it('gives every control and the table region an accessible name', async () => {
    await renderScreen();
    for (const control of [...screen.getAllByRole('radio'), ...screen.getAllByRole('combobox'), ...screen.getAllByRole('link')]) {
      expect(control.textContent || control.getAttribute('aria-label') || document.querySelector(`label[for="${control.id}"]`) || control.closest('label')).toBeTruthy();
    }
    expect(screen.getByRole('group', { name: 'Chef de file' })).toBeTruthy();
    expect(region().getAttribute('tabindex')).toBe('0');
  });
});
