// The three-way merge's cost per fiche (src/model/merge/merge.ts), in Node, over the generated département: each of
// its 10,200 fiches is the base, edited on this device and on the server in 5 fields each (leaves, a set, a school's
// fleet), a different field on each side, except one fiche in five where one field is changed on both sides to
// different values (a conflict). Timed per fiche with performance.now(), after a pass to warm the JIT; then the same
// cases through reconcile (the device's whole decision for a pulled head: merge, compare with the head, validate).
import { mergeFiche } from '../src/model/merge/merge';
import { reconcile } from '../src/model/merge/reconcile';
import { CLASS_LEVELS } from '../src/model/schema';
import { TRAINING_NEED_IDS } from '../src/model/training';
import type { Fiche, Fleet } from '../src/model/types';
import { generateDepartement } from '../tests/fixtures/departement/generate-departement';
import { createRandom, type Random } from '../tests/fixtures/departement/prng';
import { describe, median } from './stats';
import { loadavg } from 'node:os';
import { machine } from './machine';

const PASSES = 5;
const FIELDS_PER_SIDE = 5;
const CONFLICT_EVERY = 5;

type Data = Record<string, unknown>;
/** A field an edit changes: a leaf with its values (the first ones differing from the base are taken), or a kind
 * of change that is not a leaf. */
type Field = { path: string; values: readonly unknown[] } | { path: 'levels' | 'trainingNeeds'; set: readonly string[] } | { path: 'fleet' };

const CONDITION = [null, 'working', 'degraded', 'broken'];
const YES_NO = [null, true, false];

const CLASSROOM_FIELDS: readonly Field[] = [
  { path: 'label', values: ['CM1 B', 'CE2 A', 'Salle 12', 'Classe verte'] },
  { path: 'pupils', values: [18, 22, 24, 27] },
  { path: 'display.condition', values: CONDITION },
  { path: 'display.year', values: [null, 2016, 2019, 2023] },
  { path: 'display.sizeInches', values: [null, 65, 75, 86] },
  { path: 'computer.condition', values: CONDITION },
  { path: 'computer.os', values: [null, 'Windows 11', 'Ubuntu 24.04', 'Windows 10'] },
  { path: 'computer.ramGb', values: [null, 4, 8, 16] },
  { path: 'computer.inventoryTag', values: [null, 'INV-001', 'INV-002', 'INV-003'] },
  { path: 'network.access', values: [null, 'wired', 'wifi', 'both'] },
  { path: 'network.tested', values: YES_NO },
  { path: 'documentCamera.present', values: YES_NO },
  { path: 'notes', values: ['', 'RAS', 'Câble HDMI à changer', 'Vidéoprojecteur bruyant'] },
  { path: 'levels', set: CLASS_LEVELS },
];

const SCHOOL_FIELDS: readonly Field[] = [
  { path: 'visitDate', values: [null, '2026-10-05', '2026-11-28', '2026-12-03'] },
  { path: 'classesCount', values: [null, 4, 8, 12] },
  { path: 'pupils', values: [null, 90, 180, 240] },
  { path: 'newTeachers', values: [null, 0, 1, 2] },
  { path: 'internet.access', values: [null, 'fibre', 'adsl', 'vdsl'] },
  { path: 'internet.downloadMbps', values: [null, 8, 100, 300] },
  { path: 'wifi.accessPoints', values: [null, 2, 6, 10] },
  { path: 'wifi.coverage', values: [null, 'all', 'partial', 'none'] },
  { path: 'filtering', values: YES_NO },
  { path: 'usageCharter', values: YES_NO },
  { path: 'ent.used', values: YES_NO },
  { path: 'ent.name', values: [null, 'ENT 13', 'Atrium', 'Beneylu'] },
  { path: 'resources', values: YES_NO },
  { path: 'peripherals.robots', values: [null, 0, 6, 12] },
  { path: 'needs', values: ['', 'Des tablettes pour le cycle 2', 'Un VPI par classe', 'Formation ENT'] },
  { path: 'notes', values: ['', 'Visite avec la directrice', 'Rappeler la mairie', 'RAS'] },
  { path: 'trainingNeeds', set: TRAINING_NEED_IDS },
  { path: 'fleet' },
];

function getAt(data: Data, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Data | undefined)?.[key], data);
}

function setAt(data: Data, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  (keys.reduce<Data>((target, key) => target[key] as Data, data))[last] = value;
}

/** Changes `field` in `data` (a copy being edited); `avoid` is a value the other side gave it (to make a conflict).
 * Returns false when the field cannot change here (a school without fleets). */
