// The equipment plan (pilotage.md, "Equipment plan"): a simulation, never a commitment. Per chef de file, walk its
// ranked schools in order and fund a school whole when its priced socle needs fit in what is left of the budget, else
// skip it and try the next one; fund the néo-titulaires' kits after the schools (or first); apply the State's share
// by the funding rule on the whole plan. Needs with no price are never funded: they are listed to be priced first.
// Amounts are summed in cents, so that a total is exactly the sum of its lines.
import type { ItemId, Referential, RuleId } from '../model/referential';
import type { ClassroomGap, Need, SchoolGap } from './types';
import { stateShareRate } from './aggregates';

/** A need the plan may buy, with where it comes from. */
export interface PlanNeed {
  rule: RuleId;
  item: ItemId;
  label: string;
  quantity: number;
  /** Cents; null: "non chiffré". */
  amountCents: number | null;
  /** The classroom's label; null for a need of the school itself. */
  classroom: string | null;
}

/** What the plan reads of one ranked school: computed from its gaps, once per change of them. */
export interface PlanCandidate {
  uai: string;
  name: string;
  commune: string;
  circonscription: string;
  chefDeFile: string;
  /** 1 for the chef de file's first school to equip. */
  rank: number;
  score: number;
  /** Needs of the required rules (C01, C02, C04, E01–E05 in the référentiel v1). */
  socleNeeds: PlanNeed[];
  /** Needs of the computer-upgrade rule (C03), bought only when the plan says so. */
  upgradeNeeds: PlanNeed[];
  /** Classes audited and not at the socle (the gap engine's count). */
  classesToEquip: number;
  /**
   * Those of them that the school's priced socle needs bring to the socle: every required rule of the class is recorded
   * and each failing one has all its needs priced. A class that also waits for an unpriced article is not.
   */
  classesFixable: number;
}

