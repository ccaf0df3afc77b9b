// Pilotage (pilotage.md) from the gaps the engine holds: the priority list of the département and of each chef de
// file, the equipment plan for given budgets, and the needs summed by article. Plain data in and out: computed in the
// gaps worker, where the classrooms' gaps are.
import type { ChefDeFile, DirectorySchool, EducationPrioritaire } from '../model/school';
import { chefDeFileIds, chefDeFileLabel } from '../territory/territory';
import type { ItemId, Referential } from '../model/referential';
import type { ClassroomGap, SchoolGap } from './types';
import { priorityOf, rankPriorities, type Priority, type RankedPriority } from './priority';
import { candidateNeeds, planChefDeFile, planRules, type CandidateNeeds, type ChefDeFilePlan, type PlanCandidate, type PlanOptions } from './plan';
import { roundCents } from './needs';

/** A line of the "Priorités" screen: a ranked school with what the list shows of it. */
export interface PriorityRow extends RankedPriority {
  name: string;
  commune: string;
  circonscription: string;
  chefDeFile: ChefDeFile;
  chefDeFileLabel: string;
  educationPrioritaire: EducationPrioritaire | null;
  /** Its rank among its chef de file's schools (`rank` is the département's). */
  rankInChefDeFile: number;
  classesAudited: number;
  classesToEquip: number;
  costHt: number;
  unpricedItems: number;
}

export interface PriorityList {
  referentialVersion: string;
  /** In the département's order. */
  rows: PriorityRow[];
  computeMs: number;
}

export interface PlanRequest {
  /** HT per chef de file (the territory's ids); null or absent: no budget typed yet. */
  budgetsHt: Partial<Record<ChefDeFile, number | null>>;
  options: PlanOptions;
}

export interface LabelledPlan extends ChefDeFilePlan {
  key: ChefDeFile;
  label: string;
}

export interface PlanReport {
  referentialVersion: string;
  options: PlanOptions;
  plans: LabelledPlan[];
  computeMs: number;
}

/** An article the département's needs ask for, summed over every classroom and school. */
export interface ArticleNeed {
  item: ItemId;
  label: string;
  quantity: number;
  /** HT; null when the article has no price. */
  amountHt: number | null;
}

/** The gaps the engine holds, as pilotage reads them. */
export interface PilotageSource {
  schools: Iterable<SchoolGap>;
  classroomsOf(uai: string): readonly ClassroomGap[];
  directory: ReadonlyMap<string, DirectorySchool>;
  referential: Referential;
}

/** The ranked schools with their ranks in the département and in their chef de file, and each one's plan view. */
export interface Ranking {
  rows: PriorityRow[];
  candidates: ReadonlyMap<ChefDeFile, readonly PlanCandidate[]>;
  newTeachers: ReadonlyMap<ChefDeFile, number>;
}

/**
 * What was computed of each school's gap, kept while the gap is the same object: the engine makes a new one for each
 * school an edit touches, so that after an edit only that school is scored again. Made anew for each référentiel (the
 * weights and prices are in it).
 */
export class PilotageMemo {
  private readonly priorities = new WeakMap<SchoolGap, Priority | null>();
  private readonly needs = new WeakMap<SchoolGap, { classrooms: readonly ClassroomGap[]; needs: CandidateNeeds }>();

  constructor(readonly referential: Referential) {}

  priority(gap: SchoolGap, school: DirectorySchool | undefined): Priority | null {
    let priority = this.priorities.get(gap);
    if (priority === undefined) {
      priority = priorityOf(gap, school, this.referential.rules, this.referential.priorityWeights);
      this.priorities.set(gap, priority);
    }
    return priority;
  }

  candidateNeeds(gap: SchoolGap, classrooms: readonly ClassroomGap[], rules: ReturnType<typeof planRules>): CandidateNeeds {
    const kept = this.needs.get(gap);
    // A classroom's gap may be judged again without its school's figures changing: then its needs are read again.
    if (kept && kept.classrooms.length === classrooms.length && kept.classrooms.every((c, i) => c === classrooms[i])) return kept.needs;
    const needs = candidateNeeds(gap, classrooms, rules);
    this.needs.set(gap, { classrooms, needs });
    return needs;
  }
}

