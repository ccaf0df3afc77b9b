// Times the generation of the default département (npx tsx bench/generator.ts). Prints figures, never fails on time.
import { GENERATOR_DEFAULTS, generateDepartement } from '../src/directory/generate-departement';
import type { GeneratedDepartement } from '../src/directory/generate-departement';

const RUNS = 5;
const BYTES_PER_MB = 1024 * 1024;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

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

console.log(`generator: seed ${GENERATOR_DEFAULTS.seed}, campaign ${GENERATOR_DEFAULTS.campaign}, ${RUNS} runs`);
console.log(`median time: ${median(timesMs).toFixed(1)} ms (runs: ${timesMs.map((t) => t.toFixed(1)).join(', ')} ms)`);
console.log(`schools: ${last.schools.length}`);
console.log(`school fiches: ${schoolFiches}`);
console.log(`classroom fiches: ${classroomFiches}`);
console.log(`JSON size: ${(jsonBytes / BYTES_PER_MB).toFixed(2)} MB`);
