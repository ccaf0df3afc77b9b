import { describe, expect, it } from 'vitest';
import { CLASSROOM_EVALUATORS, computeClassroomGap } from '../../src/gaps/classroom-rules';
import { computeSchoolGap, SCHOOL_EVALUATORS } from '../../src/gaps/school-rules';
import { rulePlan } from '../../src/gaps/rule-plan';
import { REFERENTIAL_V1, type Referential, type RuleDef, type RuleId, type Severity } from '../../src/model/referential';
import type { ClassroomData, SchoolData } from '../../src/model/types';
import { context, directorySchool, fleet, socleClassroom, socleSchool, type Patch } from './fixtures';

const UAI = '0130569Y';

/** The référentiel with one rule changed, as a new version of its data would change it. */
function withRule(id: RuleId, patch: Partial<RuleDef>): Referential {
  return { ...REFERENTIAL_V1, version: '2026.2', rules: REFERENTIAL_V1.rules.map((r) => (r.id === id ? { ...r, ...patch } : r)) };
}

const classroomGap = (patch: Patch<ClassroomData>, referential = REFERENTIAL_V1) =>
  computeClassroomGap({ id: 'c1', uai: UAI, data: socleClassroom(patch) }, context(referential));

const schoolGap = (patch: Patch<SchoolData>, referential = REFERENTIAL_V1) => {
  const rooms = [1, 2, 3, 4].map((i) => computeClassroomGap({ id: `c${i}`, uai: UAI, data: socleClassroom() }, context(referential)));
  return computeSchoolGap(UAI, socleSchool(patch), rooms, directorySchool(), context(referential));
};

describe('the rule registry: the référentiel says which rules, in which order, and which ones count', () => {
  it('has an evaluation for every rule of the référentiel, and a rule for every evaluation', () => {
    const ids = REFERENTIAL_V1.rules.map((r) => r.id).sort();
    expect([...Object.keys(CLASSROOM_EVALUATORS), ...Object.keys(SCHOOL_EVALUATORS)].sort()).toEqual(ids);
  });

  it('reads from the data which rules the socle requires', () => {
    const plan = rulePlan(REFERENTIAL_V1);
    expect([...plan.required].sort()).toEqual(['C01', 'C02', 'C04', 'E01', 'E02', 'E03', 'E04', 'E05']);
    expect(plan.classroom.map((r) => r.id)).toEqual(['C01', 'C02', 'C03', 'C04', 'C05']);
  });

  it.each<[RuleId, Severity, boolean | null, boolean | null]>([
    ['C04', 'recommended', false, true], // no network: no longer keeps the class from the socle
    ['C05', 'required', true, false], // no visualiseur: now keeps it from the socle
  ])('follows a change of severity of %s to %s in the référentiel', (rule, severity, before, after) => {
    const patch: Patch<ClassroomData> = rule === 'C04' ? { network: { access: 'none' } } : { documentCamera: { present: false } };
    expect(classroomGap(patch).meetsSocle).toBe(before);
    expect(classroomGap(patch, withRule(rule, { severity })).meetsSocle).toBe(after);
  });

  it('keeps a school from the socle for a rule made required, such as the charter of use (E06)', () => {
    expect(schoolGap({ usageCharter: false }).meetsSocle).toBe(true);
    expect(schoolGap({ usageCharter: false }, withRule('E06', { severity: 'required' })).meetsSocle).toBe(false);
  });

  it('judges only the rules the référentiel holds, in its order', () => {
    const referential = { ...REFERENTIAL_V1, rules: REFERENTIAL_V1.rules.filter((r) => r.id !== 'C05').reverse() };
    expect(classroomGap({}, referential).rules.map((r) => r.rule)).toEqual(['C04', 'C03', 'C02', 'C01']);
  });

  it('says at once when the référentiel holds a rule the app cannot judge', () => {
    const unknownRule = { ...REFERENTIAL_V1.rules[0], id: 'C99' } as unknown as RuleDef;
    const referential = { ...REFERENTIAL_V1, rules: [...REFERENTIAL_V1.rules, unknownRule] };
    expect(() => classroomGap({}, referential)).toThrow('référentiel 2026.1: no evaluation for rule C99');
  });
});

describe('what each rule declares in the référentiel', () => {
  it('names parameters that exist', () => {
    for (const rule of REFERENTIAL_V1.rules) for (const param of rule.params) expect(Object.keys(REFERENTIAL_V1.params)).toContain(param);
  });

  it('asks only for the articles it declares, and every article it declares can be asked for', () => {
    const failing = [
      classroomGap({ display: { type: 'none' }, computer: { type: 'none' }, network: { access: 'none' } }),
      classroomGap({ computer: { linkedToDisplay: false, year: 2015 } }),
      classroomGap({ computer: { ramGb: 4 } }),
    ];
    const school = schoolGap({ classesCount: 8, fleets: [fleet({ charging: 'none', mdm: false })], wifi: { coverage: 'partial' } });
    const asked = new Map<RuleId, Set<string>>();
    for (const n of [...failing.flatMap((g) => g.needs), ...school.needs]) asked.set(n.rule, (asked.get(n.rule) ?? new Set()).add(n.item));
    for (const rule of REFERENTIAL_V1.rules) expect([...(asked.get(rule.id) ?? [])].sort()).toEqual([...rule.needs].sort());
  });
});
