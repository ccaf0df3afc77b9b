// Random fiches for the merge's property tests (merge.property.test.ts): a random base, and independent random edits
// of it standing for this device and the server's head. Values are drawn from small pools, so that two sides often
// make the same change, and fleets are sometimes added on both sides under one id.
import { makeClassroomData, makeSchoolData } from '../../../src/model/make';
import { CLASS_LEVELS } from '../../../src/model/schema';
import { TRAINING_NEED_IDS } from '../../../src/model/training';
import type { ClassroomData, FicheKind, Fleet, Photo, SchoolData } from '../../../src/model/types';
import type { Random } from '../../fixtures/departement/prng';

type Data = ClassroomData | SchoolData;
type Leaves = Readonly<Record<string, readonly unknown[]>>;

const CONDITION = [null, 'working', 'degraded', 'broken'];
const YES_NO = [null, true, false];
const YEAR = [null, 2015, 2019, 2023];

const CLASSROOM_LEAVES: Leaves = {
  label: ['CM1 B', 'CE2', 'Salle 12'],
  pupils: [null, 18, 24],
  'display.type': [null, 'eni', 'vpi', 'none'],
  'display.condition': CONDITION,
  'display.year': YEAR,
  'display.sizeInches': [null, 65, 75],
  'computer.type': [null, 'desktop', 'laptop'],
  'computer.condition': CONDITION,
  'computer.year': YEAR,
  'computer.os': [null, 'Windows 11', 'Ubuntu 24.04'],
  'computer.ramGb': [null, 4, 8],
  'computer.storage': [null, 'ssd', 'hdd'],
  'computer.linkedToDisplay': YES_NO,
  'computer.inventoryTag': [null, 'INV-001', 'INV-002'],
  'network.access': [null, 'wired', 'wifi'],
  'network.tested': YES_NO,
  'documentCamera.present': YES_NO,
  'documentCamera.condition': CONDITION,
  notes: ['', 'RAS', 'Câble HDMI à changer'],
};

const SCHOOL_LEAVES: Leaves = {
  visitDate: [null, '2026-11-28', '2026-12-03'],
  status: ['draft', 'complete'],
  classesCount: [null, 4, 8],
  pupils: [null, 90, 180],
  newTeachers: [null, 0, 2],
  'internet.access': [null, 'fibre', 'adsl'],
  'internet.downloadMbps': [null, 8, 300],
  'internet.uploadMbps': [null, 1, 100],
  'wifi.accessPoints': [null, 2, 6],
  'wifi.coverage': [null, 'all', 'partial'],
  'wifi.switchable': YES_NO,
  filtering: YES_NO,
  usageCharter: YES_NO,
  'ent.used': YES_NO,
  'ent.name': [null, 'ENT 13', 'Atrium'],
  resources: YES_NO,
  'peripherals.printerScanner': YES_NO,
  'peripherals.camera': YES_NO,
  'peripherals.robots': [null, 0, 6],
  needs: ['', 'Des tablettes pour le cycle 2'],
  notes: ['', 'Visite avec la directrice'],
};

const FLEET_FIELDS: Readonly<Record<string, readonly unknown[]>> = {
  type: ['tablet', 'laptop', 'hybrid'],
  count: [6, 12, 15],
  workingCount: [0, 4, 6],
  year: YEAR,
  charging: [null, 'cart', 'case'],
  mdm: YES_NO,
};

const PHOTO_FIELDS: Readonly<Record<string, readonly unknown[]>> = {
  subject: ['display', 'computer', 'general'],
  caption: [null, 'VPI', 'Étiquette'],
};

function randomPhoto(random: Random, digit: string): Photo {
  const photo: Record<string, unknown> = { sha256: digit.repeat(64), type: 'image/jpeg', bytes: 150_000, takenAt: '2026-11-30T08:00:00.000Z' };
  for (const [field, pool] of Object.entries(PHOTO_FIELDS)) photo[field] = random.pick(pool);
  return photo as Photo;
}

/** A few photos removed, changed or added (`side`'s own, or one both sides add). */
function editPhotos(random: Random, photos: readonly Photo[] | undefined, side: string): Photo[] | undefined {
  if (photos === undefined && !random.chance(0.5)) return undefined;
  const edited = (photos ?? []).filter(() => !random.chance(0.25)).map((photo) => {
    if (!random.chance(0.4)) return photo;
    const changed: Record<string, unknown> = { ...photo };
    for (const [field, pool] of Object.entries(PHOTO_FIELDS)) if (random.chance(0.5)) changed[field] = random.pick(pool);
    return changed as Photo;
  });
  if (random.chance(0.25)) edited.push(randomPhoto(random, side === 'ici' ? 'd' : 'e'));
  if (random.chance(0.2)) edited.push(randomPhoto(random, 'f'));
  return edited;
}