export interface PlanOptions {
  /** Buy the C03 needs (computers to modernise) of each funded school too. */
  computerUpgrades: boolean;
  /** Fund the néo-titulaires' kits before the schools rather than after. */
  newTeachersFirst: boolean;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { computerUpgrades: false, newTeachersFirst: false };

/**
 * - `funded`: funded whole;
 * - `does-not-fit`: "ne tient pas dans le reste du budget";
 * - `nothing-priced`: it has needs but none with a price (or only rules with no article, E04 and E05).
 */
export type PlanStatus = 'funded' | 'does-not-fit' | 'nothing-priced';

export interface PlanLine {
  uai: string;
  name: string;
  commune: string;
  circonscription: string;
  rank: number;
  score: number;
  status: PlanStatus;
  /** The school's priced needs the plan would buy, HT. */
  costHt: number;
  /** Its needs with no price: not funded even when the school is. */
  unpricedItems: number;
  classesToEquip: number;
  /** Classes brought to the socle: its fixable classes when funded, else 0. */
  classesBroughtToSocle: number;
  /** The plan's spending once this school is funded, HT; null when it is not. */
  cumulativeHt: number | null;
}

export interface NewTeacherKits {
  /** Néo-titulaires recorded on the chef de file's school fiches. */
  recorded: number;
  unitPriceHt: number | null;
  funded: number;
  costHt: number;
  first: boolean;
}

/** An article with no price, summed over the chef de file's ranked schools: "non chiffré : à chiffrer avant arbitrage". */
export interface UnpricedArticle {
  item: ItemId;
  label: string;
  quantity: number;
  /** Schools that need it; null for the néo-titulaires' kits. */
  schools: number | null;
}

export interface ChefDeFilePlan {
  key: string;
  budgetHt: number;
  lines: PlanLine[];
  schoolsFunded: number;
  classesBroughtToSocle: number;
  kits: NewTeacherKits;
  /** Schools and kits, HT. */
  totalHt: number;
  /** By the funding rule, on the whole plan. */
  stateShareRate: number;
  stateShareHt: number;
  /** What the collectivité pays: the total less the State's share. */
  netCostHt: number;
  leftHt: number;
  unpriced: UnpricedArticle[];
}

const cents = (euros: number) => Math.round(euros * 100);
const euros = (amount: number) => amount / 100;

function planNeed(need: Need, classroom: string | null): PlanNeed {
  return { rule: need.rule, item: need.item, label: need.label, quantity: need.quantity, amountCents: need.amountHt === null ? null : cents(need.amountHt), classroom };
}

/** Which rules' needs the plan buys: the référentiel's required rules, and those it may buy on request (C03). */
export function planRules(referential: Pick<Referential, 'rules'>): { socle: ReadonlySet<RuleId>; upgrades: ReadonlySet<RuleId> } {
  return {
    socle: new Set(referential.rules.filter((r) => r.severity === 'required').map((r) => r.id)),
    upgrades: new Set(referential.rules.filter((r) => r.severity === 'warning' && r.scope === 'classroom').map((r) => r.id)),
  };
}

function fixable(gap: ClassroomGap, socle: ReadonlySet<RuleId>): boolean {
  if (gap.meetsSocle !== false) return false;
  for (const result of gap.rules) {
    if (!socle.has(result.rule)) continue;
    if (result.outcome === 'unknown' || result.outcome === 'not-evaluated') return false;
    if (result.outcome !== 'fails') continue;
    const needs = gap.needs.filter((n) => n.rule === result.rule);
    if (needs.length === 0 || needs.some((n) => n.amountHt === null)) return false;
  }
  return true;
}

/** What the plan reads of a school's gaps, whoever ranks it: its needs by kind and its classes. */
export type CandidateNeeds = Pick<PlanCandidate, 'socleNeeds' | 'upgradeNeeds' | 'classesToEquip' | 'classesFixable'>;

/** The plan's view of a school's needs, from its gap and its classrooms' gaps. */
export function candidateNeeds(school: SchoolGap, classrooms: readonly ClassroomGap[], rules: ReturnType<typeof planRules>): CandidateNeeds {
  const socleNeeds: PlanNeed[] = [];
  const upgradeNeeds: PlanNeed[] = [];
  const take = (need: Need, classroom: string | null) => {
    if (rules.socle.has(need.rule)) socleNeeds.push(planNeed(need, classroom));
    else if (rules.upgrades.has(need.rule)) upgradeNeeds.push(planNeed(need, classroom));
  };
  for (const need of school.needs) take(need, null);
  let classesFixable = 0;
  for (const classroom of classrooms) {
    // A class at the socle needs nothing of the socle; its computer may still be modernised.
    for (const need of classroom.needs) if (classroom.meetsSocle === false || !rules.socle.has(need.rule)) take(need, classroom.label);
    if (fixable(classroom, rules.socle)) classesFixable += 1;
  }
  return { socleNeeds, upgradeNeeds, classesToEquip: school.classroomsFailing, classesFixable };
}

export interface ChefDeFileInput {
  key: string;
  /** Its ranked schools, in rank order. */
  candidates: readonly PlanCandidate[];
  /** Néo-titulaires recorded on its school fiches. */
  newTeachers: number;
  /** HT, gross (the State's share included); null: none typed yet (nothing is funded). */
  budgetHt: number | null;
}

function sumCents(needs: readonly PlanNeed[]): { priced: number; unpriced: number } {
  let priced = 0;
  let unpriced = 0;
  for (const n of needs) {
    if (n.amountCents === null) unpriced += 1;
    else priced += n.amountCents;
  }
  return { priced, unpriced };
}

type Tally = UnpricedArticle & { seen: Set<string> };

function addUnpriced(articles: Map<ItemId, Tally>, need: PlanNeed, uai: string): void {
  let article = articles.get(need.item);
  if (!article) articles.set(need.item, (article = { item: need.item, label: need.label, quantity: 0, schools: 0, seen: new Set() }));
  article.quantity += need.quantity;
  if (!article.seen.has(uai)) {
    article.seen.add(uai);
    article.schools = article.seen.size;
  }
}

/** One chef de file's plan. */
export function planChefDeFile(input: ChefDeFileInput, options: PlanOptions, referential: Pick<Referential, 'prices' | 'funding'>): ChefDeFilePlan {
  const kit = referential.prices.find((p) => p.item === 'kit-neo-titulaire');
  const kitPriceHt = kit?.unitPriceHt ?? null;
  const budget = Math.max(0, cents(input.budgetHt ?? 0));
  let left = budget;
  const kitCents = kitPriceHt === null ? null : cents(kitPriceHt);
  const fundKits = () => {
    const funded = kitCents === null ? 0 : kitCents === 0 ? input.newTeachers : Math.min(input.newTeachers, Math.floor(left / kitCents));
    const cost = kitCents === null ? 0 : funded * kitCents;
    left -= cost;
    return { funded, cost };
  };
  const kitsFirst = options.newTeachersFirst ? fundKits() : undefined;

  const unpriced = new Map<ItemId, Tally>();
  const lines: PlanLine[] = [];
  let schoolsFunded = 0;
  let classesBrought = 0;
  let spent = kitsFirst?.cost ?? 0;
  for (const candidate of input.candidates) {
    const needs = options.computerUpgrades ? [...candidate.socleNeeds, ...candidate.upgradeNeeds] : candidate.socleNeeds;
    const { priced, unpriced: unpricedItems } = sumCents(needs);
    for (const n of needs) if (n.amountCents === null) addUnpriced(unpriced, n, candidate.uai);
    let status: PlanStatus;
    if (priced === 0) status = 'nothing-priced';
    else if (priced <= left) status = 'funded';
    else status = 'does-not-fit';
    if (status === 'funded') {
      left -= priced;
      spent += priced;
      schoolsFunded += 1;
      classesBrought += candidate.classesFixable;
    }
    lines.push({
      uai: candidate.uai, name: candidate.name, commune: candidate.commune, circonscription: candidate.circonscription,
      rank: candidate.rank, score: candidate.score, status, costHt: euros(priced), unpricedItems, classesToEquip: candidate.classesToEquip,
      classesBroughtToSocle: status === 'funded' ? candidate.classesFixable : 0, cumulativeHt: status === 'funded' ? euros(spent) : null,
    });
  }
  const kits = kitsFirst ?? fundKits();
  if (!options.newTeachersFirst) spent += kits.cost;
  if (kitPriceHt === null && input.newTeachers > 0) {
    unpriced.set('kit-neo-titulaire', { item: 'kit-neo-titulaire', label: kit?.label ?? 'kit-neo-titulaire', quantity: input.newTeachers, schools: null, seen: new Set() });
  }

  const rate = stateShareRate(euros(spent), referential.funding);
  const state = Math.round((spent * rate) / 100) * 100; // the State's share to the euro (export.md)
  return {
    key: input.key,
    budgetHt: euros(budget),
    lines,
    schoolsFunded,
    classesBroughtToSocle: classesBrought,
    kits: { recorded: input.newTeachers, unitPriceHt: kitPriceHt, funded: kits.funded, costHt: euros(kits.cost), first: options.newTeachersFirst },
    totalHt: euros(spent),
    stateShareRate: rate,
    stateShareHt: euros(state),
    netCostHt: euros(spent - state),
    leftHt: euros(budget - spent),
    unpriced: [...unpriced.values()].map(({ seen: _seen, ...article }) => article),
  };
}
