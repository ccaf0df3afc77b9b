// The charts as a reader sees them (src/ui/charts): each one a figure named by its caption, its drawing hidden from
// screen readers and its data, exactly the figures given, in a table behind "Voir les données".
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { BarChart, CumulativeChart, PriorityBars, ProgressBars } from '../../src/ui/charts';
import { planChefDeFile, DEFAULT_PLAN_OPTIONS, type PlanCandidate } from '../../src/gaps/plan';
import type { LabelledPlan, PriorityRow } from '../../src/gaps/pilotage';
import { DEFAULT_PRICES, REFERENTIAL_V1 } from '../../src/model/referential';

/** French digit groups: narrow no-break spaces; before % and € a no-break space. */
const N = '\u202f';
const S = '\u00a0';

afterEach(cleanup);

/** The figure named `caption`, its data table opened as a user would, and the table's rows as text. */
function openFigure(caption: string | RegExp) {
  const figure = screen.getByRole('figure', { name: caption });
  fireEvent.click(within(figure).getByText('Voir les données'));
  const table = within(figure).getByRole('table', { name: caption });
  const rows = within(table).getAllByRole('row').map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent));
  const drawing = figure.querySelector('.chart-drawing') as HTMLElement;
  return { figure, rows, drawing };
}

describe('ProgressBars', () => {
  const rows = [
    { key: 'ville-marseille', label: 'Ville de Marseille', value: 1234, total: 2700 },
    { key: 'cd13', label: 'Département des Bouches-du-Rhône', value: 0, total: 12 },
  ];
  const renderBars = () =>
    render(<ProgressBars caption="Écoles terminées par chef de file" headers={{ group: 'Chef de file', value: 'Écoles terminées', total: 'Écoles' }} rows={rows} />);

  it('holds exactly the figures given in its data table, in French', () => {
    renderBars();
    expect(openFigure('Écoles terminées par chef de file').rows).toEqual([
      ['Chef de file', 'Écoles terminées', 'Écoles', 'Part'],
      ['Ville de Marseille', '1 234'.replace(' ', N), '2 700'.replace(' ', N), `45,7${S}%`],
      ['Département des Bouches-du-Rhône', '0', '12', `0${S}%`],
    ]);
  });

  it('writes each figure beside its bar, and hides the drawing from screen readers', () => {
    renderBars();
    const { drawing } = openFigure('Écoles terminées par chef de file');
    expect(drawing.getAttribute('aria-hidden')).toBe('true');
    expect([...drawing.querySelectorAll('.chart-value')].map((v) => v.textContent)).toEqual([`1${N}234 sur 2${N}700 (45,7${S}%)`, `0 sur 12 (0${S}%)`]);
    expect([...drawing.querySelectorAll('.chart-fill')].map((r) => r.getAttribute('width'))).toEqual(['45.70%', '0.00%']);
    expect(screen.getByText('Voir les données').closest('summary')?.textContent).toBe('Voir les données : Écoles terminées par chef de file');
  });
});

