import { describe, expect, it } from 'vitest';
import { GapEngine, type GapSnapshot } from '../../src/gaps/gap-engine';
import type { GapReport } from '../../src/gaps/types';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import type { ClassroomData, ClassroomFiche, Fiche } from '../../src/model/types';
import { CURRENT_YEAR, merged, socleClassroom, socleSchool, withParams, type Patch } from './fixtures';

const [FIRST, SECOND] = DEMO_SCHOOLS as [(typeof DEMO_SCHOOLS)[number], (typeof DEMO_SCHOOLS)[number]];
const T0 = '2026-10-01T08:00:00.000Z';
const T1 = '2026-10-02T08:00:00.000Z';

function classroom(id: string, uai: string, patch?: Patch<ClassroomData>): ClassroomFiche {
  return makeClassroomFiche({ id, uai, updatedAt: T0, data: socleClassroom(patch) });
}

function revise(fiche: ClassroomFiche, patch: Patch<ClassroomData> = {}, deleted = false): ClassroomFiche {
  return { ...fiche, rev: fiche.rev + 1, updatedAt: T1, deleted, data: merged(fiche.data, patch) };
}

/** Two demo schools audited: the first with 4 classes (one with an old display), the second with 2. */
function fiches(): Fiche[] {
  return [
    makeSchoolFiche({ id: 'ecole-1', uai: FIRST.uai, updatedAt: T0, data: socleSchool({ classesCount: 4, status: 'complete' }) }),
    classroom('c1', FIRST.uai),
    classroom('c2', FIRST.uai),
    classroom('c3', FIRST.uai),
    classroom('c4', FIRST.uai, { display: { year: 2015 } }), // older than the 8 years a display may be
    makeSchoolFiche({ id: 'ecole-2', uai: SECOND.uai, updatedAt: T0, data: socleSchool({ classesCount: 2 }) }),
    classroom('c5', SECOND.uai),
    classroom('c6', SECOND.uai),
  ];
}

function snapshot(list: readonly Fiche[], referential = REFERENTIAL_V1): GapSnapshot {
  return { referential, directory: DEMO_SCHOOLS, fiches: list, currentYear: CURRENT_YEAR };
}

const withoutTime = ({ computeMs: _computeMs, ...rest }: GapReport) => rest;

