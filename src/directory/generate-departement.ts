// A whole synthetic département for benchmarks and demonstrations: a directory of schools and, for each, the
// school fiche and the classroom fiches of one campaign. The same seed (and day) always gives the same data.
import { REFERENTIAL_VERSION } from '../model/make';
import type { DirectorySchool } from '../model/school';
import type { Author, ClassroomFiche, SchoolFiche, SchoolStatus } from '../model/types';
import { apportion } from './apportion';
import { createAuthorPool } from './authors';
import type { AuthorPool } from './authors';
import { createCampaignClock, toIsoDate } from './campaign-clock';
import type { CampaignClock } from './campaign-clock';
import { pickAudited, planClasses } from './class-list';
import { generateClassroomData } from './generate-classroom-data';
import { generateSchoolData } from './generate-school-data';
import { generateSchools } from './generate-schools';
import { createRandom } from './prng';
import type { Random } from './prng';

export interface GenerateDepartementOptions {
  seed?: number;
  schools?: number;
  /** Classroom fiches in all, spread over the schools in proportion to their classes. */
  classrooms?: number;
  campaign?: string;
  /** No generated date or year goes past it; defaults to the current time. */
  now?: Date;
}

export interface GeneratedDepartement {
  schools: DirectorySchool[];
  fiches: Array<SchoolFiche | ClassroomFiche>;
}

export const GENERATOR_DEFAULTS = { seed: 13, schools: 1200, classrooms: 9000, campaign: '2026-2027' } as const;

type ClassroomAuthor = 'erun' | 'technicien' | 'directeur';
type SchoolAuthor = 'erun' | 'directeur' | 'autre';
const CLASSROOM_AUTHORS: ReadonlyArray<readonly [ClassroomAuthor, number]> = [['erun', 60], ['technicien', 35], ['directeur', 5]];
const SCHOOL_AUTHORS: ReadonlyArray<readonly [SchoolAuthor, number]> = [['erun', 70], ['directeur', 25], ['autre', 5]];
const CLASSROOM_REVS: ReadonlyArray<readonly [number, number]> = [[1, 50], [2, 30], [3, 15], [4, 5]];

interface Context {
  random: Random;
  clock: CampaignClock;
  authors: AuthorPool;
  campaign: string;
}

function envelope(ctx: Context, school: DirectorySchool, rev: number, day: number | null, author: Author) {
  return {
    id: ctx.random.uuid(),
    uai: school.uai,
    campaign: ctx.campaign,
    rev,
    updatedAt: ctx.clock.timestamp(day),
    deleted: false,
    author,
    referentialVersion: REFERENTIAL_VERSION,
  };
}

function classroomFiches(ctx: Context, school: DirectorySchool, audited: number, firstVisit: number | null): ClassroomFiche[] {
  const { random, clock, authors } = ctx;
  const planned = planClasses(random, school.classes ?? audited, {
    maternelle: school.maternelle,
    prioritaire: school.educationPrioritaire !== null,
  });
  const tagPrefix = school.chefDeFile === 'ville-marseille' ? 'VDM' : `INV-${school.communeCode}`;
  return pickAudited(random, planned, audited).map((room) => {
    const who = random.weighted(CLASSROOM_AUTHORS);
    // Technicians often come back after the ERUN's visit to fill in the hardware details.
    const day = who === 'technicien' && firstVisit !== null ? clock.laterDay(firstVisit, 30) : firstVisit;
    const author =
      who === 'erun' ? authors.erun(school) : who === 'technicien' ? authors.technician(school) : authors.director(school);
    const rev = random.weighted(CLASSROOM_REVS);
    const data = generateClassroomData(random, room, clock.maxYear, tagPrefix);
    return { ...envelope(ctx, school, rev, day, author), kind: 'classroom', data };
  });
}

function auditSchool(ctx: Context, school: DirectorySchool, audited: number): Array<SchoolFiche | ClassroomFiche> {
  const { random, clock, authors } = ctx;
  const firstVisit = clock.visitDay();
  const status: SchoolStatus = firstVisit !== null && random.chance(0.55) ? 'complete' : 'draft';
  const visitDate = firstVisit === null || (status === 'draft' && random.chance(0.25)) ? null : toIsoDate(firstVisit);
  const data = generateSchoolData(random, school, { status, visitDate, audited, maxYear: clock.maxYear });
  const who = random.weighted(SCHOOL_AUTHORS);
  const author = who === 'erun' ? authors.erun(school) : who === 'directeur' ? authors.director(school) : authors.adviser(school);
  const rev = status === 'complete' ? random.int(2, 8) : random.int(1, 4);
  const lastDay = firstVisit === null ? null : clock.laterDay(firstVisit, status === 'complete' ? 20 : 5);
  const schoolFiche: SchoolFiche = { ...envelope(ctx, school, rev, lastDay, author), kind: 'school', data };
  return [schoolFiche, ...classroomFiches(ctx, school, audited, firstVisit)];
}

function wholeCount(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0, not ${value}`);
  return value;
}

export function generateDepartement(options: GenerateDepartementOptions = {}): GeneratedDepartement {
  const seed = options.seed ?? GENERATOR_DEFAULTS.seed;
  const campaign = options.campaign ?? GENERATOR_DEFAULTS.campaign;
  const schoolCount = wholeCount('schools', options.schools ?? GENERATOR_DEFAULTS.schools);
  const classrooms = wholeCount('classrooms', options.classrooms ?? GENERATOR_DEFAULTS.classrooms);
  if (schoolCount === 0 && classrooms > 0) throw new Error('classrooms need at least one school');
  const random = createRandom(seed);
  const schools = generateSchools(random, schoolCount);
  const ctx: Context = {
    random,
    clock: createCampaignClock(random, campaign, options.now ?? new Date()),
    authors: createAuthorPool(random),
    campaign,
  };
  const perSchool = apportion(schools.map((school) => school.classes ?? 1), classrooms);
  const fiches = schools.flatMap((school, i) => auditSchool(ctx, school, perSchool[i] ?? 0));
  return { schools, fiches };
}
