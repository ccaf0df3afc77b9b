// Class rules C01–C05 of the référentiel v1, each judged by its evaluation in CLASSROOM_EVALUATORS. Equipment counts when working or degraded and not obsolete; a
// computer's obsolescence is C03's warning, not a failure of C02 (domain.md: an obsolete computer fails C03, not
// the socle). A value that is not recorded gives "non renseigné", never a silent pass or fail; a rule that fails
// says why, in the référentiel's words filled with what was recorded ("VPI de 2016 : plus de 8 ans").
import type { ClassroomData, Condition } from '../model/types';
import type { ClassroomRuleId, Referential, RuleDef, RuleId } from '../model/referential';
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

function displayFailure(d: ClassroomData['display'], ctx: GapContext): string | null {
  if (d.type === 'none') return reasonOf('C01', 'none');
  if (d.type === 'tv') return reasonOf('C01', 'tv');
  if (d.type === null) return null;
  const equipment = DISPLAY_SHORT_LABELS[d.type];
  if (d.condition !== null && !usable(d.condition)) return reasonOf('C01', 'unusable', { equipment, condition: conditionText(d.condition) });
  const maxAge = ctx.referential.params.displayMaxAgeYears;
  if (olderThan(d.year, maxAge, ctx)) return reasonOf('C01', 'tooOld', { equipment, year: d.year as number, maxAge });
  return null;
}

function displayRule(d: ClassroomData['display'], ctx: GapContext, needs: Need[]): RuleResult {
  const failure = displayFailure(d, ctx);
  if (failure !== null) {
    needs.push(need(ctx.referential, 'C01', 'display', 1, failure), need(ctx.referential, 'C01', 'display-installation', 1, failure));
    return fails('C01', failure);
  }
  if (d.type === null) return result('C01', 'unknown', [label('display.type')]);
  const missing = [d.condition === null && label('display.condition'), d.year === null && label('display.year')];
  return unknownOr('C01', missing);
}

function computerFailure(c: ClassroomData['computer']): string | null {
  if (c.type === 'none') return reasonOf('C02', 'none');
  if (c.condition !== null && !usable(c.condition)) return reasonOf('C02', 'unusable', { condition: conditionText(c.condition) });
  return null;
}

