import { describe, expect, it } from 'vitest';
import { buildDepartement, OUT_OF_DIRECTORY, recordsNothing, stateShareRate } from '../../src/gaps/aggregates';
import { computeClassroomGap } from '../../src/gaps/classroom-rules';
import { computeSchoolGap } from '../../src/gaps/school-rules';
import type { Aggregate, SchoolGap } from '../../src/gaps/types';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import type { Referential } from '../../src/model/referential';
import type { DirectorySchool } from '../../src/model/school';
import type { ClassroomData, SchoolStatus } from '../../src/model/types';
import { makeClassroomData } from '../../src/model/make';
import { context, fleet, socleClassroom, socleSchool, withPrices, type Patch } from './fixtures';

function demo(uai: string): DirectorySchool {
  const school = DEMO_SCHOOLS.find((s) => s.uai === uai);
  if (!school) throw new Error(`no demo school ${uai}`);
  return school;
}

// Two Marseille schools (REP+ and none), two CD13 schools (Aix REP, Arles none), one school the directory does not know.
const CAPUCINS = demo('0139664J'); // Marseille 1er, REP+
const NOTRE_DAME = demo('0135507R'); // Marseille 6e, hors EP
const JAS_DE_BOUFFAN = demo('0134057P'); // Aix-en-Provence, REP
const SALIN = demo('0136479X'); // Arles, hors EP
const UNKNOWN_UAI = '0130569Y';
const DIRECTORY = new Map([CAPUCINS, NOTRE_DAME, JAS_DE_BOUFFAN, SALIN].map((s) => [s.uai, s]));

/** A school whose only need is one mobile terminal priced `amountHt`: its equipment total is exactly that. */
function costing(uai: string, amountHt: number): SchoolGap {
  const ctx = context(withPrices({ 'mobile-terminal': amountHt }));
  const school = socleSchool({ classesCount: 4, fleets: [fleet({ workingCount: 9 })] });
  const gap = computeSchoolGap(uai, school, [], DIRECTORY.get(uai), ctx);
  expect(gap.costHt).toBe(amountHt);
  return gap;
}

/** A school of `rooms` audited classrooms, with the given classroom patches, its audit "Terminé" unless said. */
function withClasses(uai: string, rooms: Array<Patch<ClassroomData>>, newTeachers = 0, status: SchoolStatus = 'complete'): SchoolGap {
  const gaps = rooms.map((patch, i) => computeClassroomGap({ id: `${uai}-${i}`, uai, data: socleClassroom(patch) }, context()));
  const school = socleSchool({ status, classesCount: rooms.length, newTeachers, fleets: [fleet({ count: 30, workingCount: 30 })] });
  return computeSchoolGap(uai, school, gaps, DIRECTORY.get(uai), context());
}

const group = (aggregates: Aggregate[], key: string) => {
  const found = aggregates.find((a) => a.key === key);
  if (!found) throw new Error(`no group ${key}`);
  return found;
};

describe('stateShareRate', () => {
  it.each([
    [0, 0.7],
    [199_999, 0.7],
    [199_999.99, 0.7],
    [200_000, 0.5],
    [1_500_000, 0.5],
  ])('gives the State %s € HT of equipment a share of %s', (amount, rate) => {
    expect(stateShareRate(amount, REFERENTIAL_V1.funding)).toBe(rate);
  });

  it('follows the référentiel’s threshold and rates', () => {
    const funding = { ...REFERENTIAL_V1.funding, equipmentThresholdHt: 100_000, stateShareBelow: 0.8, stateShareAtOrAbove: 0.4 };
    expect([stateShareRate(99_999, funding), stateShareRate(100_000, funding)]).toEqual([0.8, 0.4]);
  });
});

