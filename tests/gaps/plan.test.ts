// The equipment plan (pilotage.md, "Equipment plan"), table by table: who is funded, what is skipped, the State's
// share by the funding rule on the whole plan, unpriced needs, the néo-titulaires' kits, and the C03 switch.
import { describe, expect, it } from 'vitest';
import { candidateNeeds, DEFAULT_PLAN_OPTIONS, planChefDeFile, planRules, type PlanCandidate, type PlanNeed, type PlanOptions } from '../../src/gaps/plan';
import { REFERENTIAL_V1, type ItemId, type Referential, type RuleId } from '../../src/model/referential';
import type { ClassroomGap, Need, RuleResult, SchoolGap } from '../../src/gaps/types';
import { withPrices } from './fixtures';

const need = (item: ItemId, euros: number | null, rule: RuleId = 'C01', quantity = 1): PlanNeed => ({
  rule, item, label: item, quantity, amountCents: euros === null ? null : Math.round(euros * 100), classroom: null,
});

/** A ranked school whose socle needs cost `euros` (one article), bringing `classes` classes to the socle. */
function candidate(uai: string, rank: number, socle: PlanNeed[], extra: Partial<PlanCandidate> = {}): PlanCandidate {
  return {
    uai, name: `École ${uai}`, commune: 'Marseille', circonscription: 'Marseille 1', chefDeFile: 'ville-marseille', rank, score: 100 - rank,
    socleNeeds: socle, upgradeNeeds: [], classesToEquip: 2, classesFixable: 2, ...extra,
  };
}

const priced = (uai: string, rank: number, euros: number, extra: Partial<PlanCandidate> = {}) => candidate(uai, rank, [need('display', euros)], extra);

function plan(candidates: PlanCandidate[], budgetHt: number | null, options: Partial<PlanOptions> = {}, referential: Referential = REFERENTIAL_V1, newTeachers = 0) {
  return planChefDeFile({ key: 'ville-marseille', candidates, newTeachers, budgetHt }, { ...DEFAULT_PLAN_OPTIONS, ...options }, referential);
}

describe('planChefDeFile: who is funded', () => {
  it.each([
    // budget, costs in rank order, statuses expected
    { budget: 10_000, costs: [4_000, 5_000, 2_000], statuses: ['funded', 'funded', 'does-not-fit'], total: 9_000 },
    { budget: 10_000, costs: [4_000, 7_000, 6_000], statuses: ['funded', 'does-not-fit', 'funded'], total: 10_000 },
    { budget: 3_000, costs: [4_000, 7_000, 3_000], statuses: ['does-not-fit', 'does-not-fit', 'funded'], total: 3_000 },
    { budget: 0, costs: [4_000, 1], statuses: ['does-not-fit', 'does-not-fit'], total: 0 },
    { budget: null, costs: [4_000], statuses: ['does-not-fit'], total: 0 },
    { budget: 1_000_000, costs: [0.1, 0.2], statuses: ['funded', 'funded'], total: 0.3 },
  ])('budget $budget, schools costing $costs: $statuses', ({ budget, costs, statuses, total }) => {
    const result = plan(costs.map((c, i) => priced(`013000${i}A`, i + 1, c)), budget);
    expect(result.lines.map((l) => l.status)).toEqual(statuses);
    expect(result.totalHt).toBe(total);
    expect(result.leftHt).toBe(Math.max(0, budget ?? 0) - total);
    expect(result.schoolsFunded).toBe(statuses.filter((s) => s === 'funded').length);
  });

  it('skips a school that does not fit and tries the next one, in rank order, with the running total', () => {
    const result = plan([priced('A', 1, 6_000), priced('B', 2, 5_000), priced('C', 3, 3_000), priced('D', 4, 1_000)], 10_000);
    expect(result.lines.map((l) => [l.uai, l.status, l.cumulativeHt])).toEqual([
      ['A', 'funded', 6_000],
      ['B', 'does-not-fit', null],
      ['C', 'funded', 9_000],
      ['D', 'funded', 10_000],
    ]);
    expect(result.leftHt).toBe(0);
  });

  it('counts the classes a funded school brings to the socle, and none for a school not funded', () => {
    const result = plan([priced('A', 1, 6_000, { classesToEquip: 5, classesFixable: 3 }), priced('B', 2, 9_000, { classesToEquip: 4, classesFixable: 4 })], 10_000);
    expect(result.lines.map((l) => [l.classesToEquip, l.classesBroughtToSocle])).toEqual([[5, 3], [4, 0]]);
    expect(result.classesBroughtToSocle).toBe(3);
  });

  it('sums cents exactly: no float drift over many schools', () => {
    const result = plan(Array.from({ length: 1000 }, (_, i) => priced(`S${i}`, i + 1, 0.1)), 100);
    expect(result.totalHt).toBe(100);
    expect(result.schoolsFunded).toBe(1000);
    expect(result.lines.at(-1)?.cumulativeHt).toBe(100);
  });
});

