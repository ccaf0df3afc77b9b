// Properties of the département's figures over whole generated départements: every grouping adds up to the total,
// and every school's cost is its own needs plus its classrooms'. A few classrooms are deleted and one school is
// closed in the directory (its fiches then count as "Hors annuaire"), so that those paths are summed too.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDepartement, type GenerateDepartementOptions } from '../fixtures/departement/generate-departement';
import { stateShareRate } from '../../src/gaps/aggregates';
import { GapEngine } from '../../src/gaps/gap-engine';
import { costsOf } from '../../src/gaps/needs';
import type { Aggregate, GapReport } from '../../src/gaps/types';
import { REFERENTIAL_V1, type Referential } from '../../src/model/referential';
import type { Fiche } from '../../src/model/types';
import { CURRENT_YEAR, withPrices } from './fixtures';

const NOW = new Date('2026-12-15T12:00:00Z'); // campaign 2026-2027 under way, nothing dated after 2026
const DELETE_EVERY = 37;
const CLOSED_SCHOOL_INDEX = 3;

const ALL_PRICED = withPrices({
  'class-computer': 749.9,
  'classroom-connection': 412.37,
  'mobile-terminal': 289.99,
  'charging-cart': 1190.01,
  'mdm-licence': 24.99,
  'access-point': 333.33,
});

const COUNTS = [
  'schools', 'schoolsAudited', 'schoolsMeeting', 'classesAudited', 'classesMeeting', 'classesToEquip', 'classesUnknown',
  'newTeachers', 'unpricedItems',
] as const satisfies ReadonlyArray<keyof Aggregate>;
const AMOUNTS = ['costHt', 'stateShareHt'] as const satisfies ReadonlyArray<keyof Aggregate>;
const GROUPINGS = ['byChefDeFile', 'byCirconscription', 'byCommune', 'byEducationPrioritaire'] as const;

const cents = (amount: number) => Math.round(amount * 100);

interface Case {
  name: string;
  options: GenerateDepartementOptions;
  referential: Referential;
}

const CASES: Case[] = [
  { name: 'the default département (seed 13, 1,200 schools, 9,000 classrooms)', options: {}, referential: REFERENTIAL_V1 },
  { name: 'seed 1, 200 schools, 1,500 classrooms', options: { seed: 1, schools: 200, classrooms: 1500 }, referential: REFERENTIAL_V1 },
  { name: 'seed 42, 200 schools, 1,500 classrooms, every item priced', options: { seed: 42, schools: 200, classrooms: 1500 }, referential: ALL_PRICED },
  { name: 'seed 2027, 200 schools, 1,500 classrooms, every item priced', options: { seed: 2027, schools: 200, classrooms: 1500 }, referential: ALL_PRICED },
];

describe.each(CASES)('the figures of $name', ({ options, referential }) => {
  let fiches: Fiche[];
  let report: GapReport;

  beforeAll(() => {
    const generated = generateDepartement({ ...options, now: NOW });
    let classroomIndex = 0;
    fiches = generated.fiches.map((fiche) => {
      if (fiche.kind !== 'classroom') return fiche;
      classroomIndex += 1;
      return classroomIndex % DELETE_EVERY === 0 ? { ...fiche, rev: fiche.rev + 1, deleted: true } : fiche;
    });
    const directory = generated.schools.map((s, i) => (i === CLOSED_SCHOOL_INDEX ? { ...s, open: false } : s));
    report = new GapEngine({ referential, directory, fiches, currentYear: CURRENT_YEAR }).report(0);
  });

  it.each(GROUPINGS)('%s adds up to the total in every count, and to the cent in every amount', (grouping) => {
    const groups = report.departement[grouping];
    expect(groups.length).toBeGreaterThan(1);
    for (const field of COUNTS) {
      expect({ field, sum: groups.reduce((s, g) => s + g[field], 0) }).toEqual({ field, sum: report.departement.total[field] });
    }
    for (const field of AMOUNTS) {
      expect({ field, cents: groups.reduce((s, g) => s + cents(g[field]), 0) }).toEqual({ field, cents: cents(report.departement.total[field]) });
    }
  });

  it('counts as audited every classroom fiche that is not deleted, and only those', () => {
    const kept = fiches.filter((f) => f.kind === 'classroom' && !f.deleted).length;
    expect(kept).toBeLessThan(fiches.filter((f) => f.kind === 'classroom').length);
    const { total } = report.departement;
    expect(total.classesAudited).toBe(kept);
    expect(total.classesMeeting + total.classesToEquip + total.classesUnknown).toBe(kept);
    expect(Object.keys(report.classrooms)).toHaveLength(kept);
  });

  it('has one school per open directory school and per audited school out of it', () => {
    expect(report.departement.total.schools).toBe(Object.keys(report.schools).length);
    expect(report.departement.byChefDeFile.map((g) => g.key)).toEqual(['ville-marseille', 'cd13', 'hors-annuaire']);
    expect(report.departement.byChefDeFile.find((g) => g.key === 'hors-annuaire')).toMatchObject({ schools: 1, label: 'Hors annuaire' });
  });

  it('costs every school its own needs plus its classrooms’ costs', () => {
    const byUai = new Map<string, { costHt: number; unpricedItems: number; count: number }>();
    for (const room of Object.values(report.classrooms)) {
      const sum = byUai.get(room.uai) ?? { costHt: 0, unpricedItems: 0, count: 0 };
      byUai.set(room.uai, { costHt: sum.costHt + room.costHt, unpricedItems: sum.unpricedItems + room.unpricedItems, count: sum.count + 1 });
    }
    const wrong = Object.values(report.schools).flatMap((school) => {
      const own = costsOf(school.needs);
      const rooms = byUai.get(school.uai) ?? { costHt: 0, unpricedItems: 0, count: 0 };
      const expected = { costHt: cents(own.costHt + rooms.costHt), unpricedItems: own.unpricedItems + rooms.unpricedItems, classrooms: rooms.count };
      const actual = { costHt: cents(school.costHt), unpricedItems: school.unpricedItems, classrooms: school.classrooms };
      return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [{ uai: school.uai, expected, actual }];
    });
    expect(wrong).toEqual([]);
    expect(report.departement.total.costHt).toBeGreaterThan(0);
  });

  it('gives each chef de file the State’s share of its whole spending, within a half-cent per school', () => {
    for (const g of report.departement.byChefDeFile) {
      const exact = g.costHt * stateShareRate(g.costHt, referential.funding);
      expect(Math.abs(g.stateShareHt - exact)).toBeLessThanOrEqual(g.schools * 0.005 + 1e-6);
    }
  });
});