describe('the State’s share in the département', () => {
  it.each([
    [199_999, 0.7, 139_999.3],
    [200_000, 0.5, 100_000],
  ])('applies to a collectivité spending %s € HT a rate of %s: %s € HT', (amount, _rate, share) => {
    const report = buildDepartement([costing(JAS_DE_BOUFFAN.uai, amount)], DIRECTORY, REFERENTIAL_V1);
    expect(group(report.byChefDeFile, 'cd13')).toMatchObject({ costHt: amount, stateShareHt: share });
    expect(report.total).toMatchObject({ costHt: amount, stateShareHt: share });
  });

  it('takes the rate from each chef de file’s whole spending, not from each school', () => {
    const report = buildDepartement(
      [
        costing(JAS_DE_BOUFFAN.uai, 120_000), // CD13: 200,000 in all → 50 %
        costing(SALIN.uai, 80_000),
        costing(CAPUCINS.uai, 100_000), // Ville de Marseille: 199,999 in all → 70 %
        costing(NOTRE_DAME.uai, 99_999),
      ],
      DIRECTORY,
      REFERENTIAL_V1,
    );
    expect(group(report.byChefDeFile, 'cd13')).toMatchObject({ costHt: 200_000, stateShareHt: 100_000 });
    expect(group(report.byChefDeFile, 'ville-marseille')).toMatchObject({ costHt: 199_999, stateShareHt: 139_999.3 });
    expect(group(report.byCommune, SALIN.communeCode)).toMatchObject({ costHt: 80_000, stateShareHt: 40_000 });
    expect(group(report.byCommune, NOTRE_DAME.communeCode)).toMatchObject({ costHt: 99_999, stateShareHt: 69_999.3 });
    expect(report.total).toMatchObject({ costHt: 399_999, stateShareHt: 239_999.3 });
  });

  it('gives schools out of the directory their own rate', () => {
    const report = buildDepartement([costing(UNKNOWN_UAI, 250_000), costing(SALIN.uai, 1_000)], DIRECTORY, REFERENTIAL_V1);
    expect(group(report.byChefDeFile, OUT_OF_DIRECTORY)).toMatchObject({ costHt: 250_000, stateShareHt: 125_000 });
    expect(group(report.byChefDeFile, 'cd13')).toMatchObject({ costHt: 1_000, stateShareHt: 700 });
  });

  it('follows a changed funding rule', () => {
    const referential: Referential = { ...REFERENTIAL_V1, funding: { ...REFERENTIAL_V1.funding, equipmentThresholdHt: 150_000 } };
    const report = buildDepartement([costing(SALIN.uai, 199_999)], DIRECTORY, referential);
    expect(report.total.stateShareHt).toBe(99_999.5);
  });
});