function setAt(record: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let target = record;
  for (const key of keys) target = target[key] as Record<string, unknown>;
  target[last] = value;
}

function randomFleet(random: Random, id: string): Fleet {
  const fleet: Record<string, unknown> = { id };
  for (const [field, pool] of Object.entries(FLEET_FIELDS)) fleet[field] = random.pick(pool);
  return fleet as Fleet;
}

/** A random subset, in a random order once in a while (sides do not always keep the canonical order). */
function randomSet(random: Random, options: readonly string[]): string[] {
  const picked = options.filter(() => random.chance(0.3));
  return random.chance(0.2) ? picked.reverse() : picked;
}

/** The same set with a few items added (at the end) or removed. */
function editSet(random: Random, items: readonly string[], options: readonly string[]): string[] {
  const kept = items.filter(() => !random.chance(0.15));
  return [...kept, ...options.filter((item) => !items.includes(item) && random.chance(0.1))];
}

/** The empty data of a new fiche. */
export function emptyData(kind: FicheKind): Data {
  return kind === 'school' ? makeSchoolData() : makeClassroomData();
}

export function randomData(random: Random, kind: FicheKind): Data {
  const data = structuredClone(emptyData(kind)) as Record<string, unknown>;
  for (const [path, pool] of Object.entries(kind === 'school' ? SCHOOL_LEAVES : CLASSROOM_LEAVES)) setAt(data, path, random.pick(pool));
  data.trainingNeeds = randomSet(random, TRAINING_NEED_IDS);
  // `photos` is optional on both kinds: absent on some bases, as on a fiche saved before photos existed.
  if (random.chance(0.6)) data.photos = Array.from({ length: random.int(0, 3) }, (_, i) => randomPhoto(random, String(i)));
  if (kind === 'classroom') {
    data.levels = randomSet(random, CLASS_LEVELS);
    if (random.chance(0.3)) delete data.trainingNeeds;
  } else {
    data.fleets = Array.from({ length: random.int(0, 3) }, (_, i) => randomFleet(random, `flotte-${i}`));
  }
  return data as Data;
}

function editFleets(random: Random, fleets: readonly Fleet[], side: string): Fleet[] {
  const edited = fleets.filter(() => !random.chance(0.15)).map((fleet) => {
    if (!random.chance(0.35)) return fleet;
    const changed: Record<string, unknown> = { ...fleet };
    for (const [field, pool] of Object.entries(FLEET_FIELDS)) if (random.chance(0.4)) changed[field] = random.pick(pool);
    return changed as Fleet;
  });
  if (random.chance(0.25)) edited.push(randomFleet(random, `ajout-${side}`));
  if (random.chance(0.1)) edited.push(randomFleet(random, 'ajout-commun'));
  return random.chance(0.1) ? edited.reverse() : edited;
}

/** An independent edit of `data` by one side (`side` names the fleets it adds); `data` itself is left as it is. */
export function editData(random: Random, kind: FicheKind, data: Data, side: string): Data {
  const edited = structuredClone(data) as Record<string, unknown>;
  for (const [path, pool] of Object.entries(kind === 'school' ? SCHOOL_LEAVES : CLASSROOM_LEAVES)) {
    if (random.chance(0.2)) setAt(edited, path, random.pick(pool));
  }
  const needs = edited.trainingNeeds as string[] | undefined;
  if (kind === 'classroom' && random.chance(0.1)) {
    if (needs === undefined) edited.trainingNeeds = [];
    else delete edited.trainingNeeds;
  } else if (needs !== undefined && random.chance(0.5)) edited.trainingNeeds = editSet(random, needs, TRAINING_NEED_IDS);
  if (kind === 'classroom' && random.chance(0.5)) edited.levels = editSet(random, edited.levels as string[], CLASS_LEVELS);
  if (kind === 'school' && random.chance(0.6)) edited.fleets = editFleets(random, edited.fleets as Fleet[], side);
  if (random.chance(0.7)) {
    const photos = editPhotos(random, edited.photos as Photo[] | undefined, side);
    if (photos === undefined) delete edited.photos;
    else edited.photos = photos;
  }
  return edited as Data;
}
