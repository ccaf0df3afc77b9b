// The seeded département generator: its time and the size of what it makes. Prints figures, never fails on time.
import { GENERATOR_DEFAULTS, generateDepartement } from '../tests/fixtures/departement/generate-departement';
import type { GeneratedDepartement } from '../tests/fixtures/departement/generate-departement';
import { describe } from './stats';
import { machine } from './machine';

const RUNS = 5;
const BYTES_PER_MB = 1024 * 1024;

const timesMs: number[] = [];
let last: GeneratedDepartement | undefined;
for (let run = 0; run < RUNS; run += 1) {
  const start = performance.now();
  last = generateDepartement();
  timesMs.push(performance.now() - start);
}
if (!last) throw new Error('no run');

const schoolFiches = last.fiches.filter((fiche) => fiche.kind === 'school').length;
const classroomFiches = last.fiches.length - schoolFiches;
const jsonBytes = Buffer.byteLength(JSON.stringify(last), 'utf8');

console.log(`generator (seed ${GENERATOR_DEFAULTS.seed}, campaign ${GENERATOR_DEFAULTS.campaign}, ${RUNS} runs, Node)`);
console.log(`  time: ${describe(timesMs)}`);
console.log(`  size: ${last.schools.length} schools, ${schoolFiches} school fiches, ${classroomFiches} classroom fiches, ${(jsonBytes / BYTES_PER_MB).toFixed(2)} MB of JSON`);
console.log(`  machine: ${machine()}`);
