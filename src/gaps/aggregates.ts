// The département's figures from the schools' gaps: by chef de file, circonscription, commune and éducation
// prioritaire, with the State's estimated share. Every total is a sum of the same schools' figures.
import type { DirectorySchool } from '../model/school';
import { chefDeFileIds, chefDeFileLabel, type Territory } from '../territory/territory';
import type { FundingRule, Referential } from '../model/referential';
import type { Aggregate, DepartementReport, SchoolGap } from './types';
import { roundCents } from './needs';
import { naturalCompare } from '../model/natural-sort';

export const OUT_OF_DIRECTORY = 'hors-annuaire';
const OUT_OF_DIRECTORY_LABEL = 'Hors annuaire';

/** The State's share of a collectivité's equipment spending: one rate for the whole amount, by threshold. */
export function stateShareRate(equipmentHt: number, funding: FundingRule): number {
  return equipmentHt < funding.equipmentThresholdHt ? funding.stateShareBelow : funding.stateShareAtOrAbove;
}

function emptyAggregate(key: string, label: string): Aggregate {
  return {
    key, label, schools: 0, schoolsAudited: 0, schoolsInProgress: 0, schoolsMeeting: 0, classesAudited: 0, classesMeeting: 0, classesToEquip: 0,
    classesUnknown: 0, newTeachers: 0, costHt: 0, unpricedItems: 0, stateShareHt: 0,
  };
}

function add(aggregate: Aggregate, school: SchoolGap, rate: number): void {
  aggregate.schools += 1;
  if (school.audited) aggregate.schoolsAudited += 1;
  else if (school.hasFiches) aggregate.schoolsInProgress += 1;
  if (school.meetsSocle === true) aggregate.schoolsMeeting += 1;
  aggregate.classesAudited += school.classroomsAudited;
  aggregate.classesMeeting += school.classroomsMeeting;
  aggregate.classesToEquip += school.classroomsFailing;
  aggregate.classesUnknown += school.classroomsUnknown;
  aggregate.newTeachers += school.newTeachers;
  aggregate.costHt += school.costHt;
  aggregate.unpricedItems += school.unpricedItems;
  aggregate.stateShareHt += roundCents(school.costHt * rate); // per school, so every total is a sum of cents
}

function finish(aggregates: Map<string, Aggregate>): Aggregate[] {
  const list = [...aggregates.values()];
  for (const a of list) {
    a.costHt = roundCents(a.costHt);
    a.stateShareHt = roundCents(a.stateShareHt);
  }
  return list;
}

/**
 * Whether nothing of the group is recorded yet: every figure is zero but its count of schools, which comes from the
 * directory (the Département screen can hide such rows).
 */
export function recordsNothing(a: Aggregate): boolean {
  return [
    a.schoolsAudited, a.schoolsInProgress, a.schoolsMeeting, a.classesAudited, a.classesMeeting, a.classesToEquip,
    a.classesUnknown, a.newTeachers, a.costHt, a.unpricedItems, a.stateShareHt,
  ].every((figure) => figure === 0);
}

type Keyed = (school: DirectorySchool | undefined) => readonly [key: string, label: string];
type GroupingName = 'byChefDeFile' | 'byCirconscription' | 'byCommune' | 'byEducationPrioritaire';

function groupings(territory: Territory): Record<GroupingName, Keyed> {
  return {
    byChefDeFile: (s) => chefDeFileGroup(territory, s),
    byCirconscription: (s) => (s ? [s.circonscription, s.circonscription] : [OUT_OF_DIRECTORY, OUT_OF_DIRECTORY_LABEL]),
    byCommune: (s) => (s ? [s.communeCode, s.commune] : [OUT_OF_DIRECTORY, OUT_OF_DIRECTORY_LABEL]),
    byEducationPrioritaire: (s) => (s ? [s.educationPrioritaire ?? 'hors-ep', s.educationPrioritaire ?? 'Hors éducation prioritaire'] : [OUT_OF_DIRECTORY, OUT_OF_DIRECTORY_LABEL]),
  };
}

/** The chef de file of a school's gap: its collectivité, or "hors annuaire". */
export function chefDeFileGroup(territory: Territory, school: DirectorySchool | undefined): readonly [key: string, label: string] {
  return school ? [school.chefDeFile, chefDeFileLabel(territory, school.chefDeFile)] : [OUT_OF_DIRECTORY, OUT_OF_DIRECTORY_LABEL];
}