export function rankForPilotage(source: PilotageSource, memo: PilotageMemo = new PilotageMemo(source.referential)): Ranking {
  const { directory, referential } = source;
  const gaps = [...source.schools];
  const scored: Priority[] = [];
  for (const gap of gaps) {
    const priority = memo.priority(gap, directory.get(gap.uai));
    if (priority) scored.push(priority);
  }
  const ranked = rankPriorities(scored);
  const byUai = new Map(gaps.map((g) => [g.uai, g]));
  const rules = planRules(referential);
  const rows: PriorityRow[] = [];
  const chefs = chefDeFileIds(referential.territory);
  const candidates = new Map<ChefDeFile, PlanCandidate[]>(chefs.map((key) => [key, []]));
  const newTeachers = new Map<ChefDeFile, number>(chefs.map((key) => [key, 0]));
  for (const gap of gaps) {
    const school = directory.get(gap.uai);
    if (school) newTeachers.set(school.chefDeFile, (newTeachers.get(school.chefDeFile) ?? 0) + gap.newTeachers);
  }
  // rankPriorities returns its map in rank order.
  for (const priority of ranked.values()) {
    const gap = byUai.get(priority.uai) as SchoolGap;
    const school = directory.get(priority.uai) as DirectorySchool;
    const list = candidates.get(school.chefDeFile) ?? [];
    candidates.set(school.chefDeFile, list);
    const rankInChefDeFile = list.length + 1;
    rows.push({
      ...priority, name: school.name, commune: school.commune, circonscription: school.circonscription, chefDeFile: school.chefDeFile,
      chefDeFileLabel: chefDeFileLabel(referential.territory, school.chefDeFile), educationPrioritaire: school.educationPrioritaire, rankInChefDeFile,
      classesAudited: gap.classroomsAudited, classesToEquip: gap.classroomsFailing, costHt: gap.costHt, unpricedItems: gap.unpricedItems,
    });
    list.push({
      uai: gap.uai, name: school.name, commune: school.commune, circonscription: school.circonscription, chefDeFile: school.chefDeFile,
      rank: rankInChefDeFile, score: priority.score, ...memo.candidateNeeds(gap, source.classroomsOf(gap.uai), rules),
    });
  }
  return { rows, candidates, newTeachers };
}

/** One plan for each of the territory's chefs de file, in its order. */
export function planFor(ranking: Ranking, request: PlanRequest, referential: Referential): LabelledPlan[] {
  return chefDeFileIds(referential.territory).map((key) => ({
    ...planChefDeFile(
      { key, candidates: ranking.candidates.get(key) ?? [], newTeachers: ranking.newTeachers.get(key) ?? 0, budgetHt: request.budgetsHt[key] ?? null },
      request.options,
      referential,
    ),
    key,
    label: chefDeFileLabel(referential.territory, key),
  }));
}

/** The département's needs by article, in the price table's order; an article with one unpriced need has no amount. */
export function needsByArticle(source: PilotageSource): ArticleNeed[] {
  const byItem = new Map<ItemId, ArticleNeed>(source.referential.prices.map((p) => [p.item, { item: p.item, label: p.label, quantity: 0, amountHt: 0 }]));
  const add = (needs: SchoolGap['needs']) => {
    for (const need of needs) {
      let article = byItem.get(need.item);
      if (!article) byItem.set(need.item, (article = { item: need.item, label: need.label, quantity: 0, amountHt: 0 }));
      article.quantity += need.quantity;
      article.amountHt = need.amountHt === null || article.amountHt === null ? null : article.amountHt + need.amountHt;
    }
  };
  for (const school of source.schools) {
    add(school.needs);
    for (const classroom of source.classroomsOf(school.uai)) add(classroom.needs);
  }
  return [...byItem.values()]
    .filter((a) => a.quantity > 0)
    .map((a) => ({ ...a, amountHt: a.amountHt === null ? null : roundCents(a.amountHt) }));
}
