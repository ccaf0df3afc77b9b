// Pilotage over the whole generated département (1,200 schools, 9,000 classrooms): the priority list (every school
// ranked again, as after an edit) and the equipment plan recomputed for a new budget (as at each keystroke of a budget),
// in Node and in the app's Web Worker in headless Chromium, where the figure is from the keystroke in the budget field
// to the plan's totals on screen.
import { generateDepartement } from '../tests/fixtures/departement/generate-departement';
import { GapEngine } from '../src/gaps/gap-engine';
import { REFERENTIAL_V1 } from '../src/model/referential';
import { DEFAULT_PLAN_OPTIONS } from '../src/gaps/plan';
import type { ClassroomFiche } from '../src/model/types';
import { describe } from './stats';
import { machine } from './machine';

const RUNS = 40;
const departement = generateDepartement();
const currentYear = 2026;
/** Every article priced, so that the plan walks every school's needs (the shipped prices leave most unpriced). */
const PRICED = {
  ...REFERENTIAL_V1,
  prices: REFERENTIAL_V1.prices.map((p) => ({ ...p, unitPriceHt: p.unitPriceHt ?? 300 })),
};

const budget = (i: number) => ({ 'ville-marseille': 100_000 + i * 37_000, cd13: 250_000 + i * 41_000 });

function inNode() {
  const engine = new GapEngine({ referential: PRICED, directory: departement.schools, fiches: departement.fiches, currentYear });
  const classrooms = departement.fiches.filter((f): f is ClassroomFiche => f.kind === 'classroom');
  const ranking: number[] = [];
  const plans: number[] = [];
  const afterEdit: number[] = [];
  let ranked = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const fiche = classrooms[(i * 37) % classrooms.length] as ClassroomFiche;
    engine.apply([{ ...fiche, rev: fiche.rev + 1 + i, data: { ...fiche.data, pupils: (i % 30) + 1 } }]); // drops the ranking
    let start = performance.now();
    ranked = engine.priorities().length;
    ranking.push(performance.now() - start);
    start = performance.now();
    engine.plan({ budgetsHt: budget(i), options: DEFAULT_PLAN_OPTIONS });
    plans.push(performance.now() - start);
    engine.apply([{ ...fiche, rev: fiche.rev + 100 + i, data: { ...fiche.data, pupils: (i % 29) + 2 } }]);
    start = performance.now();
    engine.plan({ budgetsHt: budget(i), options: { computerUpgrades: true, newTeachersFirst: false } });
    afterEdit.push(performance.now() - start);
  }
  console.log(`pilotage, Node ${process.version} (${departement.schools.length} schools, ${classrooms.length} classrooms, ${ranked} ranked, every article priced)`);
  console.log(`  priority list of the département, ranked again after an edit: ${describe(ranking)}`);
  console.log(`  plan of both chefs de file for a new budget (ranking kept): ${describe(plans)}`);
  console.log(`  plan after an edit (ranking and plan computed again, C03 switch on): ${describe(afterEdit)}`);
}

console.log(machine());
inNode();
