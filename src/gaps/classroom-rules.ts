// Class rules C01–C05 of the référentiel v1, each judged by its evaluation in CLASSROOM_EVALUATORS. Equipment counts when working or degraded and not obsolete; a
// computer's obsolescence is C03's warning, not a failure of C02 (domain.md: an obsolete computer fails C03, not
// the socle). A value that is not recorded gives "non renseigné", never a silent pass or fail; a rule that fails
// says why, in the référentiel's words filled with what was recorded ("VPI de 2016 : plus de 8 ans").
import type { ClassroomData, Condition } from '../model/types';
import type { ClassroomRuleId, Referential, RuleId } from '../model/referential';
import { CONDITION_LABELS, DISPLAY_SHORT_LABELS, fieldLabel } from '../model/labels';
import type { ClassroomGap, Need, RuleResult } from './types';
import { result } from './outcome';
import { missingEvaluation, rulePlan } from './rule-plan';
import { costsOf, need } from './needs';
import { joinReasons, reasonOf, reasonText } from './reasons';

export interface GapContext {
  referential: Referential;
  currentYear: number;
}

const usable = (condition: Condition) => condition === 'working' || condition === 'degraded';
const conditionText = (condition: Condition) => CONDITION_LABELS[condition].toLowerCase();
// Labels looked up once: the engine runs over thousands of classrooms.
const labels = new Map<string, string>();
const label = (path: string) => {
  let text = labels.get(path);
  if (text === undefined) labels.set(path, (text = fieldLabel(`data.${path}`)));
  return text;
};

/** True when older than `maxAge` years, null when the year is not recorded. */
export function olderThan(year: number | null, maxAge: number, ctx: GapContext): boolean | null {
  return year === null ? null : ctx.currentYear - year > maxAge;
}

/** A computer or a fleet older than maxAgeYears; null when the year is not recorded. */
export function tooOld(year: number | null, ctx: GapContext): boolean | null {
  return olderThan(year, ctx.referential.params.maxAgeYears, ctx);
}

const fails = (rule: RuleId, reason: string) => result(rule, 'fails', undefined, reason);

/** Part of a group of the fiche: what a rule reads of it, all it is given. */
type Reads<G extends EquipmentGroup, F extends keyof ClassroomData[G]> = Pick<ClassroomData[G], F>;
type EquipmentGroup = 'display' | 'computer' | 'network' | 'documentCamera';

function displayFailure(d: Reads<'display', 'type' | 'condition' | 'year'>, ctx: GapContext): string | null {
  if (d.type === 'none') return reasonOf('C01', 'none');
  if (d.type === 'tv') return reasonOf('C01', 'tv');
  if (d.type === null) return null;
  const equipment = DISPLAY_SHORT_LABELS[d.type];
  if (d.condition !== null && !usable(d.condition)) return reasonOf('C01', 'unusable', { equipment, condition: conditionText(d.condition) });
  const maxAge = ctx.referential.params.displayMaxAgeYears;
  if (olderThan(d.year, maxAge, ctx)) return reasonOf('C01', 'tooOld', { equipment, year: d.year as number, maxAge });
  return null;
}

function displayRule(d: Reads<'display', 'type' | 'condition' | 'year'>, ctx: GapContext, needs: Need[]): RuleResult {
  const failure = displayFailure(d, ctx);
  if (failure !== null) {
    needs.push(need(ctx.referential, 'C01', 'display', 1, failure), need(ctx.referential, 'C01', 'display-installation', 1, failure));
    return fails('C01', failure);
  }
  if (d.type === null) return result('C01', 'unknown', [label('display.type')]);
  const missing = [d.condition === null && label('display.condition'), d.year === null && label('display.year')];
  return unknownOr('C01', missing);
}

function computerFailure(c: Reads<'computer', 'type' | 'condition'>): string | null {
  if (c.type === 'none') return reasonOf('C02', 'none');
  if (c.condition !== null && !usable(c.condition)) return reasonOf('C02', 'unusable', { condition: conditionText(c.condition) });
  return null;
}