describe('grouping the schools', () => {
  const schools = [
    withClasses(CAPUCINS.uai, [{}, { display: { type: 'tv' } }], 2),
    withClasses(NOTRE_DAME.uai, [{}, {}, {}]),
    withClasses(JAS_DE_BOUFFAN.uai, [{ network: { access: null } }], 1, 'draft'),
    computeSchoolGap(SALIN.uai, undefined, [], SALIN, context()),
    withClasses(UNKNOWN_UAI, [{}], 3),
  ];
  const report = buildDepartement(schools, DIRECTORY, REFERENTIAL_V1);
  const keysAndLabels = (aggregates: Aggregate[]) => aggregates.map((a) => [a.key, a.label]);

  it.each<[keyof Omit<typeof report, 'total' | 'targets'>, string[][]]>([
    ['byChefDeFile', [['ville-marseille', 'Ville de Marseille'], ['cd13', 'Conseil départemental 13'], ['hors-annuaire', 'Hors annuaire']]],
    ['byCirconscription', [
      ['Aix-en-Provence Nord', 'Aix-en-Provence Nord'],
      ['Arles', 'Arles'],
      ['Marseille 01 – Centre', 'Marseille 01 – Centre'],
      ['Marseille 06 – Castellane', 'Marseille 06 – Castellane'],
      ['hors-annuaire', 'Hors annuaire'],
    ]],
    ['byCommune', [
      ['13001', 'Aix-en-Provence'],
      ['13004', 'Arles'],
      ['13201', 'Marseille 1er Arrondissement'],
      ['13206', 'Marseille 6e Arrondissement'],
      ['hors-annuaire', 'Hors annuaire'],
    ]],
    ['byEducationPrioritaire', [['hors-ep', 'Hors éducation prioritaire'], ['REP', 'REP'], ['REP+', 'REP+'], ['hors-annuaire', 'Hors annuaire']]],
  ])('%s: keys and French labels', (grouping, expected) => {
    expect(keysAndLabels(report[grouping])).toEqual(expected);
  });

  it('puts a school the directory does not know under "Hors annuaire" in every grouping', () => {
    for (const grouping of [report.byChefDeFile, report.byCirconscription, report.byCommune, report.byEducationPrioritaire]) {
      expect(group(grouping, OUT_OF_DIRECTORY)).toMatchObject({ label: 'Hors annuaire', schools: 1, classesAudited: 1, classesMeeting: 1, newTeachers: 3 });
    }
  });

  it('counts schools, classes and new teachers in each group and in the total', () => {
    expect(group(report.byChefDeFile, 'ville-marseille')).toMatchObject({
      schools: 2, schoolsAudited: 2, schoolsInProgress: 0, schoolsMeeting: 1, classesAudited: 5, classesMeeting: 4, classesToEquip: 1, classesUnknown: 0, newTeachers: 2,
      costHt: 3200, unpricedItems: 0, stateShareHt: 2240,
    });
    expect(group(report.byChefDeFile, 'cd13')).toMatchObject({
      schools: 2, schoolsAudited: 0, schoolsInProgress: 1, schoolsMeeting: 0, classesAudited: 1, classesMeeting: 0, classesToEquip: 0, classesUnknown: 1, newTeachers: 1,
    });
    expect(report.total).toMatchObject({
      key: 'departement', label: 'Département des Bouches-du-Rhône',
      schools: 5, schoolsAudited: 3, schoolsInProgress: 1, schoolsMeeting: 2, classesAudited: 7, classesMeeting: 5, classesToEquip: 1, classesUnknown: 1, newTeachers: 6,
    });
  });

  it('counts neither an untouched classroom as audited nor a school without a finished school fiche', () => {
    const untouched = computeClassroomGap({ id: 'neuve', uai: SALIN.uai, data: makeClassroomData({ label: 'Classe 1' }) }, context());
    const salin = computeSchoolGap(SALIN.uai, undefined, [untouched], SALIN, context());
    expect(buildDepartement([salin], DIRECTORY, REFERENTIAL_V1).total).toMatchObject({
      schools: 1, schoolsAudited: 0, schoolsInProgress: 1, classesAudited: 0, classesMeeting: 0, classesToEquip: 0, classesUnknown: 1, costHt: 0, unpricedItems: 0,
    });
  });

  it('sorts communes as people read them: Marseille 2e before Marseille 10e', () => {
    const second = { ...CAPUCINS, uai: '0130001F', commune: 'Marseille 2e Arrondissement', communeCode: '13202' };
    const tenth = { ...CAPUCINS, uai: '0130002G', commune: 'Marseille 10e Arrondissement', communeCode: '13210' };
    const directory = new Map([[tenth.uai, tenth], [second.uai, second]]);
    const gaps = [computeSchoolGap(tenth.uai, undefined, [], tenth, context()), computeSchoolGap(second.uai, undefined, [], second, context())];
    expect(buildDepartement(gaps, directory, REFERENTIAL_V1).byCommune.map((a) => a.label)).toEqual(['Marseille 2e Arrondissement', 'Marseille 10e Arrondissement']);
  });

  it('finds nothing recorded in a group whose schools have no fiche, whatever its count of schools', () => {
    const none = buildDepartement([computeSchoolGap(SALIN.uai, undefined, [], SALIN, context())], DIRECTORY, REFERENTIAL_V1);
    expect(none.total.schools).toBe(1);
    expect(recordsNothing(none.total)).toBe(true);
    const untouched = computeClassroomGap({ id: 'neuve', uai: SALIN.uai, data: makeClassroomData({ label: 'Classe 1' }) }, context());
    const started = [computeSchoolGap(SALIN.uai, undefined, [untouched], SALIN, context())];
    expect(recordsNothing(buildDepartement(started, DIRECTORY, REFERENTIAL_V1).total)).toBe(false);
    const draft = [computeSchoolGap(SALIN.uai, socleSchool({ status: 'draft', newTeachers: 0 }), [], SALIN, context())];
    expect(recordsNothing(buildDepartement(draft, DIRECTORY, REFERENTIAL_V1).total)).toBe(false);
  });

  it('carries the référentiel’s targets', () => {
    expect(report.targets).toEqual({ classes: 2700, newTeachers: 1000 });
    const targets = { classes: 3000, newTeachers: 900 };
    expect(buildDepartement(schools, DIRECTORY, { ...REFERENTIAL_V1, targets }).targets).toEqual(targets);
  });
});
