// What a generated school fiche holds: internet access from fibre to none, Wi-Fi, mobile fleets, policies and
// training needs. Drafts leave more answers "non renseigné" (null) than completed fiches.
import type { DirectorySchool } from '../model/school';
import type { Fleet, InternetAccess, SchoolData, SchoolStatus, WifiCoverage } from '../model/types';
import { trainingNeeds } from './generate-classroom-data';
import type { Random } from './prng';

export interface SchoolVisit {
  status: SchoolStatus;
  visitDate: string | null;
  /** Classroom fiches made for the school. */
  audited: number;
  maxYear: number;
}

const MAX_CLASSES = 60;
const OLDEST_FLEET_YEAR = 2012;
const ENT_NAMES = ['ONE', 'Beneylu School', 'ENT Écoles 13', 'Klassroom'] as const;

const NEEDS = [
  'Remplacer les ordinateurs des classes, trop lents.',
  'Un écran numérique interactif dans chaque classe de cycle 3.',
  'Couvrir tout le bâtiment en Wi-Fi.',
  'Une classe mobile de tablettes pour le cycle 2.',
  "Former l'équipe aux usages du VPI.",
  'Des visualiseurs pour les classes de CP.',
  'Renouveler le vidéoprojecteur de la salle polyvalente.',
] as const;

const NOTES = [
  'Visite avec la directrice et le technicien de la mairie.',
  'Bâtiment en travaux : deux classes relogées en préfabriqué.',
  'Relevé à compléter pour le bâtiment B.',
  "Code d'accès au local serveur à demander à la mairie.",
] as const;

const SPEEDS_MBPS: Record<Exclude<InternetAccess, 'none'>, readonly [readonly number[], readonly number[]]> = {
  fibre: [[100, 200, 300, 500, 1000], [50, 100, 200, 300]],
  vdsl: [[15, 30, 50, 80], [2, 5, 10, 20]],
  adsl: [[2, 4, 8, 12, 18], [0.5, 0.8, 1]],
  mobile: [[10, 25, 50, 80], [5, 10, 20]],
  satellite: [[30, 50, 100], [3, 5, 10]],
};

function orNull<T>(random: Random, pNull: number, value: () => T): T | null {
  return random.chance(pNull) ? null : value();
}

function internet(random: Random): SchoolData['internet'] {
  const access = random.weighted<InternetAccess | null>([
    ['fibre', 55], ['vdsl', 14], ['adsl', 14], ['mobile', 5], ['satellite', 2], ['none', 3], [null, 7],
  ]);
  if (access === null) return { access, downloadMbps: null, uploadMbps: null };
  if (access === 'none') return { access, downloadMbps: 0, uploadMbps: 0 };
  const [down, up] = SPEEDS_MBPS[access];
  const measured = random.chance(0.8);
  return { access, downloadMbps: measured ? random.pick(down) : null, uploadMbps: measured ? random.pick(up) : null };
}

function wifi(random: Random, classes: number, pNull: number): SchoolData['wifi'] {
  const coverage = random.weighted<WifiCoverage | null>([['all', 35], ['partial', 35], ['none', 20], [null, 10]]);
  if (coverage === 'none') return { accessPoints: 0, coverage, switchable: null };
  const accessPoints =
    coverage === 'all' ? random.int(Math.ceil(classes / 2), classes + 2) : random.int(1, Math.max(1, Math.floor(classes / 2)));
  return {
    accessPoints: orNull(random, coverage === null ? 0.5 : pNull, () => accessPoints),
    coverage,
    switchable: orNull(random, pNull, () => random.chance(0.7)),
  };
}

function fleet(random: Random, maxYear: number): Fleet {
  const type = random.weighted<Fleet['type']>([['tablet', 60], ['laptop', 25], ['hybrid', 15]]);
  const count = type === 'tablet' ? random.int(8, 32) : random.int(8, 24);
  const year = random.int(Math.min(OLDEST_FLEET_YEAR, maxYear), maxYear);
  return {
    type,
    count,
    workingCount: count - Math.min(count, random.chance(0.6) ? 0 : random.int(1, 6) + Math.max(0, maxYear - year - 4)),
    year: orNull(random, 0.1, () => year),
    charging: random.weighted<Fleet['charging']>([['cart', 45], ['case', 30], ['none', 15], [null, 10]]),
    mdm: random.weighted<boolean | null>([[true, 55], [false, 30], [null, 15]]),
  };
}

function answer(random: Random, pYes: number, pNull: number): boolean | null {
  return orNull(random, pNull, () => random.chance(pYes));
}

export function generateSchoolData(random: Random, school: DirectorySchool, visit: SchoolVisit): SchoolData {
  const draft = visit.status === 'draft';
  const pNull = draft ? 0.2 : 0.05;
  const classes = Math.min(MAX_CLASSES, Math.max(1, school.classes ?? 1, visit.audited));
  const entUsed = answer(random, 0.65, pNull);
  const ep = school.educationPrioritaire;
  const newTeachers = ep === 'REP+' ? random.int(1, 6) : ep === 'REP' ? random.int(0, 4) : random.int(0, 2);
  return {
    visitDate: visit.visitDate,
    status: visit.status,
    classesCount: orNull(random, draft ? 0.05 : 0, () => classes),
    pupils: orNull(random, pNull / 2, () => school.pupils ?? classes * 24),
    newTeachers: orNull(random, 0.12, () => newTeachers),
    internet: internet(random),
    wifi: wifi(random, classes, pNull),
    fleets: Array.from({ length: random.weighted([[0, 30], [1, 40], [2, 20], [3, 10]]) }, () => fleet(random, visit.maxYear)),
    filtering: answer(random, 0.85, pNull),
    usageCharter: answer(random, 0.7, pNull),
    ent: { used: entUsed, name: entUsed ? orNull(random, 0.15, () => random.pick(ENT_NAMES)) : null },
    resources: answer(random, 0.75, pNull),
    peripherals: {
      printerScanner: answer(random, 0.85, pNull),
      camera: answer(random, 0.45, pNull),
      robots: orNull(random, pNull, () => (random.chance(0.5) ? 0 : random.int(1, 12))),
    },
    trainingNeeds: trainingNeeds(random, random.weighted([[0, 20], [1, 25], [2, 30], [3, 15], [4, 10]])),
    needs: random.chance(draft ? 0.5 : 0.75) ? random.pick(NEEDS) : '',
    notes: random.chance(0.25) ? random.pick(NOTES) : '',
  };
}