/**
 * How screens and sheets order chefs de file: the territory's order, then any id it does not list (a school imported
 * under another configuration), then "hors annuaire".
 */
export function chefDeFileOrder(territory: Territory): (a: string, b: string) => number {
  const ids = chefDeFileIds(territory);
  const rank = (key: string) => (key === OUT_OF_DIRECTORY ? ids.length + 1 : ids.includes(key) ? ids.indexOf(key) : ids.length);
  return (a, b) => rank(a) - rank(b) || (rank(a) === ids.length ? a.localeCompare(b) : 0);
}

/** The State's share rate of each school: it depends on its collectivité's whole equipment spending. */
export function stateShareRates(
  list: readonly SchoolGap[],
  directory: ReadonlyMap<string, DirectorySchool>,
  referential: Referential,
): (gap: SchoolGap) => number {
  // The key is the school's own chef de file: the territory's labels have no part in it.
  const keyOf = (gap: SchoolGap) => directory.get(gap.uai)?.chefDeFile ?? OUT_OF_DIRECTORY;
  const spending = new Map<string, number>();
  for (const gap of list) spending.set(keyOf(gap), (spending.get(keyOf(gap)) ?? 0) + gap.costHt);
  return (gap) => stateShareRate(spending.get(keyOf(gap)) ?? 0, referential.funding);
}

/** The schools' figures summed by any key (the spreadsheet's chef de file × circonscription pairs). */
export function aggregateBy(
  schools: Iterable<SchoolGap>,
  directory: ReadonlyMap<string, DirectorySchool>,
  referential: Referential,
  keyOf: (school: DirectorySchool | undefined) => readonly [key: string, label: string],
): Aggregate[] {
  const list = [...schools];
  const rateOf = stateShareRates(list, directory, referential);
  const groups = new Map<string, Aggregate>();
  for (const gap of list) {
    const [key, label] = keyOf(directory.get(gap.uai));
    let aggregate = groups.get(key);
    if (!aggregate) groups.set(key, (aggregate = emptyAggregate(key, label)));
    add(aggregate, gap, rateOf(gap));
  }
  return finish(groups);
}

export function buildDepartement(
  schools: Iterable<SchoolGap>,
  directory: ReadonlyMap<string, DirectorySchool>,
  referential: Referential,
): DepartementReport {
  const list = [...schools];
  const rateOf = stateShareRates(list, directory, referential);

  const { territory } = referential;
  const total = emptyAggregate('departement', `Département ${territory.nameWithArticle}`);
  const keyings = groupings(territory);
  const groups = Object.fromEntries(Object.keys(keyings).map((name) => [name, new Map<string, Aggregate>()])) as Record<GroupingName, Map<string, Aggregate>>;
  for (const gap of list) {
    const rate = rateOf(gap);
    add(total, gap, rate);
    for (const [name, keyed] of Object.entries(keyings) as Array<[GroupingName, Keyed]>) {
      const [key, label] = keyed(directory.get(gap.uai));
      let aggregate = groups[name].get(key);
      if (!aggregate) groups[name].set(key, (aggregate = emptyAggregate(key, label)));
      add(aggregate, gap, rate);
    }
  }
  // Schools out of the directory come last in every grouping; labels sort as people read them ("Circonscription 2"
  // before "Circonscription 10").
  const chefOrder = chefDeFileOrder(territory);
  const byLabel = (a: Aggregate, b: Aggregate) =>
    Number(a.key === OUT_OF_DIRECTORY) - Number(b.key === OUT_OF_DIRECTORY) || naturalCompare(a.label, b.label);
  return {
    total: finish(new Map([['departement', total]]))[0] as Aggregate,
    byChefDeFile: finish(groups.byChefDeFile).sort((a, b) => chefOrder(a.key, b.key)),
    byCirconscription: finish(groups.byCirconscription).sort(byLabel),
    byCommune: finish(groups.byCommune).sort(byLabel),
    byEducationPrioritaire: finish(groups.byEducationPrioritaire).sort(byLabel),
    targets: { ...referential.targets },
  };
}
