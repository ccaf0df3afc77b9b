// The directory part of a generated département: schools spread over real communes in proportion to their
// population (about 40 % in Marseille), with éducation prioritaire and IPS following each commune's profile.
import { chefDeFileForCommune } from '../model/school';
import type { DirectorySchool, EducationPrioritaire } from '../model/school';
import { uaiCheckLetter } from '../model/uai';
import { apportion } from './apportion';
import { COMMUNES_13 } from './communes-13';
import type { Commune13 } from './communes-13';
import { DEMO_SCHOOLS } from './demo-schools';
import type { Random } from './prng';
import { createSchoolNamer } from './school-names';
import type { SchoolNamer } from './school-names';

const MARSEILLE_SHARE = 0.4;
const PRIMAIRE_SHARE = 0.15;
const UAI_FIRST = 1000;
const UAI_LAST = 9999;

type Prioritaire = EducationPrioritaire | null;

function educationPrioritaire(random: Random, ipsBase: number): Prioritaire {
  if (ipsBase < 82) return random.weighted<Prioritaire>([['REP+', 55], ['REP', 30], [null, 15]]);
  if (ipsBase < 90) return random.weighted<Prioritaire>([['REP+', 20], ['REP', 40], [null, 40]]);
  if (ipsBase < 98) return random.weighted<Prioritaire>([['REP+', 3], ['REP', 20], [null, 77]]);
  if (ipsBase < 105) return random.weighted<Prioritaire>([['REP', 6], [null, 94]]);
  return null;
}

function ipsFor(random: Random, ipsBase: number, ep: Prioritaire): number {
  const noise = (random.next() + random.next() - 1) * 12;
  const raw = ep === 'REP+' ? 75 + noise * 0.7 : ep === 'REP' ? 88 + noise * 0.6 : Math.max(90, ipsBase + noise);
  return Math.round(Math.min(135, Math.max(66, raw)) * 10) / 10;
}

/** Unique, valid UAIs of the form 013dddd + check letter, never one of the demonstration directory's. */
function createUaiSource(random: Random, count: number): () => string {
  const taken = new Set(DEMO_SCHOOLS.map((school) => school.uai.slice(3, 7)));
  if (count > UAI_LAST - UAI_FIRST + 1 - taken.size) throw new Error(`cannot make ${count} distinct UAIs`);
  return () => {
    let digits = String(random.int(UAI_FIRST, UAI_LAST));
    while (taken.has(digits)) digits = String(random.int(UAI_FIRST, UAI_LAST));
    taken.add(digits);
    return `013${digits}${uaiCheckLetter(`013${digits}`)}`;
  };
}

function makeSchool(random: Random, commune: Commune13, uai: string, namer: SchoolNamer): DirectorySchool {
  const ep = educationPrioritaire(random, commune.ipsBase);
  const primaire = random.chance(PRIMAIRE_SHARE);
  // Skewed towards small schools: 4 to 18 classes, about 8.5 on average.
  const classes = 4 + Math.floor(15 * random.next() ** 2);
  return {
    uai,
    name: namer.name(commune.code, primaire),
    commune: commune.name,
    communeCode: commune.code,
    circonscription: random.pick(commune.circonscriptions),
    educationPrioritaire: ep,
    chefDeFile: chefDeFileForCommune(commune.code),
    maternelle: primaire,
    elementaire: true,
    classes,
    pupils: Math.round(classes * (22 + 4 * random.next())),
    ips: ipsFor(random, commune.ipsBase, ep),
    open: true,
    source: 'generated',
  };
}

/** How many schools each commune gets: MARSEILLE_SHARE of them over the arrondissements, the rest elsewhere. */
function schoolsPerCommune(count: number): Array<{ commune: Commune13; schools: number }> {
  const marseille = COMMUNES_13.filter((c) => chefDeFileForCommune(c.code) === 'ville-marseille');
  const others = COMMUNES_13.filter((c) => chefDeFileForCommune(c.code) !== 'ville-marseille');
  const inMarseille = Math.round(count * MARSEILLE_SHARE);
  const split = (communes: readonly Commune13[], total: number) => {
    const shares = apportion(communes.map((c) => c.population), total, 1);
    return communes.map((commune, i) => ({ commune, schools: shares[i] ?? 0 }));
  };
  return [...split(marseille, inMarseille), ...split(others, count - inMarseille)];
}

export function generateSchools(random: Random, count: number): DirectorySchool[] {
  const nextUai = createUaiSource(random, count);
  const namer = createSchoolNamer(random);
  const schools: DirectorySchool[] = [];
  for (const { commune, schools: n } of schoolsPerCommune(count)) {
    for (let i = 0; i < n; i += 1) schools.push(makeSchool(random, commune, nextUai(), namer));
  }
  return schools;
}
