// School rules E01–E09 of the référentiel v1, each judged by its evaluation in SCHOOL_EVALUATORS, and whether a
// school meets the socle. A rule that fails says why
// ("14 terminaux comptés sur 30 requis (11 classes)", "Flotte n° 2 sans MDM"); E04 says where its threshold is set.
import type { SchoolData } from '../model/types';
import type { DirectorySchool } from '../model/school';
import type { SchoolRuleId } from '../model/referential';
import { FLEET_LABELS, fieldLabel } from '../model/labels';
import type { ClassroomGap, Need, RuleResult, SchoolGap, SchoolStatusCode, TerminalCount } from './types';
import { fromAnswer, result } from './outcome';
import { missingEvaluation, rulePlan } from './rule-plan';
import { costsOf, need } from './needs';
import { requiredHold, tooOld, type GapContext } from './classroom-rules';
import { joinReasons, reasonOf, reasonText } from './reasons';

const labels = new Map<string, string>();
const label = (path: string) => {
  let text = labels.get(path);
  if (text === undefined) labels.set(path, (text = fieldLabel(`data.${path}`)));
  return text;
};
const NO_SCHOOL_FICHE = "Fiche de l'école";
const fails = (rule: RuleResult['rule'], reason: string) => result(rule, 'fails', undefined, reason);
/** "0 terminal compté", "14 terminaux comptés": in French 0 and 1 take the singular. */
const plural = (n: number, one: string, many: string) => `${n} ${n < 2 ? one : many}`;

/** How many classes the school has: its fiche says, else the directory, else the classrooms audited. */
export function classesOf(data: SchoolData | undefined, school: DirectorySchool | undefined, audited: number): Pick<TerminalCount, 'classes' | 'classesSource'> {
  if (data?.classesCount != null) return { classes: data.classesCount, classesSource: 'fiche' };
  if (school?.classes != null) return { classes: school.classes, classesSource: 'annuaire' };
  return audited > 0 ? { classes: audited, classesSource: 'classes auditées' } : { classes: null, classesSource: null };
}

export function terminalsRule(data: SchoolData, classes: Pick<TerminalCount, 'classes' | 'classesSource'>, ctx: GapContext, needs: Need[]) {
  const { terminalsPerGroup, classesPerGroup, maxAgeYears } = ctx.referential.params;
  let counted = 0;
  let oldFleets = false;
  for (const fleet of data.fleets) {
    if (tooOld(fleet.year, ctx)) oldFleets ||= fleet.workingCount > 0;
    else counted += fleet.workingCount;
  }
  const required = classes.classes === null ? null : terminalsPerGroup * Math.ceil(classes.classes / classesPerGroup);
  const terminals: TerminalCount = { classes: classes.classes, classesSource: classes.classesSource, required, counted };
  if (required === null) return { terminals, rule: result('E01', 'unknown', [label('classesCount')]) };
  if (counted >= required) return { terminals, rule: result('E01', 'holds') };
  const parts = [reasonText('E01', 'short', { counted: plural(counted, 'terminal compté', 'terminaux comptés'), required, classes: plural(classes.classes as number, 'classe', 'classes') })];
  if (oldFleets) parts.push(reasonText('E01', 'oldFleets', { maxAge: maxAgeYears }));
  const reason = joinReasons(parts);
  needs.push(need(ctx.referential, 'E01', 'mobile-terminal', required - counted, reason));
  return { terminals, rule: fails('E01', reason) };
}

/** "flotte" for the only one, "flotte n° 2 (tablettes)" when there are several. */
function fleetName(data: SchoolData, index: number): string {
  if (data.fleets.length === 1) return 'flotte';
  const type = data.fleets[index]?.type;
  return `flotte n° ${index + 1}${type ? ` (${FLEET_LABELS[type].toLowerCase()})` : ''}`;
}

