// Search of schools as people type it: accents, case, hyphens and the usual abbreviations do not matter
// ("ecole ste marguerite" finds "École élémentaire Sainte-Marguerite").
import type { ChefDeFile, DirectorySchool } from './school';

const ABBREVIATIONS: Record<string, string> = {
  st: 'saint',
  ste: 'sainte',
  sts: 'saints',
  stes: 'saintes',
  ec: 'ecole',
  elem: 'elementaire',
  mat: 'maternelle',
  pr: 'primaire',
};

/** Lower-case words without accents; abbreviations are written out. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => ABBREVIATIONS[word] ?? word);
}

/** True when every word of the query begins a word of the text. */
export function matchesWords(queryWords: readonly string[], textWords: readonly string[]): boolean {
  return queryWords.every((q) => textWords.some((w) => w.startsWith(q)));
}

export interface SchoolFilter {
  query: string;
  circonscription: string;
  chefDeFile: ChefDeFile | '';
}

const wordsBySchool = new WeakMap<DirectorySchool, string[]>();

function schoolWords(school: DirectorySchool): string[] {
  let words = wordsBySchool.get(school);
  if (!words) {
    words = searchWords(`${school.name} ${school.uai} ${school.commune} ${school.communeCode}`);
    wordsBySchool.set(school, words);
  }
  return words;
}

/** The schools that the search and the filters keep, in the order given. */
export function filterSchools(schools: readonly DirectorySchool[], filter: SchoolFilter): DirectorySchool[] {
  const query = searchWords(filter.query);
  return schools.filter(
    (school) =>
      (filter.circonscription === '' || school.circonscription === filter.circonscription) &&
      (filter.chefDeFile === '' || school.chefDeFile === filter.chefDeFile) &&
      (query.length === 0 || matchesWords(query, schoolWords(school))),
  );
}