describe('BarChart', () => {
  const renderArticles = () =>
    render(
      <BarChart caption="Besoins par article" header="Article" rows={[
        { key: 'display', label: 'Écran numérique interactif', quantity: 4, amountHt: 10800 },
        { key: 'class-computer', label: 'Ordinateur de classe', quantity: 7, amountHt: null },
        { key: 'computer-upgrade', label: "Mise à niveau d'un ordinateur", quantity: 2, amountHt: 174 },
      ]} />,
    );

  it('holds the quantities and amounts given, and says "non chiffré" for an article with no price', () => {
    renderArticles();
    expect(openFigure('Besoins par article').rows).toEqual([
      ['Article', 'Quantité', 'Montant HT'],
      ['Écran numérique interactif', '4', `10${N}800${S}€`],
      ['Ordinateur de classe', '7', 'non chiffré'],
      ["Mise à niveau d'un ordinateur", '2', `174${S}€`],
    ]);
  });

  it('never draws an unpriced article as a bar of 0 €: no bar, its quantity and the words "non chiffré"', () => {
    renderArticles();
    const { figure, drawing } = openFigure('Besoins par article');
    const labels = [...drawing.querySelectorAll('.chart-label')].map((l) => l.textContent);
    expect(labels).toEqual(['Écran numérique interactif (quantité : 4)', 'Ordinateur de classe (quantité : 7)', "Mise à niveau d'un ordinateur (quantité : 2)"]);
    expect(drawing.querySelectorAll('.chart-bar')).toHaveLength(2);
    expect([...drawing.querySelectorAll('.chart-fill')].map((r) => r.getAttribute('width'))).toEqual(['100.00%', '1.61%']);
    expect(drawing.querySelector('.chart-missing')?.textContent).toBe('non chiffré : à chiffrer avant arbitrage');
    expect([...drawing.querySelectorAll('.chart-value')].map((v) => v.textContent)).toEqual([`10${N}800${S}€ HT`, `174${S}€ HT`]);
    expect(figure.textContent).not.toMatch(/(^|\D)0\s€/);
    expect(within(figure).getByText(/n'a pas de prix dans le référentiel/)).toBeTruthy();
  });
});

describe('CumulativeChart', () => {
  const candidate = (uai: string, name: string, rank: number, euros: number): PlanCandidate => ({
    uai, name, commune: 'Marseille 3e Arrondissement', circonscription: 'Marseille 3', chefDeFile: 'ville-marseille', rank, score: 80 - rank,
    socleNeeds: [{ rule: 'C01', item: 'display', label: 'Écran', quantity: 1, amountCents: euros * 100, classroom: 'CP' }],
    upgradeNeeds: [], classesToEquip: 1, classesFixable: 1,
  });
  const referential = { ...REFERENTIAL_V1, prices: DEFAULT_PRICES.map((p) => (p.item === 'kit-neo-titulaire' ? { ...p, unitPriceHt: 300 } : p)) };
  /** Three ranked schools, the second too dear for what is left; two néo-titulaires at 300 € a kit. */
  function makePlan(budgetHt: number, newTeachersFirst = false): LabelledPlan {
    const candidates = [candidate('0130001A', 'École Abeilles', 1, 1000), candidate('0130002B', 'École Belsunce', 2, 5000), candidate('0130003C', 'École Cabucelle', 3, 2000)];
    const plan = planChefDeFile({ key: 'ville-marseille', candidates, newTeachers: 2, budgetHt }, { ...DEFAULT_PLAN_OPTIONS, newTeachersFirst }, referential);
    return { ...plan, key: 'ville-marseille', label: 'Ville de Marseille' };
  }
  const caption = /^Ville de Marseille : coût HT cumulé/;
  const yOf = (line: Element | null | undefined) => line?.getAttribute('y1');
  const lastStep = (drawing: HTMLElement) => [...drawing.querySelectorAll('[data-testid="step"]')].at(-1)?.querySelectorAll('line')[1];

  it('steps through the funded schools in order, then the kits, and ends on the plan\'s total', () => {
    const plan = makePlan(4000);
    render(<CumulativeChart plan={plan} />);
    const { rows, drawing } = openFigure(caption);
    expect(rows).toEqual([
      ["Financé, dans l'ordre", 'Coût HT', 'Coût HT cumulé'],
      ['1. École Abeilles', `1${N}000${S}€`, `1${N}000${S}€`],
      ['2. École Cabucelle', `2${N}000${S}€`, `3${N}000${S}€`],
      ['3. Kits de 2 néo-titulaires', `600${S}€`, `3${N}600${S}€`],
      ['Budget', '', `4${N}000${S}€`],
    ]);
    expect(plan.totalHt).toBe(3600);
    expect(drawing.querySelectorAll('[data-testid="step"]')).toHaveLength(3);
    expect(drawing.textContent).toContain(`Total : 3${N}600${S}€ HT`);
    expect(drawing.textContent).toContain(`Budget : 4${N}000${S}€ HT`);
    // The budget at the top of the plot; the last step 3 600 / 4 000 of the way up from the axis (86 % to 20 %).
    expect(yOf(drawing.querySelector('[data-testid="budget-line"]'))).toBe('20.000%');
    expect(yOf(lastStep(drawing))).toBe(`${(86 - (66 * 3600) / 4000).toFixed(3)}%`);
    expect(drawing.getAttribute('aria-hidden')).toBe('true');
  });

  it('draws its last step on the budget line when the plan spends the whole budget', () => {
    render(<CumulativeChart plan={makePlan(3600)} />);
    const { drawing } = openFigure(caption);
    expect(yOf(lastStep(drawing))).toBe(yOf(drawing.querySelector('[data-testid="budget-line"]')));
  });

  it('puts the kits first when the plan funds them first, and still ends on the total', () => {
    const plan = makePlan(4000, true);
    render(<CumulativeChart plan={plan} />);
    const { rows, figure } = openFigure(caption);
    expect(rows.slice(1, -1).map((r) => [r[0], r[2]])).toEqual([
      ['1. Kits de 2 néo-titulaires', `600${S}€`], ['2. École Abeilles', `1${N}600${S}€`], ['3. École Cabucelle', `3${N}600${S}€`],
    ]);
    expect(within(figure).getByText(/^En abscisse/).textContent).toBe(
      `En abscisse, de 1 à 3 : les 2 écoles financées dans l'ordre de priorité, les kits des néo-titulaires en premier. ` +
        `Trait plein en escalier : le coût HT cumulé, 3${N}600${S}€ HT à la fin. Trait en tirets : le budget, 4${N}000${S}€ HT ; reste 400${S}€ HT.`,
    );
  });

  it('says so when no budget is typed, with nothing drawn', () => {
    render(<CumulativeChart plan={makePlan(0)} />);
    const { figure, drawing } = openFigure(caption);
    expect(within(figure).getByText('Aucune école financée : aucun budget saisi.')).toBeTruthy();
    expect(drawing.querySelector('svg')).toBeNull();
  });
});

describe('PriorityBars', () => {
  const row = (rank: number): PriorityRow => ({
    uai: `01300${String(rank).padStart(2, '0')}X`, rank, score: 100 - rank * 2.5, share: 1, ips: 80, reasons: ['REP+', 'IPS 80'],
    name: `École ${rank}`, commune: 'Marseille 15e Arrondissement', circonscription: 'Marseille 15', chefDeFile: 'ville-marseille',
    chefDeFileLabel: 'Ville de Marseille', educationPrioritaire: 'REP+', rankInChefDeFile: rank, classesAudited: 4, classesToEquip: 3, costHt: 1000, unpricedItems: 0,
  });

  it('shows the first 20 of the list with their scores out of 100, and says how many are ranked', () => {
    render(<PriorityBars rows={Array.from({ length: 25 }, (_, i) => row(i + 1))} />);
    const caption = 'Les 20 premières écoles à équiper, sur 25 classées : score de priorité sur 100';
    const { rows, drawing } = openFigure(caption);
    expect(rows).toHaveLength(21);
    expect(rows[0]).toEqual(['Rang et école', 'Commune', 'Chef de file', 'Score sur 100', 'Raisons']);
    expect(rows[1]).toEqual(['1. École 1', 'Marseille 15e Arrondissement', 'Ville de Marseille', '97,5', 'REP+ ; IPS 80']);
    expect(rows[20]?.slice(0, 4)).toEqual(['20. École 20', 'Marseille 15e Arrondissement', 'Ville de Marseille', '50']);
    expect([...drawing.querySelectorAll('.chart-label')].map((l) => l.textContent).at(-1)).toBe('20. École 20 (Marseille 15e Arrondissement)');
    expect(drawing.querySelector('.chart-value')?.textContent).toBe('97,5 sur 100');
    expect(drawing.querySelector('.chart-fill')?.getAttribute('width')).toBe('97.50%');
  });
});
