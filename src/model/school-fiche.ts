// Which school fiche speaks for a school when several exist (two tablets each created one, or a backup brought
// one): one answer for the gap engine, the export and the audit status, on the tablet and on the server alike.
import type { SchoolFiche } from './types';

/**
 * The one of two school fiches of a school that speaks for it: the most recently updated; on an exact tie, the
 * greater id, so that the choice never depends on the order the fiches were read in.
 */
export function speakingSchoolFiche(held: SchoolFiche | undefined, candidate: SchoolFiche): SchoolFiche {
  if (!held) return candidate;
  if (candidate.updatedAt !== held.updatedAt) return candidate.updatedAt > held.updatedAt ? candidate : held;
  return candidate.id > held.id ? candidate : held;
}