function computerRule(c: Reads<'computer', 'type' | 'condition' | 'linkedToDisplay'>, ctx: GapContext, needs: Need[]): RuleResult {
  const failure = computerFailure(c);
  if (failure !== null) {
    needs.push(need(ctx.referential, 'C02', 'class-computer', 1, failure));
    return fails('C02', failure);
  }
  if (c.type === null) return result('C02', 'unknown', [label('computer.type')]);
  if (c.linkedToDisplay === false) {
    const reason = reasonOf('C02', 'notLinked');
    needs.push(need(ctx.referential, 'C02', 'display-link', 1, reason));
    return fails('C02', reason);
  }
  const missing = [c.condition === null && label('computer.condition'), c.linkedToDisplay === null && label('computer.linkedToDisplay')];
  return unknownOr('C02', missing);
}

/**
 * C03 judges a computer that is there and not broken (a broken one is C02's need), even if its state is unknown,
 * and names every criterion that fails: its age, its memory, its disk.
 */
function computerSpecRule(c: Reads<'computer', 'type' | 'condition' | 'year' | 'ramGb' | 'storage'>, ctx: GapContext, needs: Need[]): RuleResult {
  if (c.type === null) return result('C03', 'unknown', [label('computer.type')]);
  if (computerFailure(c) !== null) return result('C03', 'not-applicable');
  const { minRamGb, maxAgeYears } = ctx.referential.params;
  const old = tooOld(c.year, ctx);
  const lowRam = c.ramGb === null ? null : c.ramGb < minRamGb;
  const hdd = c.storage === null ? null : c.storage === 'hdd';
  const criteria = [
    old && reasonText('C03', 'tooOld', { year: c.year as number, maxAge: maxAgeYears }),
    lowRam && reasonText('C03', 'lowRam', { ram: c.ramGb as number, minRam: minRamGb }),
    hdd && reasonText('C03', 'hdd'),
  ].filter((text): text is string => typeof text === 'string');
  if (criteria.length > 0) {
    const reason = joinReasons(criteria);
    // An old computer is replaced; a recent one with too little memory or a hard disk is upgraded.
    needs.push(need(ctx.referential, 'C03', old ? 'class-computer' : 'computer-upgrade', 1, reason));
    return fails('C03', reason);
  }
  const missing = [old === null && label('computer.year'), lowRam === null && label('computer.ramGb'), hdd === null && label('computer.storage')];
  return unknownOr('C03', missing);
}

/** Holds when nothing is missing, else "non renseigné" with what is missing. */
function unknownOr(rule: RuleResult['rule'], missing: ReadonlyArray<string | false>): RuleResult {
  const absent = missing.filter((m): m is string => typeof m === 'string');
  return absent.length > 0 ? result(rule, 'unknown', absent) : result(rule, 'holds');
}

function networkRule(n: Reads<'network', 'access'>, ctx: GapContext, needs: Need[]): RuleResult {
  if (n.access === null) return result('C04', 'unknown', [label('network.access')]);
  if (n.access !== 'none') return result('C04', 'holds');
  const reason = reasonOf('C04', 'none');
  needs.push(need(ctx.referential, 'C04', 'classroom-connection', 1, reason));
  return fails('C04', reason);
}

function documentCameraRule(v: Reads<'documentCamera', 'present' | 'condition'>): RuleResult {
  if (v.present === null) return result('C05', 'unknown', [label('documentCamera.present')]);
  if (!v.present) return fails('C05', reasonOf('C05', 'absent'));
  if (v.condition === null) return result('C05', 'unknown', [label('documentCamera.condition')]);
  return usable(v.condition) ? result('C05', 'holds') : fails('C05', reasonOf('C05', 'unusable', { condition: conditionText(v.condition) }));
}

/** Whether anything of the classroom's equipment was recorded (its name, levels and pupils are not equipment). */
export function equipmentRecorded(data: ClassroomData): boolean {
  return recordedIn(data.display) || recordedIn(data.computer) || recordedIn(data.network) || recordedIn(data.documentCamera);
}

