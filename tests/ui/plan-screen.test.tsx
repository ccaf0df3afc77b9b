// The "Plan d'équipement" screen (pilotage.md, "Equipment plan"): a budget typed recomputes the plan at each
// keystroke, a school that does not fit what is left is said so and the next one is funded, the two switches change
// the result, the budget is kept on the device, and the totals are announced once typing pauses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { PlanScreen } from '../../src/ui/screens/plan-screen';
import { inThreadGapsClient } from '../../src/state/gaps-client';
import { gapSummary, recomputeGaps, useGapsClient } from '../../src/state/gaps';
import { planReport, planSettings } from '../../src/state/pilotage';
import { referential } from '../../src/state/referential';
import { campaignFiches } from '../../src/state/audits';
import { schools } from '../../src/state/directory';
import { getPlanSettings, setPlanSettings } from '../../src/storage/prefs';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import { DEFAULT_PLAN_OPTIONS } from '../../src/gaps/plan';
import { defaultReferentialFor, REFERENTIAL_V1 } from '../../src/model/referential';
import { parseTerritoryFile } from '../../src/territory/territory-file';
import { territoryFor } from '../../src/territory/territory-for';
import { VITRY_TERRITORY_FILE } from '../directory/fixtures/annuaire-val-de-marne';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import type { Fiche } from '../../src/model/types';
import { socleClassroom, socleSchool, withPrices } from '../gaps/fixtures';

const CAPUCINS = '0139664J'; // Ville de Marseille rank 1 (REP+)
const CAPELETTE = '0133185S'; // rank 2 (REP)
const SAINTE_MARGUERITE = '0134939Y'; // rank 3
const N = ' ';
/** French numbers and amounts use no-break spaces (narrow ones between digit groups): read here as plain spaces. */
const plain = (text: string | null | undefined) => text?.replace(/[\u00a0\u202f]/g, ' ');

/** A class with no display: an ENI and its installation, 3 200 € HT. */
const noDisplay = (uai: string, label: string, patch = {}) => makeClassroomFiche({ uai, data: { ...socleClassroom({ label, ...patch }), display: { type: 'none' } } });

/**
 * Ville de Marseille: Les Capucins 3 200 € (its computer has a hard disk: 87 € more with C03; 2 néo-titulaires),
 * La Capelette 6 400 €, Sainte-Marguerite 3 200 €.
 */
function fiches(): Fiche[] {
  return [
    makeSchoolFiche({ uai: CAPUCINS, data: { ...socleSchool({ classesCount: 1 }), newTeachers: 2 } }),
    noDisplay(CAPUCINS, 'CP', { computer: { storage: 'hdd' } }),
    noDisplay(CAPELETTE, 'CE1'),
    noDisplay(CAPELETTE, 'CE2'),
    noDisplay(SAINTE_MARGUERITE, 'CP A'),
  ];
}

async function setUp() {
  useGapsClient(inThreadGapsClient());
  schools.value = [...DEMO_SCHOOLS];
  campaignFiches.value = new Map(fiches().map((f) => [f.id, f]));
  await recomputeGaps(new Date('2026-11-28'));
}

beforeEach(async () => {
  await setPlanSettings({ budgetsHt: {}, options: { ...DEFAULT_PLAN_OPTIONS } });
  planSettings.value = { budgetsHt: {}, options: { ...DEFAULT_PLAN_OPTIONS } };
  await setUp();
});
afterEach(() => {
  cleanup();
  gapSummary.value = null;
  planReport.value = null;
  referential.value = REFERENTIAL_V1;
});

const marseille = () => screen.getByRole('region', { name: 'Ville de Marseille' });
const budget = () => screen.getByRole('textbox', { name: 'Budget HT de la Ville de Marseille (€)' }) as HTMLInputElement;
/** Each line of Marseille's plan: school, situation, besoin, cumul, classes amenées au socle. */
const lines = () =>
  within(within(marseille()).getByRole('region', { name: /^Écoles classées/ }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...(row as HTMLTableRowElement).cells].slice(1).map((c) => plain(c.textContent)));
/** A figure of Marseille's totals, by its term. */
const total = (term: string) => {
  const dt = within(marseille()).getAllByRole('term').find((t) => t.textContent === term);
  return plain(dt?.nextElementSibling?.textContent);
};

async function renderScreen() {
  render(<PlanScreen />);
  await screen.findByRole('region', { name: 'Ville de Marseille' });
}

async function typeBudget(text: string) {
  for (let i = 1; i <= text.length; i += 1) fireEvent.input(budget(), { target: { value: text.slice(0, i) } });
}

