// Search of schools as people type it: accents, case, hyphens and the usual abbreviations do not matter
// ("ecole ste marguerite" finds "École élémentaire Sainte-Marguerite"); a postcode finds the schools of its
// communes, and a UAI that finds nothing is told apart (absent from the directory, or a wrong check letter).
import type { ChefDeFile, DirectorySchool } from './school';
import { isKnownPostcode, postcodesOf } from './postcodes';
import { normalizeUai, uaiCheckLetter } from './uai';

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

/** Lower-case words without accents or ligatures. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** A text's words with abbreviations written out ("Ste" → "sainte"), for matching. */
function textWords(text: string): string[] {
  return searchWords(text).map((word) => ABBREVIATIONS[word] ?? word);
}

/**
 * True when every word of the query begins a word of the text. A query word that is an abbreviation matches
 * either way: "ste" finds "Sainte-Marguerite" and "Stendhal", "pr" finds "primaire" and "Provence".
 */
export function matchesWords(queryWords: readonly string[], words: readonly string[]): boolean {
  return queryWords.every((q) => {
    const long = ABBREVIATIONS[q];
    return words.some((w) => w.startsWith(q) || (long !== undefined && w.startsWith(long)));
  });
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
    words = textWords(`${school.name} ${school.uai} ${school.commune} ${postcodesOf(school.communeCode).join(' ')}`);
    wordsBySchool.set(school, words);
  }
  return words;
}

/**
 * A query word matches a school when it begins one of its words (postcodes included), or when it is its commune's
 * INSEE code written in full and is not also a postcode (then the postcode is what people mean).
 */
function matchesSchool(query: readonly string[], school: DirectorySchool): boolean {
  const words = schoolWords(school);
  return query.every((q) => matchesWords([q], words) || (q === school.communeCode.toLowerCase() && !isKnownPostcode(q)));
}

/** The schools that the search and the filters keep, in the order given. */
export function filterSchools(schools: readonly DirectorySchool[], filter: SchoolFilter): DirectorySchool[] {
  const query = searchWords(filter.query);
  return schools.filter(
    (school) =>
      (filter.circonscription === '' || school.circonscription === filter.circonscription) &&
      (filter.chefDeFile === '' || school.chefDeFile === filter.chefDeFile) &&
      (query.length === 0 || matchesSchool(query, school)),
  );
}

/**
 * A query that is a UAI (seven digits, with or without its check letter): the full UAI, and when the letter typed
 * is wrong, the UAI with the right one. Null for any other query.
 */
export function uaiOfQuery(query: string): { uai: string; expected: string | null } | null {
  const typed = normalizeUai(query).replace(/\s+/g, '');
  const match = /^(\d{7})([A-Z])?$/.exec(typed);
  if (!match) return null;
  const digits = match[1] as string;
  const right = `${digits}${uaiCheckLetter(digits)}`;
  if (match[2] === undefined || typed === right) return { uai: right, expected: null };
  return { uai: typed, expected: right };
}