function fleetsRule(data: SchoolData, ctx: GapContext, needs: Need[]): RuleResult {
  if (data.fleets.length === 0) return result('E02', 'not-applicable');
  const missing = new Set<string>();
  const reasons: string[] = [];
  data.fleets.forEach((fleet, index) => {
    if (fleet.charging === null) missing.add(label('fleets.charging'));
    else if (fleet.charging === 'none') {
      const reason = reasonOf('E02', 'noCharging', { fleet: fleetName(data, index) });
      reasons.push(reasonText('E02', 'noCharging', { fleet: fleetName(data, index) }));
      needs.push(need(ctx.referential, 'E02', 'charging-cart', 1, reason));
    }
    if (fleet.mdm === null) missing.add(label('fleets.mdm'));
    else if (!fleet.mdm) {
      const reason = reasonOf('E02', 'noMdm', { fleet: fleetName(data, index) });
      reasons.push(reasonText('E02', 'noMdm', { fleet: fleetName(data, index) }));
      needs.push(need(ctx.referential, 'E02', 'mdm-licence', fleet.count, reason));
    }
  });
  if (reasons.length > 0) return fails('E02', joinReasons(reasons));
  return missing.size > 0 ? result('E02', 'unknown', [...missing]) : result('E02', 'holds');
}

function wifiRule(data: SchoolData, classes: number | null, ctx: GapContext, needs: Need[]): RuleResult {
  const { coverage, switchable, accessPoints } = data.wifi;
  const reasons: string[] = [];
  if (coverage !== null && coverage !== 'all') {
    const reason = reasonOf('E03', coverage);
    reasons.push(reasonText('E03', coverage));
    needs.push(need(ctx.referential, 'E03', 'access-point', Math.max(1, (classes ?? 1) - (accessPoints ?? 0)), reason));
  }
  if (switchable === false) reasons.push(reasonText('E03', 'notSwitchable'));
  if (reasons.length > 0) return fails('E03', joinReasons(reasons));
  const missing = [coverage === null && label('wifi.coverage'), switchable === null && label('wifi.switchable')];
  const unknown = missing.filter((m): m is string => typeof m === 'string');
  return unknown.length > 0 ? result('E03', 'unknown', unknown) : result('E03', 'holds');
}

function internetRule(data: SchoolData | undefined, ctx: GapContext): RuleResult {
  const min = ctx.referential.params.minDownloadMbps;
  if (min === null) return result('E04', 'not-evaluated', undefined, reasonOf('E04', 'notSet'));
  if (!data) return result('E04', 'unknown', [NO_SCHOOL_FICHE]);
  const speed = data.internet.downloadMbps;
  if (speed === null) return result('E04', 'unknown', [label('internet.downloadMbps')]);
  return speed >= min ? result('E04', 'holds') : fails('E04', reasonOf('E04', 'slow', { speed, min }));
}

function peripheralsRule(data: SchoolData): RuleResult {
  const { printerScanner, camera } = data.peripherals;
  const reasons = [printerScanner === false && reasonText('E09', 'noPrinterScanner'), camera === false && reasonText('E09', 'noCamera')]
    .filter((r): r is string => typeof r === 'string');
  if (reasons.length > 0) return fails('E09', joinReasons(reasons));
  const missing = [printerScanner === null && label('peripherals.printerScanner'), camera === null && label('peripherals.camera')];
  const unknown = missing.filter((m): m is string => typeof m === 'string');
  return unknown.length > 0 ? result('E09', 'unknown', unknown) : result('E09', 'holds');
}

/** What a school rule is judged on. E01 also says how it counted the terminals. */
interface SchoolInput {
  data: SchoolData | undefined;
  classes: Pick<TerminalCount, 'classes' | 'classesSource'>;
  ctx: GapContext;
  needs: Need[];
  terminals: TerminalCount;
}

type SchoolEvaluator = (school: SchoolInput) => RuleResult;

/** A rule that needs the school fiche: "non renseigné" (the fiche) while there is none. */
const onFiche = (rule: SchoolRuleId, evaluate: (data: SchoolData, school: SchoolInput) => RuleResult): SchoolEvaluator =>
  (school) => (school.data ? evaluate(school.data, school) : result(rule, 'unknown', [NO_SCHOOL_FICHE]));

const yesNo = (rule: SchoolRuleId, answer: (data: SchoolData) => boolean | null, field: string): SchoolEvaluator =>
  onFiche(rule, (data) => fromAnswer(rule, answer(data), label(field), reasonOf(rule, 'no')));

/**
 * How each school rule of the référentiel is judged, by its id; which rules are judged, in which order, and which
 * ones the socle requires come from the référentiel (rule-plan.ts).
 */