function computerRule(c: ClassroomData['computer'], ctx: GapContext, needs: Need[]): RuleResult {
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
function computerSpecRule(c: ClassroomData['computer'], ctx: GapContext, needs: Need[]): RuleResult {
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

function networkRule(n: ClassroomData['network'], ctx: GapContext, needs: Need[]): RuleResult {
  if (n.access === null) return result('C04', 'unknown', [label('network.access')]);
  if (n.access !== 'none') return result('C04', 'holds');
  const reason = reasonOf('C04', 'none');
  needs.push(need(ctx.referential, 'C04', 'classroom-connection', 1, reason));
  return fails('C04', reason);
}

function documentCameraRule(v: ClassroomData['documentCamera']): RuleResult {
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

type ClassroomEvaluator = (data: ClassroomData, ctx: GapContext, needs: Need[]) => RuleResult;

/**
 * How each class rule of the référentiel is judged, by its id. Which rules are judged, in which order, and which
 * ones the socle requires come from the référentiel (rule-plan.ts); adding a rule is its data in referential.ts
 * and its evaluation here.
 */
export const CLASSROOM_EVALUATORS: Readonly<Record<ClassroomRuleId, ClassroomEvaluator>> = {
  C01: (data, ctx, needs) => displayRule(data.display, ctx, needs),
  C02: (data, ctx, needs) => computerRule(data.computer, ctx, needs),
  C03: (data, ctx, needs) => computerSpecRule(data.computer, ctx, needs),
  C04: (data, ctx, needs) => networkRule(data.network, ctx, needs),
  C05: (data) => documentCameraRule(data.documentCamera),
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
  for (const def of plan.classroom) rules.push(evaluatorOf(ctx, def.id)(data, ruleCtx(def.id), needs));
  return assemble(fiche, rules, needs, plan.required);
}

/**
 * After a change of référentiel that only the rules in `again` read: those rules judged anew, the others and their
 * needs kept from `before`. `before` itself when nothing came out different, so that the engine leaves its school
 * as it was.
 */
export function rejudgeClassroom(
  before: ClassroomGap,
  fiche: { id: string; uai: string; data: ClassroomData },
  ctx: GapContext,
  ruleCtx: RuleContexts,
  again: ReadonlySet<ClassroomRuleId>,
): ClassroomGap {
  const plan = rulePlan(ctx.referential);
  const defs = plan.classroom;
  const all = before.needs;
  // First the rules to judge again, compared with what they gave. A rule that gives the same keeps what it gave, so
  // a classroom that comes out the same allocates nothing (the engine runs this over 9,000 of them).
  let judged: Array<{ result: RuleResult; needs: Need[] } | undefined> | undefined;
  for (let i = 0, from = 0; i < defs.length; i += 1) {
    const id = (defs[i] as RuleDef & { id: ClassroomRuleId }).id;
    const end = needsEnd(all, id, from);
    if (again.has(id)) {
      scratch.length = 0;
      const result = evaluatorOf(ctx, id)(fiche.data, ruleCtx(id), scratch);
      if (!sameResult(result, before.rules[i] as RuleResult) || !sameNeeds(scratch, all, from, end)) {
        judged ??= [];
        judged[i] = { result, needs: scratch.slice() };
      }
    }
    from = end;
  }
  if (!judged) return before;
  const rules: RuleResult[] = [];
  const needs: Need[] = [];
  for (let i = 0, from = 0; i < defs.length; i += 1) {
    const id = (defs[i] as RuleDef & { id: ClassroomRuleId }).id;
    const end = needsEnd(all, id, from);
    const redone = judged[i];
    rules.push(redone ? redone.result : (before.rules[i] as RuleResult));
    if (redone) needs.push(...redone.needs);
    else for (let k = from; k < end; k += 1) needs.push(all[k] as Need);
    from = end;
  }
  return assemble(fiche, rules, needs, plan.required);
}

/** The needs of the rule being judged again, before they are known to differ. */
const scratch: Need[] = [];

/** Where the needs of rule `id` that start at `from` end: a rule's needs are contiguous, in the rules' order. */
function needsEnd(needs: readonly Need[], id: ClassroomRuleId, from: number): number {
  let end = from;
  while (end < needs.length && (needs[end] as Need).rule === id) end += 1;
  return end;
}

function evaluatorOf(ctx: GapContext, rule: ClassroomRuleId): ClassroomEvaluator {
  const evaluate = CLASSROOM_EVALUATORS[rule];
  if (!evaluate) throw missingEvaluation(ctx.referential, rule);
  return evaluate;
}

function assemble(fiche: { id: string; uai: string; data: ClassroomData }, rules: RuleResult[], needs: Need[], required: ReadonlySet<RuleId>): ClassroomGap {
  const { costHt, unpricedItems } = costsOf(needs);
  const meetsSocle = requiredHold(rules, required);
  return { id: fiche.id, uai: fiche.uai, label: fiche.data.label, rules, needs, meetsSocle, recorded: equipmentRecorded(fiche.data), costHt, unpricedItems };
}

function sameResult(a: RuleResult, b: RuleResult): boolean {
  if (a === b) return true;
  return a.rule === b.rule && a.outcome === b.outcome && a.reason === b.reason && a.missing.length === b.missing.length && a.missing.every((m, i) => m === b.missing[i]);
}

/** Whether `a` is the same as `b[from..end)`. */
function sameNeeds(a: readonly Need[], b: readonly Need[], from: number, end: number): boolean {
  if (a.length !== end - from) return false;
  for (let i = 0; i < a.length; i += 1) {
    const n = a[i] as Need;
    const m = b[from + i] as Need;
    if (n.item !== m.item || n.reason !== m.reason || n.quantity !== m.quantity || n.unitPriceHt !== m.unitPriceHt || n.label !== m.label || n.amountHt !== m.amountHt) return false;
  }
  return true;
}