describe('planChefDeFile: the State share by the funding rule, on the whole plan', () => {
  it.each([
    { budget: 150_000, costs: [100_000, 50_000], rate: 0.7, state: 105_000 },
    { budget: 199_999.99, costs: [199_999.99], rate: 0.7, state: 140_000 }, // rounded to the euro
    { budget: 200_000, costs: [150_000, 50_000], rate: 0.5, state: 100_000 }, // at the threshold
    { budget: 250_000, costs: [150_000, 60_000], rate: 0.5, state: 105_000 }, // crossed by the second school: 50 % on all
    { budget: 0, costs: [], rate: 0.7, state: 0 },
  ])('a plan of $costs € HT: rate $rate, State $state €', ({ budget, costs, rate, state }) => {
    const result = plan(costs.map((c, i) => priced(`S${i}`, i + 1, c)), budget);
    expect(result.stateShareRate).toBe(rate);
    expect(result.stateShareHt).toBe(state);
    expect(result.netCostHt).toBe(Math.round((result.totalHt - state) * 100) / 100);
  });

  it('switches the whole plan to 50 % when the plan crosses 200,000 € HT, not only the part above', () => {
    const below = plan([priced('A', 1, 190_000)], 300_000);
    const crossed = plan([priced('A', 1, 190_000), priced('B', 2, 20_000)], 300_000);
    expect(below.stateShareHt).toBe(133_000);
    expect(crossed.stateShareHt).toBe(105_000); // 50 % of 210,000: less State money than for 190,000 alone
  });

  it('reads the threshold and rates from the référentiel', () => {
    const referential = { ...REFERENTIAL_V1, funding: { ...REFERENTIAL_V1.funding, equipmentThresholdHt: 10_000, stateShareAtOrAbove: 0.4 } };
    expect(plan([priced('A', 1, 12_000)], 20_000, {}, referential).stateShareRate).toBe(0.4);
  });
});

describe('planChefDeFile: needs with no price', () => {
  it('never funds an unpriced need, funds the school on its priced needs, and lists the article to price', () => {
    const result = plan([
      candidate('A', 1, [need('display', 3_200), need('class-computer', null, 'C02'), need('class-computer', null, 'C02')]),
      candidate('B', 2, [need('class-computer', null, 'C02'), need('access-point', null, 'E03', 3)]),
    ], 10_000);
    expect(result.lines.map((l) => [l.uai, l.status, l.costHt, l.unpricedItems])).toEqual([
      ['A', 'funded', 3_200, 2],
      ['B', 'nothing-priced', 0, 2],
    ]);
    expect(result.totalHt).toBe(3_200);
    expect(result.unpriced).toEqual([
      { item: 'class-computer', label: 'class-computer', quantity: 3, schools: 2 },
      { item: 'access-point', label: 'access-point', quantity: 3, schools: 1 },
    ]);
  });

  it('counts a school with only rules that name no article (E04, E05) as nothing to fund', () => {
    const result = plan([candidate('A', 1, [])], 10_000);
    expect(result.lines[0]).toMatchObject({ status: 'nothing-priced', costHt: 0, unpricedItems: 0 });
    expect(result.schoolsFunded).toBe(0);
  });
});