describe('GapEngine', () => {
  it('leaves deleted classrooms out of the classrooms, the school and the département', () => {
    const list = fiches().map((f) => (f.id === 'c5' && f.kind === 'classroom' ? revise(f, {}, true) : f));
    const report = new GapEngine(snapshot(list)).report(0);
    expect(Object.keys(report.classrooms).sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c6']);
    expect(report.schools[SECOND.uai]).toMatchObject({ classrooms: 1, classroomsMeeting: 1, meetsSocle: null });
    expect(report.departement.total.classesAudited).toBe(5);
  });

  it('gives every open school of the directory a gap, audited or not', () => {
    const report = new GapEngine(snapshot(fiches())).report(0);
    expect(Object.keys(report.schools)).toHaveLength(DEMO_SCHOOLS.length);
    expect(report.departement.total).toMatchObject({ schools: DEMO_SCHOOLS.length, schoolsAudited: 1, schoolsInProgress: 1, classesAudited: 6 });
    expect(report.referentialVersion).toBe(REFERENTIAL_V1.version);
  });

  it('returns from apply() only the classroom edited and its school', () => {
    const engine = new GapEngine(snapshot(fiches()));
    const before = engine.report(0).schools[FIRST.uai];
    const edited = revise(classroom('c4', FIRST.uai, { display: { year: 2015 } }), { display: { year: 2024 } });
    const delta = engine.apply([edited]);
    expect(Object.keys(delta.classrooms)).toEqual(['c4']);
    expect(delta.classrooms.c4).toMatchObject({ meetsSocle: true, costHt: 0 });
    expect(Object.keys(delta.schools)).toEqual([FIRST.uai]);
    expect(delta.removedClassrooms).toEqual([]);
    expect(before).toMatchObject({ classroomsMeeting: 3, classroomsFailing: 1, meetsSocle: false, costHt: 3200 });
    expect(delta.schools[FIRST.uai]).toMatchObject({ classroomsMeeting: 4, classroomsFailing: 0, meetsSocle: true, costHt: 0 });
  });

  it.each<[string, (list: Fiche[]) => Fiche[]]>([
    ['an edited classroom', (list) => [revise(list[4] as ClassroomFiche, { network: { access: 'none' } })]],
    ['a deleted classroom', (list) => [revise(list[6] as ClassroomFiche, {}, true)]],
    ['a classroom added to a school not yet audited', () => [classroom('c7', DEMO_SCHOOLS[5]?.uai ?? '', { computer: { type: 'none' } })]],
    ['a classroom of a school out of the directory', () => [classroom('c8', '0130569Y', { display: { type: 'tv' } })]],
    ['an edited school fiche', (list) => [{ ...list[0], rev: 2, updatedAt: T1, data: socleSchool({ classesCount: 9 }) } as Fiche]],
  ])('after apply() of %s, reports what a fresh engine over the same fiches reports', (_case, change) => {
    const list = fiches();
    const engine = new GapEngine(snapshot(list));
    const changes = change(list);
    const delta = engine.apply(changes);
    const latest = new Map([...list, ...changes].map((f) => [f.id, f]));
    const fresh = new GapEngine(snapshot([...latest.values()])).report(0);
    expect(delta.departement).toEqual(fresh.departement);
    expect(withoutTime(engine.report(0))).toEqual(withoutTime(fresh));
  });

  it('removes a classroom deleted through apply()', () => {
    const list = fiches();
    const engine = new GapEngine(snapshot(list));
    const delta = engine.apply([revise(list[4] as ClassroomFiche, {}, true)]);
    expect(delta.removedClassrooms).toEqual(['c4']);
    expect(delta.classrooms).toEqual({});
    expect(delta.schools[FIRST.uai]).toMatchObject({ classrooms: 3, classroomsFailing: 0, meetsSocle: null });
    expect(engine.report(0).classrooms).not.toHaveProperty('c4');
    expect(delta.departement.total.classesAudited).toBe(5);
  });

  it('moves a classroom whose UAI changed, recomputing both schools', () => {
    const list = fiches();
    const engine = new GapEngine(snapshot(list));
    const delta = engine.apply([{ ...(list[1] as ClassroomFiche), uai: SECOND.uai, rev: 2, updatedAt: T1 }]);
    expect(Object.keys(delta.schools).sort()).toEqual([FIRST.uai, SECOND.uai].sort());
    expect(delta.schools[FIRST.uai]?.classrooms).toBe(3);
    expect(delta.schools[SECOND.uai]?.classrooms).toBe(3);
  });

  it('recomputes everything with a changed référentiel, and says which version produced the report', () => {
    const engine = new GapEngine(snapshot(fiches()));
    expect(engine.report(0).classrooms.c4?.rules[0]?.outcome).toBe('fails');
    engine.setReferential({ ...withParams({ displayMaxAgeYears: 20 }), version: '2026.2' });
    const report = engine.report(0);
    expect(report.referentialVersion).toBe('2026.2');
    expect(report.classrooms.c4?.rules[0]?.outcome).toBe('holds');
    expect(report.schools[FIRST.uai]).toMatchObject({ meetsSocle: true, costHt: 0 });
    expect(engine.apply([]).referentialVersion).toBe('2026.2');
  });

  it('previews a classroom without storing it', () => {
    const engine = new GapEngine(snapshot(fiches()));
    const preview = engine.preview({ id: 'brouillon', uai: FIRST.uai, data: socleClassroom({ network: { access: 'none' } }) });
    expect(preview.meetsSocle).toBe(false);
    expect(engine.report(0).classrooms).not.toHaveProperty('brouillon');
  });
});
