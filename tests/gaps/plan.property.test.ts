// Properties of the equipment plan over whole generated départements, computed by the gap engine as the worker does:
// a plan never spends more than its budget; the classes it brings to the socle are the gap engine's own count of
// classes off the socle in the funded schools; a school skipped did not fit in what was left when its turn came; every
// ranked school is in its chef de file's plan once, in rank order.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDepartement, type GenerateDepartementOptions } from '../fixtures/departement/generate-departement';
import { createRandom } from '../fixtures/departement/prng';
import { GapEngine } from '../../src/gaps/gap-engine';
import type { LabelledPlan, PlanRequest } from '../../src/gaps/pilotage';
import { chefDeFileIds } from '../../src/territory/territory';
import { planRules, type PlanOptions } from '../../src/gaps/plan';
import { REFERENTIAL_V1, type Referential } from '../../src/model/referential';
import type { ClassroomGap } from '../../src/gaps/types';
import { CURRENT_YEAR, withPrices } from './fixtures';

const NOW = new Date('2026-12-15T12:00:00Z');

const ALL_PRICED = withPrices({
  'class-computer': 749.9,
  'display-link': 59.9,
  'classroom-connection': 412.37,
  'mobile-terminal': 289.99,
  'charging-cart': 1190.01,
  'mdm-licence': 24.99,
  'access-point': 333.33,
  'kit-neo-titulaire': 640,
});

interface Case {
  name: string;
  options: GenerateDepartementOptions;
  referential: Referential;
}

const CASES: Case[] = [
  { name: 'the default département, every article priced', options: {}, referential: ALL_PRICED },
  { name: 'seed 7, 300 schools, every article priced', options: { seed: 7, schools: 300, classrooms: 2400 }, referential: ALL_PRICED },
  { name: 'seed 8, 300 schools, the shipped prices (most articles unpriced)', options: { seed: 8, schools: 300, classrooms: 2400 }, referential: REFERENTIAL_V1 },
];

const SWITCHES: PlanOptions[] = [
  { computerUpgrades: false, newTeachersFirst: false },
  { computerUpgrades: true, newTeachersFirst: false },
  { computerUpgrades: false, newTeachersFirst: true },
  { computerUpgrades: true, newTeachersFirst: true },
];

const cents = (euros: number) => Math.round(euros * 100);

describe.each(CASES)('the plan over $name', ({ options, referential }) => {
  let engine: GapEngine;
  /** Budgets drawn at random, from nothing to more than the whole need. */
  let requests: PlanRequest[];

  beforeAll(() => {
    const generated = generateDepartement({ ...options, now: NOW });
    engine = new GapEngine({ referential, directory: generated.schools, fiches: generated.fiches, currentYear: CURRENT_YEAR });
    const random = createRandom(options.seed ?? 13);
    const budget = () => [0, 500, 5_000, 50_000, 199_000, 250_000, 2_000_000, 50_000_000][random.int(0, 7)] as number + random.int(0, 99_999) / 100;
    requests = Array.from({ length: 24 }, (_, i) => ({
      budgetsHt: { 'ville-marseille': budget(), cd13: budget() },
      options: SWITCHES[i % SWITCHES.length] as PlanOptions,
    }));
  });

  const plans = (request: PlanRequest): LabelledPlan[] => engine.plan(request);

  it('ranks schools of both chefs de file, with unpriced and skipped schools among them', () => {
    const rows = engine.priorities();
    for (const key of chefDeFileIds(REFERENTIAL_V1.territory)) expect(rows.filter((r) => r.chefDeFile === key).length).toBeGreaterThan(20);
    const statuses = new Set(requests.flatMap((r) => plans(r).flatMap((p) => p.lines.map((l) => l.status))));
    expect(statuses).toContain('funded');
    expect(statuses).toContain('does-not-fit');
  });

  it('never spends more than the budget, and its totals add up to the cent', () => {
    for (const request of requests) {
      for (const plan of plans(request)) {
        const budget = cents(request.budgetsHt[plan.key] ?? 0);
        expect(cents(plan.totalHt)).toBeLessThanOrEqual(budget);
        const schools = plan.lines.filter((l) => l.status === 'funded').reduce((s, l) => s + cents(l.costHt), 0);
        expect(schools + cents(plan.kits.costHt)).toBe(cents(plan.totalHt));
        expect(cents(plan.leftHt)).toBe(budget - cents(plan.totalHt));
        expect(cents(plan.stateShareHt) + cents(plan.netCostHt)).toBe(cents(plan.totalHt));
        expect(plan.kits.funded).toBeLessThanOrEqual(plan.kits.recorded);
      }
    }
  });

  it("brings to the socle exactly the gap engine's classes off the socle in the funded schools that the priced needs fix", () => {
    const socle = planRules(referential).socle;
    const recorded = (c: ClassroomGap) => c.rules.every((r) => !socle.has(r.rule) || r.outcome === 'holds' || r.outcome === 'fails');
    for (const request of requests) {
      for (const plan of plans(request)) {
        let expected = 0;
        let offSocle = 0;
        let notRecorded = 0;
        for (const line of plan.lines.filter((l) => l.status === 'funded')) {
          const { school, classrooms } = engine.schoolGaps(line.uai);
          offSocle += school.classroomsFailing;
          const failing = Object.values(classrooms).filter((c) => c.meetsSocle === false);
          notRecorded += failing.filter((c) => !recorded(c)).length;
          // Counted from the engine's classroom gaps: off the socle, every required rule recorded, every need priced.
          expected += failing.filter((c) => recorded(c) && c.needs.every((n) => !socle.has(n.rule) || n.amountHt !== null)).length;
        }
        expect(plan.classesBroughtToSocle).toBe(expected);
        // With every article priced, only a class with a required rule still "non renseigné" is held back.
        if (referential === ALL_PRICED) expect(plan.classesBroughtToSocle + notRecorded).toBe(offSocle);
        else expect(plan.classesBroughtToSocle).toBeLessThanOrEqual(offSocle - notRecorded);
      }
    }
  });

  it('skips a school only when it does not fit in what is left at its turn, and walks the ranked schools in order', () => {
    const rows = engine.priorities();
    for (const request of requests) {
      for (const plan of plans(request)) {
        expect(plan.lines.map((l) => l.uai)).toEqual(rows.filter((r) => r.chefDeFile === plan.key).map((r) => r.uai));
        expect(plan.lines.map((l) => l.rank)).toEqual(plan.lines.map((_, i) => i + 1));
        let left = cents(request.budgetsHt[plan.key] ?? 0) - (plan.kits.first ? cents(plan.kits.costHt) : 0);
        for (const line of plan.lines) {
          if (line.status === 'funded') {
            expect(cents(line.costHt)).toBeLessThanOrEqual(left);
            left -= cents(line.costHt);
          } else if (line.status === 'does-not-fit') expect(cents(line.costHt)).toBeGreaterThan(left);
          else expect(line.costHt).toBe(0);
        }
      }
    }
  });

  it('funds every school with priced needs when the budget covers the whole need', () => {
    const plan = plans({ budgetsHt: { 'ville-marseille': 1e9, cd13: 1e9 }, options: SWITCHES[0] as PlanOptions });
    for (const p of plan) expect(p.lines.every((l) => l.status !== 'does-not-fit')).toBe(true);
  });
});