describe('planChefDeFile: néo-titulaires kits', () => {
  const kitAt = (price: number | null) => withPrices({ 'kit-neo-titulaire': price });

  it('funds the kits after the schools with what is left, one per néo-titulaire at most', () => {
    const result = plan([priced('A', 1, 6_000), priced('B', 2, 3_000)], 10_000, {}, kitAt(400), 5);
    expect(result.lines.map((l) => l.status)).toEqual(['funded', 'funded']);
    expect(result.kits).toEqual({ recorded: 5, unitPriceHt: 400, funded: 2, costHt: 800, first: false });
    expect(result.totalHt).toBe(9_800);
    expect(result.leftHt).toBe(200);
  });

  it('funds the kits first when the switch says so, and the schools with the rest', () => {
    const result = plan([priced('A', 1, 6_000), priced('B', 2, 3_000)], 10_000, { newTeachersFirst: true }, kitAt(400), 5);
    expect(result.kits).toMatchObject({ funded: 5, costHt: 2_000, first: true });
    expect(result.lines.map((l) => [l.status, l.cumulativeHt])).toEqual([['funded', 8_000], ['does-not-fit', null]]);
    expect(result.totalHt).toBe(8_000);
  });

  it('funds no kit while the kit has no price, and lists it to price', () => {
    const result = plan([], 10_000, {}, kitAt(null), 7);
    expect(result.kits).toMatchObject({ recorded: 7, funded: 0, costHt: 0 });
    expect(result.unpriced).toEqual([{ item: 'kit-neo-titulaire', label: "Kit d'équipement d'un néo-titulaire", quantity: 7, schools: null }]);
  });

  it('counts the kits in the plan that crosses the threshold', () => {
    const result = plan([priced('A', 1, 199_000)], 300_000, {}, kitAt(1_000), 2);
    expect(result.totalHt).toBe(201_000);
    expect(result.stateShareRate).toBe(0.5);
  });
});

describe('planChefDeFile: C03 upgrades', () => {
  it('buys the computers to modernise only with the switch, and may then not fit', () => {
    const school = candidate('A', 1, [need('display', 3_000)], { upgradeNeeds: [need('computer-upgrade', 87, 'C03'), need('computer-upgrade', 87, 'C03')] });
    expect(plan([school], 3_100).lines[0]).toMatchObject({ status: 'funded', costHt: 3_000 });
    expect(plan([school], 3_200, { computerUpgrades: true }).lines[0]).toMatchObject({ status: 'funded', costHt: 3_174 });
    expect(plan([school], 3_100, { computerUpgrades: true }).lines[0]).toMatchObject({ status: 'does-not-fit', costHt: 3_174 });
  });
});

describe('candidateNeeds', () => {
  const result = (rule: RuleId, outcome: RuleResult['outcome']): RuleResult => ({ rule, outcome, missing: [], reason: null });
  const needOf = (rule: RuleId, item: ItemId, amountHt: number | null): Need => ({ rule, item, label: item, reason: 'motif', quantity: 1, unitPriceHt: amountHt, amountHt });
  const classroom = (label: string, meetsSocle: boolean | null, rules: RuleResult[], needs: Need[]): ClassroomGap => ({
    id: label, uai: 'A', label, rules, needs, meetsSocle, recorded: true, costHt: 0, unpricedItems: 0,
  });
  const school = { uai: 'A', needs: [needOf('E03', 'access-point', null), needOf('E06', 'display', 1)], classroomsFailing: 3 } as unknown as SchoolGap;

  it('takes the required rules’ needs of the school and of the classes off the socle, C03 apart, and counts the classes the priced needs fix', () => {
    const classes = [
      classroom('CP', false, [result('C01', 'fails'), result('C02', 'holds'), result('C04', 'holds')], [needOf('C01', 'display', 2700), needOf('C01', 'display-installation', 500)]),
      classroom('CE1', false, [result('C01', 'holds'), result('C02', 'fails'), result('C04', 'holds')], [needOf('C02', 'class-computer', null)]), // waits for a price
      classroom('CE2', false, [result('C01', 'fails'), result('C02', 'holds'), result('C04', 'unknown')], [needOf('C01', 'display', 2700)]), // C04 not recorded
      classroom('CM1', true, [result('C01', 'holds'), result('C02', 'holds'), result('C03', 'fails'), result('C04', 'holds')], [needOf('C03', 'computer-upgrade', 87)]),
    ];
    const c = candidateNeeds(school, classes, planRules(REFERENTIAL_V1));
    expect(c.socleNeeds.map((n) => [n.classroom, n.item, n.amountCents])).toEqual([
      [null, 'access-point', null],
      ['CP', 'display', 270_000],
      ['CP', 'display-installation', 50_000],
      ['CE1', 'class-computer', null],
      ['CE2', 'display', 270_000],
    ]);
    expect(c.upgradeNeeds.map((n) => [n.classroom, n.item])).toEqual([['CM1', 'computer-upgrade']]);
    expect(c.classesToEquip).toBe(3);
    expect(c.classesFixable).toBe(1); // CP only: CE1 waits for a price, CE2 for its network to be recorded
  });
});
