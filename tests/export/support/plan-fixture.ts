// Equipment plans for the plan workbook's tests, computed by the app's own planFor over small hand-made candidates:
// the totals the sheets must show are the plan's, never typed here.
import type { PlanCandidate, PlanNeed, PlanOptions } from '../../../src/gaps/plan';
import { DEFAULT_PLAN_OPTIONS } from '../../../src/gaps/plan';
import { planFor, type PlanReport, type Ranking } from '../../../src/gaps/pilotage';
import { REFERENTIAL_V1, type ItemId, type Referential } from '../../../src/model/referential';
import type { ChefDeFile } from '../../../src/model/school';

const LABELS = new Map(REFERENTIAL_V1.prices.map((p) => [p.item, p.label]));

/** `quantity` of `item` at `unitPriceHt` each (null: "non chiffré"). */
export function makeNeed(item: ItemId, quantity: number, unitPriceHt: number | null, rule: PlanNeed['rule'] = 'C01'): PlanNeed {
  return {
    rule, item, label: LABELS.get(item) ?? item, quantity, classroom: null,
    amountCents: unitPriceHt === null ? null : Math.round(unitPriceHt * 100) * quantity,
  };
}

export function makeCandidate(uai: string, rank: number, over: Partial<PlanCandidate> = {}): PlanCandidate {
  return {
    uai, name: `École ${uai}`, commune: 'Marseille', circonscription: 'Marseille 02 – Joliette', chefDeFile: 'ville-marseille',
    rank, score: 50, socleNeeds: [], upgradeNeeds: [], classesToEquip: 1, classesFixable: 1, ...over,
  };
}

/** Ville de Marseille: a school funded, one too dear for what is left, one with nothing priced, one funded after. */
export const MARSEILLE_CANDIDATES: readonly PlanCandidate[] = [
  makeCandidate('0131001A', 1, {
    name: 'École élémentaire Air-Bel', score: 72.5, classesToEquip: 3, classesFixable: 2,
    socleNeeds: [makeNeed('display', 2, 2700), makeNeed('display-installation', 2, 500), makeNeed('class-computer', 1, null, 'C02')],
    upgradeNeeds: [makeNeed('computer-upgrade', 2, 87, 'C03')],
  }),
  makeCandidate('0131002B', 2, { name: 'École maternelle Belle-de-Mai', score: 60, classesToEquip: 4, classesFixable: 4, socleNeeds: [makeNeed('display', 3, 3000.17)] }),
  makeCandidate('0131003C', 3, { name: 'École primaire Cabucelle', score: 45.3, socleNeeds: [makeNeed('access-point', 2, null, 'E03')], classesFixable: 0 }),
  makeCandidate('0131004D', 4, { name: '=École "Les Calanques"', score: 30, classesToEquip: 2, classesFixable: 1, socleNeeds: [makeNeed('display-installation', 1, 2099.99)] }),
];

/** Conseil départemental 13: one large school, past the funding threshold. */
export const CD13_CANDIDATES: readonly PlanCandidate[] = [
  makeCandidate('0132001E', 1, {
    name: 'École de Gémenos', commune: 'Gémenos', circonscription: 'Aubagne', chefDeFile: 'cd13', score: 41.2, classesToEquip: 60, classesFixable: 60,
    socleNeeds: [makeNeed('display', 80, 3000.01)],
  }),
];

export interface PlanSetup {
  budgetsHt?: Partial<Record<ChefDeFile, number | null>>;
  options?: Partial<PlanOptions>;
  newTeachers?: Partial<Record<ChefDeFile, number>>;
  referential?: Referential;
}

/** The report the gaps worker would give for these candidates. */
export function makePlanReport(setup: PlanSetup = {}): PlanReport {
  const referential = setup.referential ?? REFERENTIAL_V1;
  const ranking: Ranking = {
    rows: [],
    candidates: new Map([['ville-marseille', MARSEILLE_CANDIDATES], ['cd13', CD13_CANDIDATES]]),
    newTeachers: new Map([['ville-marseille', setup.newTeachers?.['ville-marseille'] ?? 4], ['cd13', setup.newTeachers?.cd13 ?? 2]]),
  };
  const options = { ...DEFAULT_PLAN_OPTIONS, ...setup.options };
  const budgetsHt = setup.budgetsHt ?? { 'ville-marseille': 10_000, cd13: 300_000 };
  return { referentialVersion: referential.version, options, plans: planFor(ranking, { budgetsHt, options }, referential), computeMs: 1 };
}

/** The référentiel with the néo-titulaire's kit priced. */
export function withKitPrice(unitPriceHt: number): Referential {
  return { ...REFERENTIAL_V1, prices: REFERENTIAL_V1.prices.map((p) => (p.item === 'kit-neo-titulaire' ? { ...p, unitPriceHt } : p)) };
}