function recordedIn(group: object): boolean {
  for (const key in group) if ((group as Record<string, unknown>)[key] !== null) return true;
  return false;
}

/**
 * How a class rule is judged: the fields of one group of the fiche it reads, and its judgement of them, which is
 * given those fields and nothing else (its type says so). The engine relies on it: after a change of référentiel a
 * rule is judged once per distinct value of its fields, not once per classroom (rejudge.ts).
 */
export interface ClassroomEvaluation {
  group: EquipmentGroup;
  fields: readonly string[];
  judge: (input: object, ctx: GapContext, needs: Need[]) => RuleResult;
}

function evaluation<G extends EquipmentGroup, F extends keyof ClassroomData[G] & string>(
  group: G,
  fields: readonly F[],
  judge: (input: Reads<G, F>, ctx: GapContext, needs: Need[]) => RuleResult,
): ClassroomEvaluation {
  return { group, fields, judge: judge as ClassroomEvaluation['judge'] };
}

/**
 * How each class rule of the référentiel is judged, by its id. Which rules are judged, in which order, and which
 * ones the socle requires come from the référentiel (rule-plan.ts); adding a rule is its data in referential.ts
 * and its evaluation here.
 */
export const CLASSROOM_EVALUATORS: Readonly<Record<ClassroomRuleId, ClassroomEvaluation>> = {
  C01: evaluation('display', ['type', 'condition', 'year'], displayRule),
  C02: evaluation('computer', ['type', 'condition', 'linkedToDisplay'], computerRule),
  C03: evaluation('computer', ['type', 'condition', 'year', 'ramGb', 'storage'], computerSpecRule),
  C04: evaluation('network', ['access'], networkRule),
  C05: evaluation('documentCamera', ['present', 'condition'], (input) => documentCameraRule(input)),
};

/** Whether every rule the socle requires holds: false if one fails, null if one is unknown and none fails. */
export function requiredHold(rules: readonly RuleResult[], required: ReadonlySet<RuleId>): boolean | null {
  let unknown = false;
  for (const r of rules) {
    if (!required.has(r.rule)) continue;
    if (r.outcome === 'fails') return false;
    if (r.outcome === 'unknown') unknown = true;
  }
  return unknown ? null : true;
}

/** The context each rule is judged with: the same for all, or one per rule (the engine records what each one reads). */
export type RuleContexts = (rule: ClassroomRuleId) => GapContext;

export function computeClassroomGap(
  fiche: { id: string; uai: string; data: ClassroomData },
  ctx: GapContext,
  ruleCtx: RuleContexts = () => ctx,
): ClassroomGap {
  const { data } = fiche;
  const plan = rulePlan(ctx.referential);
  const needs: Need[] = [];
  const rules: RuleResult[] = [];
  for (const def of plan.classroom) {
    const { group, judge } = evaluationOf(ctx.referential, def.id);
    rules.push(judge(data[group], ruleCtx(def.id), needs));
  }
  return assemble(fiche, rules, needs, plan.required);
}

export function evaluationOf(referential: Referential, rule: ClassroomRuleId): ClassroomEvaluation {
  const evaluation = CLASSROOM_EVALUATORS[rule];
  if (!evaluation) throw missingEvaluation(referential, rule);
  return evaluation;
}

/** A classroom's gap from the results of its rules, in the plan's order, and their needs. */
function assemble(fiche: { id: string; uai: string; data: ClassroomData }, rules: RuleResult[], needs: Need[], required: ReadonlySet<RuleId>): ClassroomGap {
  const { costHt, unpricedItems } = costsOf(needs);
  const meetsSocle = requiredHold(rules, required);
  return { id: fiche.id, uai: fiche.uai, label: fiche.data.label, rules, needs, meetsSocle, recorded: equipmentRecorded(fiche.data), costHt, unpricedItems };
}
