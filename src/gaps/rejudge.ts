// After a change of référentiel that some class rules read (a parameter such as the displays' maximal age), those
// rules judged again over every classroom. A rule reads a few fields of one group of the fiche (classroom-rules.ts)
// and 9,000 classrooms hold a few hundred distinct values of them. Each classroom's values are interned once per
// revision of its fiche (RuleInputs); a change of référentiel judges each distinct value once with the référentiel
// before and once with the one after, and leaves a classroom whose values come out the same both ways as it was,
// with no rule run, no lookup and nothing allocated.
import { CLASSROOM_RULE_IDS, type ClassroomRuleId } from '../model/referential';
import type { ClassroomData } from '../model/types';
import { evaluationOf, requiredHold, type ClassroomEvaluation, type GapContext, type RuleContexts } from './classroom-rules';
import { costsOf } from './needs';
import { rulePlan, type RulePlan } from './rule-plan';
import type { ClassroomGap, Need, RuleResult } from './types';

/** A rule's judgement of one set of values under a change of référentiel. */
interface Judgement {
  /** Whether the new référentiel gives these values another result or other needs than the one before. */
  changed: boolean;
  result: RuleResult;
  needs: readonly Need[];
}

/** One distinct set of values of the fields a rule reads, shared by every classroom that holds it. */
interface Inputs {
  /** The group of the fiche where they were first found (the rule reads only these fields of it). */
  group: object;
  /** The change of référentiel `judgement` belongs to. */
  pass: number;
  judgement: Judgement | undefined;
}

/** What the engine keeps beside each classroom for this module: its interned values, by rule (CLASSROOM_RULE_IDS order). */
export interface Interned {
  inputs: Array<Inputs | undefined> | undefined;
}

const LEAF = Symbol('inputs');
type Node = Map<unknown, Node | Inputs>;

/** The engine's table of the distinct values of each rule's fields, kept from one change of référentiel to the next. */
export class RuleInputs {
  private readonly tables = CLASSROOM_RULE_IDS.map((): Node => new Map());
  private passes = 0;

  /** A pass over the classrooms for a change of référentiel (see Rejudge). */
  pass(before: GapContext, classroom: GapContext, after: RuleContexts, again: ReadonlySet<ClassroomRuleId>): Rejudge {
    return new Rejudge(this, (this.passes += 1), before, classroom, after, again);
  }

  /** The values of `rule`'s fields in `data`, the same object for every classroom that holds them. */
  of(rule: number, evaluation: ClassroomEvaluation, data: ClassroomData): Inputs {
    const group = data[evaluation.group] as unknown as Record<string, unknown>;
    let node = this.tables[rule] as Node;
    for (const field of evaluation.fields) {
      const value = group[field];
      let next = node.get(value) as Node | undefined;
      if (next === undefined) node.set(value, (next = new Map()));
      node = next;
    }
    let inputs = node.get(LEAF) as Inputs | undefined;
    if (inputs === undefined) node.set(LEAF, (inputs = { group, pass: 0, judgement: undefined }));
    return inputs;
  }
}

interface Rejudged {
  id: ClassroomRuleId;
  /** Its place in CLASSROOM_RULE_IDS, where a classroom's interned values are. */
  rule: number;
  /** Its place in the plan, which is the place of its result in a classroom's rules. */
  index: number;
  evaluation: ClassroomEvaluation;
}

export class Rejudge {
  private readonly plan: RulePlan;
  private readonly rules: Rejudged[] = [];
  /** The judgements of the classroom at hand, by place in the plan (undefined for the rules kept). */
  private readonly found: Array<Judgement | undefined>;

  /**
   * `before`: the référentiel the classrooms' gaps were computed with; `classroom` and `after`: the new one, for
   * what a classroom reads outside its rules and for each rule (the engine records what they read).
   */
  constructor(
    private readonly table: RuleInputs,
    private readonly stamp: number,
    private readonly before: GapContext,
    classroom: GapContext,
    private readonly after: RuleContexts,
    again: ReadonlySet<ClassroomRuleId>,
  ) {
    this.plan = rulePlan(classroom.referential);
    this.plan.classroom.forEach(({ id }, index) => {
      if (again.has(id)) this.rules.push({ id, rule: CLASSROOM_RULE_IDS.indexOf(id), index, evaluation: evaluationOf(classroom.referential, id) });
    });
    this.found = new Array<Judgement | undefined>(this.plan.classroom.length);
  }

  /**
   * The classroom's gap under the new référentiel: `gap` itself when none of the rules judged again changes for it.
   * `interned` is what the engine keeps beside the classroom, cleared when its fiche changes.
   */
  classroom(gap: ClassroomGap, fiche: { data: ClassroomData }, interned: Interned): ClassroomGap {
    let changed = false;
    const all = (interned.inputs ??= []);
    for (const rule of this.rules) {
      let inputs = all[rule.rule];
      if (inputs === undefined) all[rule.rule] = inputs = this.table.of(rule.rule, rule.evaluation, fiche.data);
      if (inputs.pass !== this.stamp) [inputs.pass, inputs.judgement] = [this.stamp, this.judge(rule, inputs.group)];
      const judgement = inputs.judgement as Judgement;
      this.found[rule.index] = judgement;
      if (judgement.changed) changed = true;
    }
    if (!changed) return gap;
    // A rule's needs are contiguous in a classroom's, in the plan's order: the kept ones are copied, the others replaced.
    const defs = this.plan.classroom;
    const before = gap.needs;
    const rules: RuleResult[] = [];
    const needs: Need[] = [];
    for (let i = 0, from = 0; i < defs.length; i += 1) {
      const id = (defs[i] as (typeof defs)[number]).id;
      let end = from;
      while (end < before.length && (before[end] as Need).rule === id) end += 1;
      const judgement = this.found[i];
      if (judgement?.changed) {
        rules.push(judgement.result);
        for (const n of judgement.needs) needs.push(n);
      } else {
        rules.push(gap.rules[i] as RuleResult);
        for (let k = from; k < end; k += 1) needs.push(before[k] as Need);
      }
      from = end;
    }
    // What a classroom records does not depend on the référentiel: kept, with its name.
    const { costHt, unpricedItems } = costsOf(needs);
    const { id, uai, label, recorded } = gap;
    return { id, uai, label, rules, needs, meetsSocle: requiredHold(rules, this.plan.required), recorded, costHt, unpricedItems };
  }

  private judge(rule: Rejudged, input: object): Judgement {
    const neededBefore: Need[] = [];
    const needs: Need[] = [];
    const was = rule.evaluation.judge(input, this.before, neededBefore);
    const result = rule.evaluation.judge(input, this.after(rule.id), needs);
    // The needs are shared by the classrooms with these values: frozen, as the results are.
    for (const n of needs) Object.freeze(n);
    return { changed: !sameResult(was, result) || !sameNeeds(neededBefore, needs), result, needs: Object.freeze(needs) };
  }
}

function sameResult(a: RuleResult, b: RuleResult): boolean {
  if (a === b) return true;
  return a.rule === b.rule && a.outcome === b.outcome && a.reason === b.reason && a.missing.length === b.missing.length && a.missing.every((m, i) => m === b.missing[i]);
}

function sameNeeds(a: readonly Need[], b: readonly Need[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((n, i) => {
    const m = b[i] as Need;
    return n.item === m.item && n.reason === m.reason && n.quantity === m.quantity && n.unitPriceHt === m.unitPriceHt && n.label === m.label && n.amountHt === m.amountHt;
  });
}
