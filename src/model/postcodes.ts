// Postcodes of the communes, so that "13009" finds the schools of Marseille 9e: the directory knows communes by
// their INSEE code, and a postcode is not one (13005 is Aubagne's INSEE code and Marseille 5e's postcode). The
// tables are data, one file per département (postcodes/<département>.json, from La Poste's base officielle);
// a département without one is searched by name and INSEE code only.
import bouchesDuRhone from './postcodes/13.json';

interface PostcodeTable {
  source: string;
  departement: string;
  /** A postcode to give as an example in the search's hint, one that is not a commune's INSEE code. */
  example: string;
  /** INSEE code of a commune (or of a municipal arrondissement) → its postcodes. */
  communes: Record<string, readonly string[]>;
}

const TABLES: readonly PostcodeTable[] = [bouchesDuRhone];

const byCommune = new Map(TABLES.flatMap((table) => Object.entries(table.communes)));
const known = new Set([...byCommune.values()].flat());

/** The postcodes of a commune (Marseille 9e, 13209 → 13009); none when its département has no table. */
export function postcodesOf(communeCode: string): readonly string[] {
  return byCommune.get(communeCode) ?? [];
}

/** Whether a code is the postcode of some commune of the tables. */
export function isKnownPostcode(code: string): boolean {
  return known.has(code);
}

/** A postcode of the département to give as an example, or null when its postcodes are not known (no search by them). */
export function postcodeExample(departement: string): string | null {
  return TABLES.find((table) => table.departement === departement)?.example ?? null;
}
