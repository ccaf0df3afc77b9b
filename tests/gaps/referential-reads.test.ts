// A change of référentiel recomputes only what read a part that changed: the results must be those of an engine
// started afresh with the new référentiel, whatever part changed.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDepartement } from '../fixtures/departement/generate-departement';
import { GapEngine, type GapSnapshot } from '../../src/gaps/gap-engine';
import { changedParts, recordingView } from '../../src/gaps/referential-reads';
import type { GapReport } from '../../src/gaps/types';
import { sameForSchool } from '../../src/gaps/school-rules';
import { REFERENTIAL_V1, type Referential } from '../../src/model/referential';
import type { ClassroomFiche } from '../../src/model/types';
import { CURRENT_YEAR, withParams, withPrices } from './fixtures';

const withoutTime = ({ computeMs: _computeMs, ...rest }: GapReport) => rest;

let snapshot: GapSnapshot;
beforeAll(() => {
  const { schools, fiches } = generateDepartement({ seed: 7, schools: 120, classrooms: 900, now: new Date('2026-12-15T12:00:00Z') });
  snapshot = { referential: REFERENTIAL_V1, directory: schools, fiches, currentYear: CURRENT_YEAR };
});

const CHANGES: Array<[string, Referential]> = [
  ...Object.keys(REFERENTIAL_V1.params).map((name): [string, Referential] => {
    const value = REFERENTIAL_V1.params[name as keyof Referential['params']];
    return [`the parameter ${name}`, withParams({ [name]: value === null ? 100 : value + 1 })];
  }),
  ['a price', withPrices({ 'class-computer': 999 })],
  ['the funding rule', { ...REFERENTIAL_V1, funding: { ...REFERENTIAL_V1.funding, stateShareBelow: 0.6 } }],
  ['the targets', { ...REFERENTIAL_V1, targets: { classes: 3000, newTeachers: 900 } }],
];

/** The parameters `changed` sets apart from the shipped ones. */
const diff = (params: Referential['params']) =>
  Object.fromEntries(Object.entries(params).filter(([name, value]) => value !== REFERENTIAL_V1.params[name as keyof Referential['params']]));