function change(data: Data, field: Field, random: Random, avoid?: unknown): boolean {
  if ('values' in field) {
    const base = getAt(data, field.path);
    const options = field.values.filter((v) => v !== base && v !== avoid);
    setAt(data, field.path, random.pick(options));
    return true;
  }
  if (field.path === 'fleet') {
    const fleets = data.fleets as Fleet[];
    const i = fleets.length > 0 ? random.int(0, fleets.length - 1) : -1;
    const fleet = fleets[i];
    if (!fleet) return false;
    fleets[i] = { ...fleet, workingCount: fleet.workingCount === 0 ? Math.min(1, fleet.count) : fleet.workingCount - 1 };
    return fleets[i]?.workingCount !== fleet.workingCount;
  }
  const items = (data[field.path] as string[] | undefined) ?? [];
  const added = field.set.filter((item) => !items.includes(item));
  if (added.length === 0) return false;
  data[field.path] = [...items, random.pick(added)];
  return true;
}

interface Case {
  base: Fiche;
  local: Fiche;
  head: Fiche;
  conflict: boolean;
}

/** The base edited in 5 fields on each side: different fields, or (conflict) one field to different values. */
function makeCase(base: Fiche, index: number, random: Random): Case {
  const fields = base.kind === 'school' ? SCHOOL_FIELDS : CLASSROOM_FIELDS;
  const local = structuredClone(base.data) as Data;
  const head = structuredClone(base.data) as Data;
  const order = [...fields].sort(() => random.next() - 0.5);
  const conflict = index % CONFLICT_EVERY === 0;
  let [inLocal, inHead] = [0, 0];
  if (conflict) {
    const leaf = order.find((f) => 'values' in f) as Field;
    order.splice(order.indexOf(leaf), 1);
    change(local, leaf, random);
    change(head, leaf, random, getAt(local, leaf.path));
    [inLocal, inHead] = [1, 1];
  }
  for (const field of order) {
    if (inLocal < FIELDS_PER_SIDE) inLocal += change(local, field, random) ? 1 : 0;
    else if (inHead < FIELDS_PER_SIDE) inHead += change(head, field, random) ? 1 : 0;
  }
  const at = '2026-11-29T10:00:00.000Z';
  return {
    base,
    local: { ...base, rev: base.rev + 1, updatedAt: at, data: local } as Fiche,
    head: { ...base, rev: base.rev + 1, updatedAt: at, author: { name: 'Autre tablette', role: 'technicien' }, data: head } as Fiche,
    conflict,
  };
}

function timeEach(cases: readonly Case[], run: (c: Case) => unknown): number[] {
  const times: number[] = new Array<number>(cases.length);
  for (const [i, c] of cases.entries()) {
    const start = performance.now();
    run(c);
    times[i] = (performance.now() - start) * 1000;
  }
  return times;
}

function bench(name: string, cases: readonly Case[], run: (c: Case) => unknown): void {
  timeEach(cases, run); // warm-up
  const perFiche: number[] = [];
  const perPass: number[] = [];
  for (let pass = 0; pass < PASSES; pass += 1) {
    const start = performance.now();
    const times = timeEach(cases, run);
    perPass.push(((performance.now() - start) * 1000) / cases.length);
    perFiche.push(...times);
  }
  const kinds = (kind: Fiche['kind']) => cases.flatMap((c, i) => (c.base.kind === kind ? [i] : []));
  const of = (indexes: number[]) => Array.from({ length: PASSES }, (_, p) => indexes.map((i) => perFiche[p * cases.length + i] as number)).flat();
  console.log(`  ${name}, per fiche (${PASSES} passes of ${cases.length} fiches): ${describe(perFiche, 'µs')}`);
  console.log(`    school fiches: median ${median(of(kinds('school'))).toFixed(2)} µs; classroom fiches: median ${median(of(kinds('classroom'))).toFixed(2)} µs; whole pass ÷ fiches: ${perPass.map((v) => v.toFixed(2)).join(', ')} µs`);
}

const random = createRandom(2026);
const fiches = generateDepartement().fiches;
const cases = fiches.map((fiche, i) => makeCase(fiche, i, random));
const conflicting = cases.filter((c) => mergeFiche(c.base, c.local, c.head).conflicts.length > 0).length;
const now = new Date('2026-11-29T10:00:00.000Z');
const author = { name: 'Banc d’essai', role: 'erun' as const };

console.log(`merge of a fiche, three-way (Node; the generated département, ${cases.length} fiches, ${FIELDS_PER_SIDE} fields changed on each side, ${conflicting} with a conflict)`);
bench('mergeFiche', cases, (c) => mergeFiche(c.base, c.local, c.head));
const decide = (c: Case) =>
  reconcile({ head: { rev: c.head.rev, seq: 1, record: c.head }, base: { id: c.base.id, rev: c.base.rev, seq: 0, record: c.base }, local: c.local, unsent: true, author, referentialVersion: c.base.referentialVersion, now });
const decisions = new Map<string, number>();
for (const c of cases) decisions.set(decide(c).kind, (decisions.get(decide(c).kind) ?? 0) + 1);
bench(`reconcile (merge, compared with the head, validated: ${[...decisions].map(([kind, n]) => `${n} ${kind}`).join(', ')})`, cases, decide);
console.log(`  machine: ${machine()}; load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
