// A class rule judged again after a change of référentiel, once per distinct value of the fields it reads: it must
// read nothing else, and what it gives each classroom must be what a fresh computation gives.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDepartement } from '../fixtures/departement/generate-departement';
import { CLASSROOM_EVALUATORS, computeClassroomGap, type GapContext } from '../../src/gaps/classroom-rules';
import { RuleInputs, type Interned } from '../../src/gaps/rejudge';
import type { ClassroomRuleId } from '../../src/model/referential';
import type { ClassroomFiche } from '../../src/model/types';
import { context, withParams } from './fixtures';
import type { ClassroomGap, Need } from '../../src/gaps/types';

let classrooms: ClassroomFiche[];
beforeAll(() => {
  const { fiches } = generateDepartement({ seed: 11, schools: 60, classrooms: 600, now: new Date('2026-12-15T12:00:00Z') });
  classrooms = fiches.filter((f): f is ClassroomFiche => f.kind === 'classroom' && !f.deleted);
});

/** Nothing interned yet for a classroom. */
const fresh = (): Interned => ({ inputs: undefined });

const RULES = Object.keys(CLASSROOM_EVALUATORS) as ClassroomRuleId[];

/** The group of the fiche the rule reads, where reading a field the rule does not declare throws. */
function guarded(rule: ClassroomRuleId, group: object): object {
  const { fields } = CLASSROOM_EVALUATORS[rule];
  return new Proxy(group, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !fields.includes(key)) throw new Error(`${rule} reads ${key}, which it does not declare`);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

describe('a class rule judged again', () => {
  it.each(RULES)('%s reads only the fields of the fiche it declares', (rule) => {
    const { group, judge } = CLASSROOM_EVALUATORS[rule];
    const contexts = [context(), context(withParams({ displayMaxAgeYears: 3, maxAgeYears: 2, minRamGb: 16 }))];
    for (const fiche of classrooms) for (const ctx of contexts) expect(() => judge(guarded(rule, fiche.data[group]), ctx, [])).not.toThrow();
  });

  it('gives each classroom what a fresh computation with the new référentiel gives, and the gap itself when nothing changed', () => {
    const before = context();
    const after = context(withParams({ displayMaxAgeYears: 9, minRamGb: 8 })); // read by C01 and C03
    const pass = new RuleInputs().pass(before, after, () => after, new Set<ClassroomRuleId>(['C01', 'C03']));
    let kept = 0;
    for (const fiche of classrooms) {
      const gap = computeClassroomGap(fiche, before);
      const again = pass.classroom(gap, fiche, fresh());
      expect(again).toEqual(computeClassroomGap(fiche, after));
      if (again === gap) kept += 1;
      // A rule not judged again keeps its very result.
      for (const i of [1, 3, 4]) expect(again.rules[i]).toBe(gap.rules[i]);
    }
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(classrooms.length);
  });

  it('judges a rule once per distinct value of its fields, not once per classroom', () => {
    const before = context();
    const after = context(withParams({ displayMaxAgeYears: 5 }));
    const asked: ClassroomRuleId[] = [];
    const ruleContext = (rule: ClassroomRuleId): GapContext => (asked.push(rule), after);
    const pass = new RuleInputs().pass(before, after, ruleContext, new Set<ClassroomRuleId>(['C01']));
    for (const fiche of classrooms) pass.classroom(computeClassroomGap(fiche, before), fiche, fresh());
    const distinct = new Set(classrooms.map(({ data: { display } }) => JSON.stringify([display.type, display.condition, display.year])));
    expect(asked.every((rule) => rule === 'C01')).toBe(true);
    expect(asked).toHaveLength(distinct.size);
    expect(distinct.size).toBeLessThan(classrooms.length / 2);
  });

  it('shares its needs between classrooms frozen, so that none can change another', () => {
    const before = context();
    const after = context(withParams({ displayMaxAgeYears: 2 })); // most displays now too old
    const pass = new RuleInputs().pass(before, after, () => after, new Set<ClassroomRuleId>(['C01']));
    const needs = classrooms.flatMap((fiche) => {
      const gap = computeClassroomGap(fiche, before);
      const again = pass.classroom(gap, fiche, fresh());
      return again === gap ? [] : again.needs.filter((n) => n.rule === 'C01');
    });
    expect(needs.length).toBeGreaterThan(0);
    expect(needs.every((n) => Object.isFrozen(n))).toBe(true);
    expect(() => {
      (needs[0] as { quantity: Need['quantity'] }).quantity = 3;
    }).toThrow(TypeError);
  });

  it('keeps each classroom\'s values from one change to the next, and judges them anew under each', () => {
    const table = new RuleInputs();
    const [v1, v2, v3] = [context(), context(withParams({ displayMaxAgeYears: 4 })), context(withParams({ displayMaxAgeYears: 12 }))];
    const kept = classrooms.map(fresh);
    const first = table.pass(v1, v2, () => v2, new Set<ClassroomRuleId>(['C01']));
    const gaps = classrooms.map((fiche, i) => first.classroom(computeClassroomGap(fiche, v1), fiche, kept[i] as Interned));
    expect(kept.every((k) => k.inputs?.[0] !== undefined)).toBe(true);
    const second = table.pass(v2, v3, () => v3, new Set<ClassroomRuleId>(['C01']));
    classrooms.forEach((fiche, i) => expect(second.classroom(gaps[i] as ClassroomGap, fiche, kept[i] as Interned)).toEqual(computeClassroomGap(fiche, v3)));
  });
});
