// What a generated classroom fiche holds: displays and computers of every kind and age (Marseille's school
// computers average about nine years), some broken, some fields left "non renseigné" (null) as in the field.
import type { ClassroomData, Condition, DisplayType } from '../model/types';
import { TRAINING_NEED_IDS } from '../model/training';
import type { PlannedClass } from './class-list';
import type { Random } from './prng';

type Equipped = Exclude<DisplayType, 'none'>;

const DISPLAY_TYPES: ReadonlyArray<readonly [DisplayType, number]> = [
  ['eni', 20], ['vpi', 28], ['tni', 14], ['projector', 20], ['tv', 6], ['none', 12],
];
const DISPLAY_FIRST_YEAR: Record<Equipped, number> = { eni: 2016, vpi: 2008, tni: 2008, projector: 2008, tv: 2010 };
const DISPLAY_LAST_YEAR: Partial<Record<Equipped, number>> = { vpi: 2019, tni: 2018 };
const DISPLAY_SIZES_INCHES: Record<Equipped, readonly number[]> = {
  eni: [65, 75, 86], tni: [77, 88], tv: [50, 55, 65], vpi: [80, 90, 100], projector: [80, 100],
};
const OLDEST_COMPUTER_YEAR = 2008;

const NOTES = [
  'Câble HDMI trop court pour le bureau.',
  'Le VPI se décalibre souvent.',
  'Pas de prise réseau près du bureau.',
  'Ordinateur très lent au démarrage.',
  'Lampe du vidéoprojecteur à changer.',
  'Wi-Fi instable au fond de la classe.',
  'Stylet du TNI manquant.',
  "L'enseignante apporte son ordinateur personnel.",
] as const;

function orNull<T>(random: Random, pNull: number, value: () => T): T | null {
  return random.chance(pNull) ? null : value();
}

/** Older equipment is more often degraded or broken. */
export function conditionFor(random: Random, ageYears: number): Condition {
  return random.weighted<Condition>([
    ['working', Math.max(20, 72 - 3 * ageYears)],
    ['degraded', 14 + ageYears],
    ['broken', 8 + ageYears],
    ['out_of_service', 4 + ageYears / 2],
  ]);
}

function display(random: Random, maxYear: number): ClassroomData['display'] {
  const type = random.weighted(DISPLAY_TYPES);
  if (type === 'none') return { type, condition: null, year: null, sizeInches: null };
  const last = Math.min(maxYear, DISPLAY_LAST_YEAR[type] ?? maxYear);
  const year = random.int(Math.min(DISPLAY_FIRST_YEAR[type], last), last);
  return {
    type,
    condition: orNull(random, 0.03, () => conditionFor(random, maxYear - year)),
    year: orNull(random, 0.08, () => year),
    sizeInches: orNull(random, type === 'projector' || type === 'vpi' ? 0.6 : 0.1, () => random.pick(DISPLAY_SIZES_INCHES[type])),
  };
}

function ramFor(random: Random, age: number): number {
  if (age >= 10) return random.pick([2, 4, 4]);
  if (age >= 5) return random.pick([4, 4, 8]);
  return random.pick([4, 8, 8, 16]);
}

function osFor(random: Random, year: number): string {
  if (year < 2015) return random.pick(['Windows 7', 'Windows 10', 'PrimTux 7']);
  if (year < 2021) return random.pick(['Windows 10', 'Windows 10', 'Ubuntu 22.04', 'PrimTux 8']);
  return random.pick(['Windows 11', 'Windows 11', 'Windows 10', 'Ubuntu 24.04']);
}

function computer(random: Random, maxYear: number, hasDisplay: boolean, tagPrefix: string): ClassroomData['computer'] {
  const type = random.weighted<ClassroomData['computer']['type']>([['desktop', 48], ['laptop', 38], ['none', 14]]);
  if (type === 'none') {
    return { type, condition: null, year: null, os: null, ramGb: null, storage: null, linkedToDisplay: null, inventoryTag: null };
  }
  const age = Math.max(0, Math.min(maxYear - OLDEST_COMPUTER_YEAR, Math.floor(15 * Math.sqrt(random.next()))));
  const year = maxYear - age;
  const ssdShare = age >= 8 ? 0.15 : age >= 4 ? 0.5 : 0.9;
  return {
    type,
    condition: orNull(random, 0.04, () => conditionFor(random, age)),
    year: orNull(random, 0.06, () => year),
    os: orNull(random, 0.08, () => osFor(random, year)),
    ramGb: orNull(random, 0.1, () => ramFor(random, age)),
    storage: orNull(random, 0.1, () => (random.chance(ssdShare) ? 'ssd' : 'hdd')),
    linkedToDisplay: hasDisplay ? orNull(random, 0.08, () => random.chance(0.88)) : false,
    inventoryTag: orNull(random, 0.35, () => `${tagPrefix}-${random.int(100000, 999999)}`),
  };
}

function network(random: Random): ClassroomData['network'] {
  const access = random.weighted<ClassroomData['network']['access']>([
    ['wired', 22], ['wifi', 35], ['both', 20], ['none', 13], [null, 10],
  ]);
  if (access === null) return { access, tested: null };
  return { access, tested: random.weighted<boolean | null>([[true, 55], [false, 30], [null, 15]]) };
}

export function generateClassroomData(random: Random, planned: PlannedClass, maxYear: number, tagPrefix: string): ClassroomData {
  const shownOn = display(random, maxYear);
  const present = random.weighted<boolean | null>([[true, 28], [false, 60], [null, 12]]);
  const [fewest, most] = planned.pupils;
  return {
    label: planned.label,
    levels: [...planned.levels],
    pupils: planned.levels.length === 0 ? null : orNull(random, 0.04, () => random.int(fewest, most)),
    display: shownOn,
    computer: computer(random, maxYear, shownOn.type !== 'none', tagPrefix),
    network: network(random),
    documentCamera: { present, condition: present ? orNull(random, 0.1, () => conditionFor(random, 3)) : null },
    notes: random.chance(0.12) ? random.pick(NOTES) : '',
    trainingNeeds: random.chance(0.75) ? [] : trainingNeeds(random, random.int(1, 2)),
  };
}

/** `count` distinct training need ids (themes or sub-themes of TNE 13). */
export function trainingNeeds(random: Random, count: number): string[] {
  const chosen = new Set<string>();
  while (chosen.size < Math.min(count, TRAINING_NEED_IDS.length)) chosen.add(random.pick(TRAINING_NEED_IDS));
  return [...chosen];
}