describe('PlanScreen', () => {
  it('says it is a simulation, and funds nothing until a budget is typed', async () => {
    await renderScreen();
    expect(screen.getByText('Simulation, pas un engagement.')).toBeTruthy();
    expect(total('Écoles financées')).toBe('0 sur 3');
    expect(within(marseille()).getByText(/^Aucun budget saisi : rien n'est financé/)).toBeTruthy();
    expect(total('Besoin chiffré des écoles classées')).toBe(`12${N}800 € HT pour 3 écoles classées`);
  });

  it('recomputes as the budget is typed: a school that does not fit is said so and the next one is funded', async () => {
    await renderScreen();
    await typeBudget('7000');
    await waitFor(() => expect(total('Budget HT')).toBe(`7${N}000 €`));
    expect(lines()).toEqual([
      ['École élémentaire Les Capucins Marseille 1er Arrondissement', 'Financée', `3${N}200 € HT`, `3${N}200 €`, '1 sur 1'],
      ['École élémentaire La Capelette Marseille 10e Arrondissement', 'Ne tient pas dans le reste du budget', `6${N}400 € HT`, '–', '0 sur 2'],
      ['École élémentaire Sainte-Marguerite Marseille 9e Arrondissement', 'Financée', `3${N}200 € HT`, `6${N}400 €`, '1 sur 1'],
    ]);
    expect(total('Écoles financées')).toBe('2 sur 3');
    expect(total('Classes amenées au socle')).toBe('2 sur 4 classes à équiper dans ces écoles');
    expect(total('Total HT')).toBe(`6${N}400 €`);
    // 70 % below the référentiel's threshold, on the whole plan.
    expect(total("Part de l'État")).toBe(`4${N}480 €, soit 70${N}% du total (règle : 70${N}% sous 200${N}000 € HT, 50${N}% à partir de ce montant, appliqué à tout le plan)`);
    expect(total('Coût net pour la collectivité')).toBe(`1${N}920 €`);
    expect(total('Reste du budget')).toBe('600 €');
    expect(total('Kits néo-titulaires')).toMatch(/^non chiffré : 2 néo-titulaires recensés, aucun kit financé/);
    expect(within(marseille()).getByRole('link', { name: 'chiffrer le kit dans les Paramètres' }).getAttribute('href')).toBe('#/parametres');
    // A larger budget funds La Capelette too.
    fireEvent.input(budget(), { target: { value: '70000' } });
    await waitFor(() => expect(total('Écoles financées')).toBe('3 sur 3'));
  });

  it('buys the computer upgrades (C03) when asked', async () => {
    await renderScreen();
    await typeBudget('7000');
    await waitFor(() => expect(total('Total HT')).toBe(`6${N}400 €`));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Inclure la modernisation des ordinateurs (C03)' }));
    await waitFor(() => expect(lines()[0]?.slice(1, 3)).toEqual(['Financée', `3${N}287 € HT`]));
    expect(total('Total HT')).toBe(`6${N}487 €`);
    expect(planSettings.value.options.computerUpgrades).toBe(true);
  });

  it('funds the néo-titulaires’ kits before the schools when asked', async () => {
    referential.value = withPrices({ 'kit-neo-titulaire': 1000 });
    await recomputeGaps(new Date('2026-11-28'));
    await renderScreen();
    await typeBudget('7000');
    await waitFor(() => expect(total('Kits néo-titulaires')).toBe(`0 financé sur 2 néo-titulaires recensés, 0 € HT (1${N}000 € HT le kit, après les écoles)`));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Équiper les néo-titulaires avant les écoles' }));
    await waitFor(() => expect(total('Kits néo-titulaires')).toBe(`2 financés sur 2 néo-titulaires recensés, 2${N}000 € HT (1${N}000 € HT le kit, avant les écoles)`));
    expect(lines().map((l) => l[1])).toEqual(['Financée', 'Ne tient pas dans le reste du budget', 'Ne tient pas dans le reste du budget']);
  });

  it('lists what has no price, to price before deciding', async () => {
    await renderScreen();
    const list = within(marseille()).getByRole('list', { name: 'Non chiffré : à chiffrer avant arbitrage' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(["Kit d'équipement d'un néo-titulaire : 2 (un par néo-titulaire recensé)"]);
    expect(within(marseille()).getByRole('link', { name: 'Chiffrer ces articles dans les Paramètres' })).toBeTruthy();
  });

  it('announces the key totals politely once typing pauses', async () => {
    await renderScreen();
    const live = document.querySelector('[aria-live="polite"].visually-hidden') as HTMLElement;
    await typeBudget('7000');
    await waitFor(() => expect(plain(live.textContent)).toMatch(/^Ville de Marseille : 2 écoles financées, 2 classes amenées au socle, 6 400 € HT, reste 600 €\. Conseil départemental 13 : 0 école financée/), { timeout: 3000 });
  });

  it('keeps the budget on the device: a new start of the app shows it again', async () => {
    await renderScreen();
    await typeBudget('7000');
    await waitFor(async () => expect((await getPlanSettings())?.budgetsHt['ville-marseille']).toBe(7000));
    cleanup();
    // A new start: every module of the app read afresh, the device's storage kept.
    vi.resetModules();
    const fresh = {
      client: await import('../../src/state/gaps-client'),
      gaps: await import('../../src/state/gaps'),
      audits: await import('../../src/state/audits'),
      directory: await import('../../src/state/directory'),
      screen: await import('../../src/ui/screens/plan-screen'),
    };
    fresh.gaps.useGapsClient(fresh.client.inThreadGapsClient());
    fresh.directory.schools.value = [...DEMO_SCHOOLS];
    fresh.audits.campaignFiches.value = new Map(fiches().map((f) => [f.id, f]));
    await fresh.gaps.recomputeGaps(new Date('2026-11-28'));
    render(<fresh.screen.PlanScreen />);
    await waitFor(() => expect(budget().value).toBe('7000'));
    await waitFor(() => expect(total('Écoles financées')).toBe('2 sur 3'));
  });

  it('gives every control an accessible name, and offers to print', async () => {
    await renderScreen();
    expect(screen.getAllByRole('textbox').map((t) => t.getAttribute('id'))).toEqual(['budget-ville-marseille', 'budget-cd13']);
    expect(screen.getByRole('textbox', { name: 'Budget HT du Conseil départemental 13 (€)' })).toBeTruthy();
    expect(screen.getAllByRole('checkbox')).toHaveLength(2);
    const print = vi.fn();
    window.print = print; // happy-dom has no print dialog
    fireEvent.click(screen.getByRole('button', { name: 'Imprimer le plan' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('exports the plan on screen as a workbook, and says which file it saved', async () => {
    const names: string[] = [];
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:plan'));
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await renderScreen();
    await typeBudget('7000');
    await waitFor(() => expect(total('Total HT')).toBe(`6${N}400 €`));
    fireEvent.click(screen.getByRole('button', { name: 'Exporter le plan (XLSX)' }));
    await waitFor(() => expect(screen.getByText(/^Plan exporté : tne13-plan-equipement-.*\.xlsx$/)).toBeTruthy());
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^tne13-plan-equipement-2026-2027-\d{8}-\d{4}\.xlsx$/);
    // A zip (the XLSX container) of some size, not an empty file.
    const bytes = new Uint8Array(await (blobs[0] as Blob).arrayBuffer());
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    vi.restoreAllMocks();
  });

  it('gives each chef de file of another territory its budget, keyed by its id, and its plan', async () => {
    // The demonstration schools, as if the Val-de-Marne's: Marseille's to the Ville de Vitry-sur-Seine its file names.
    referential.value = defaultReferentialFor(territoryFor('094', parseTerritoryFile(VITRY_TERRITORY_FILE)));
    schools.value = DEMO_SCHOOLS.map((s) => ({ ...s, chefDeFile: s.chefDeFile === 'ville-marseille' ? 'ville-vitry' : 'cd94' }));
    await recomputeGaps(new Date('2026-11-28'));
    render(<PlanScreen />);
    const vitry = await screen.findByRole('region', { name: 'Ville de Vitry-sur-Seine' });
    expect(screen.getByRole('region', { name: 'Conseil départemental du Val-de-Marne' })).toBeTruthy();
    expect(screen.getAllByRole('textbox').map((t) => t.getAttribute('id'))).toEqual(['budget-ville-vitry', 'budget-cd94']);
    expect(screen.getByRole('textbox', { name: 'Budget HT du Conseil départemental du Val-de-Marne (€)' })).toBeTruthy();
    const budgetOfVitry = screen.getByRole('textbox', { name: 'Budget HT de la Ville de Vitry-sur-Seine (€)' });
    for (const typed of ['7', '70', '700', '7000']) fireEvent.input(budgetOfVitry, { target: { value: typed } });
    const funded = () => plain(within(vitry).getAllByRole('term').find((t) => t.textContent === 'Écoles financées')?.nextElementSibling?.textContent);
    await waitFor(() => expect(funded()).toBe('2 sur 3'));
    expect(planSettings.value.budgetsHt).toEqual({ 'ville-vitry': 7000 });
    await waitFor(async () => expect((await getPlanSettings())?.budgetsHt).toEqual({ 'ville-vitry': 7000 }));
  });
});