export const SCHOOL_EVALUATORS: Readonly<Record<SchoolRuleId, SchoolEvaluator>> = {
  E01: onFiche('E01', (data, school) => {
    const { terminals, rule } = terminalsRule(data, school.classes, school.ctx, school.needs);
    school.terminals = terminals;
    return rule;
  }),
  E02: onFiche('E02', (data, school) => fleetsRule(data, school.ctx, school.needs)),
  E03: onFiche('E03', (data, school) => wifiRule(data, school.classes.classes, school.ctx, school.needs)),
  E04: (school) => internetRule(school.data, school.ctx), // not evaluated without a threshold, fiche or not
  E05: yesNo('E05', (data) => data.filtering, 'filtering'),
  E06: yesNo('E06', (data) => data.usageCharter, 'usageCharter'),
  E07: yesNo('E07', (data) => data.ent.used, 'ent.used'),
  E08: yesNo('E08', (data) => data.resources, 'resources'),
  E09: onFiche('E09', (data) => peripheralsRule(data)),
};

export function schoolRules(data: SchoolData | undefined, classes: Pick<TerminalCount, 'classes' | 'classesSource'>, ctx: GapContext) {
  const school: SchoolInput = { data, classes, ctx, needs: [], terminals: { classes: classes.classes, classesSource: classes.classesSource, required: null, counted: null } };
  const rules: RuleResult[] = [];
  for (const def of rulePlan(ctx.referential).school) {
    const evaluate = SCHOOL_EVALUATORS[def.id];
    if (!evaluate) throw missingEvaluation(ctx.referential, def.id);
    rules.push(evaluate(school));
  }
  return { rules, needs: school.needs, terminals: school.terminals };
}

function statusOf(schoolData: SchoolData | undefined, classrooms: number): SchoolStatusCode {
  if (schoolData) return schoolData.status === 'complete' ? 'complete' : 'draft';
  return classrooms > 0 ? 'in-progress' : 'todo';
}

/** Whether two gaps of a classroom count the same for its school: what computeSchoolGap reads of a classroom. */
export function sameForSchool(a: ClassroomGap, b: ClassroomGap): boolean {
  return a.meetsSocle === b.meetsSocle && a.recorded === b.recorded && a.costHt === b.costHt && a.unpricedItems === b.unpricedItems;
}

export function computeSchoolGap(
  uai: string,
  schoolData: SchoolData | undefined,
  classrooms: readonly ClassroomGap[],
  directory: DirectorySchool | undefined,
  ctx: GapContext,
): SchoolGap {
  const classes = classesOf(schoolData, directory, classrooms.length);
  const { rules, needs, terminals } = schoolRules(schoolData, classes, ctx);
  let meeting = 0;
  let failing = 0;
  let audited = 0;
  for (const c of classrooms) {
    if (c.meetsSocle === true) meeting += 1;
    else if (c.meetsSocle === false) failing += 1;
    if (c.recorded) audited += 1;
  }
  const unknown = classrooms.length - meeting - failing;
  const own = costsOf(needs);
  const required = requiredHold(rules, rulePlan(ctx.referential).required);
  const allClassesAudited = classrooms.length > 0 && (classes.classes === null || classrooms.length >= classes.classes);
  let meetsSocle: boolean | null = null;
  if (failing > 0 || required === false) meetsSocle = false;
  else if (unknown === 0 && required === true && allClassesAudited) meetsSocle = true;
  const status = statusOf(schoolData, classrooms.length);
  return {
    uai,
    inDirectory: directory !== undefined,
    audited: status === 'complete',
    hasFiches: status !== 'todo',
    status,
    rules,
    needs,
    classrooms: classrooms.length,
    classroomsAudited: audited,
    classroomsMeeting: meeting,
    classroomsFailing: failing,
    classroomsUnknown: unknown,
    terminals,
    newTeachers: schoolData?.newTeachers ?? 0,
    meetsSocle,
    costHt: Math.round((own.costHt + classrooms.reduce((s, c) => s + c.costHt, 0)) * 100) / 100,
    unpricedItems: own.unpricedItems + classrooms.reduce((s, c) => s + c.unpricedItems, 0),
  };
}