describe('a change of référentiel', () => {
  it.each(CHANGES)('of %s gives what a fresh engine with it gives', (_what, changed) => {
    const referential = { ...changed, version: '2026.1-local.1' };
    const engine = new GapEngine(snapshot);
    engine.setReferential(referential);
    expect(withoutTime(engine.report(0))).toEqual(withoutTime(new GapEngine({ ...snapshot, referential }).report(0)));
    engine.setReferential(REFERENTIAL_V1); // and back
    expect(withoutTime(engine.report(0))).toEqual(withoutTime(new GapEngine(snapshot).report(0)));
  });

  it('gives what a fresh engine gives after each of a run of changes, each on top of the last', () => {
    const engine = new GapEngine(snapshot);
    let referential: Referential = REFERENTIAL_V1;
    for (const [i, [, changed]] of CHANGES.entries()) {
      // Each step keeps what the steps before changed: a class parameter, then a school one, then a price…
      referential = { ...referential, ...changed, params: { ...referential.params, ...diff(changed.params) }, version: `2026.1-local.${i + 1}` };
      engine.setReferential(referential);
      expect(withoutTime(engine.report(0))).toEqual(withoutTime(new GapEngine({ ...snapshot, referential }).report(0)));
    }
  });

  it('gives what a fresh engine gives when fiches are revised between two changes of a class parameter', () => {
    const engine = new GapEngine(snapshot);
    const first = withParams({ displayMaxAgeYears: 6, minRamGb: 8 });
    engine.setReferential(first);
    // Revisions that change what C01 and C03 read, and one that moves a classroom to another school.
    const classrooms = snapshot.fiches.filter((f): f is ClassroomFiche => f.kind === 'classroom' && !f.deleted);
    const revised = classrooms.slice(0, 40).map((f, i): ClassroomFiche => {
      const display = { ...f.data.display, type: 'vpi' as const, condition: 'working' as const, year: 2010 + (i % 16) };
      const computer = { ...f.data.computer, ramGb: i % 2 === 0 ? 4 : 16 };
      return { ...f, rev: f.rev + 1, uai: i === 0 ? (classrooms[100] as ClassroomFiche).uai : f.uai, data: { ...f.data, display, computer } };
    });
    engine.apply(revised);
    const fiches = snapshot.fiches.map((f) => revised.find((r) => r.id === f.id) ?? f);
    const second = withParams({ displayMaxAgeYears: 10, minRamGb: 2 });
    engine.setReferential(second);
    expect(withoutTime(engine.report(0))).toEqual(withoutTime(new GapEngine({ ...snapshot, fiches, referential: second }).report(0)));
  });

  it('judges again only the class rules that read a class parameter, and leaves a classroom and a school that come out the same as they were', () => {
    const engine = new GapEngine(snapshot);
    const before = engine.report(0);
    engine.setReferential(withParams({ displayMaxAgeYears: 9 })); // read by C01 only
    const after = engine.report(0);
    const changedRooms = Object.keys(before.classrooms).filter((id) => after.classrooms[id] !== before.classrooms[id]);
    // Displays of exactly 9 years count again, and older ones now say "plus de 9 ans"; the others are left alone.
    expect(changedRooms.length).toBeGreaterThan(0);
    expect(changedRooms.length).toBeLessThan(Object.keys(before.classrooms).length / 2);
    for (const id of changedRooms) {
      const [was, is] = [before.classrooms[id]!, after.classrooms[id]!];
      expect(is.rules.filter((r) => r.rule !== 'C01')).toEqual(was.rules.filter((r) => r.rule !== 'C01'));
      expect(is.rules.find((r) => r.rule === 'C01')).not.toEqual(was.rules.find((r) => r.rule === 'C01'));
    }
    // A school is computed again only if one of its classrooms counts differently for it; one whose classrooms only
    // give a reason in other words ("plus de 9 ans") stays as it was.
    const touchedSchools = new Set(changedRooms.map((id) => after.classrooms[id]!.uai));
    const countedSchools = new Set(
      changedRooms.filter((id) => !sameForSchool(before.classrooms[id]!, after.classrooms[id]!)).map((id) => after.classrooms[id]!.uai),
    );
    expect(countedSchools.size).toBeGreaterThan(0);
    expect(countedSchools.size).toBeLessThan(touchedSchools.size);
    for (const [uai, gap] of Object.entries(before.schools)) if (!countedSchools.has(uai)) expect(after.schools[uai]).toBe(gap);
  });

  it('leaves every classroom as it was when only a school parameter changed, and every school for a target', () => {
    const engine = new GapEngine(snapshot);
    const before = engine.report(0);
    engine.setReferential(withParams({ classesPerGroup: 5 }));
    const schoolChange = engine.report(0);
    for (const [id, gap] of Object.entries(before.classrooms)) expect(schoolChange.classrooms[id]).toBe(gap);
    engine.setReferential({ ...withParams({ classesPerGroup: 5 }), targets: { classes: 3000, newTeachers: 900 } });
    const targetChange = engine.report(0);
    for (const [uai, gap] of Object.entries(schoolChange.schools)) expect(targetChange.schools[uai]).toBe(gap);
    expect(targetChange.departement.targets).toEqual({ classes: 3000, newTeachers: 900 });
  });
});

describe('recordingView', () => {
  it('reads like the référentiel and records each part read', () => {
    const reads = new Set<string>();
    const view = recordingView(REFERENTIAL_V1, reads);
    expect(view.params.classesPerGroup).toBe(REFERENTIAL_V1.params.classesPerGroup);
    expect(view.prices).toBe(REFERENTIAL_V1.prices);
    expect([...reads].sort()).toEqual(['params.classesPerGroup', 'prices']);
    expect(JSON.parse(JSON.stringify(view))).toEqual(JSON.parse(JSON.stringify(REFERENTIAL_V1)));
  });
});

describe('changedParts', () => {
  it('names each parameter that changed, and any other part as a whole', () => {
    const changed = { ...withParams({ minRamGb: 16, classesPerGroup: 3 }, withPrices({ 'class-computer': 999 })), version: 'x' };
    expect(changedParts(REFERENTIAL_V1, changed).sort()).toEqual(['params.classesPerGroup', 'params.minRamGb', 'prices', 'version']);
    expect(changedParts(REFERENTIAL_V1, { ...REFERENTIAL_V1 })).toEqual([]);
  });
});
