// A fingerprint of what the gaps are computed from: the référentiel, the year, the directory and the fiches. The page
// keeps the last summary with it and, on the next start, shows that summary at once only if the fingerprint of that
// start's inputs is the same (state/gaps.ts). Schools and fiches count as sums of their own hashes, so that the
// engine updates the fingerprint with each revision in whatever order they come.
import type { Referential } from '../model/referential';
import type { DirectorySchool } from '../model/school';
import type { Fiche } from '../model/types';

export interface KeyedInputs {
  referential: Referential;
  directory: readonly DirectorySchool[];
  fiches: readonly Fiche[];
  currentYear: number;
}

/** The hash just made: two independent 32-bit lanes (a typed array, so that no number is boxed on the way). */
const lanes = new Uint32Array(2);

/**
 * Hashes texts, each followed by a separator (so that "ab" + "c" and "a" + "bc" differ), then small numbers: two
 * FNV-1a lanes with different primes, fed together in local variables. No string is built per fiche: 10,000 hash in a few milliseconds.
 */
function hash(texts: readonly string[], numbers: readonly number[] = []): void {
  let a = 0x811c9dc5 | 0;
  let b = 0x9747b28c | 0;
  for (const text of texts) {
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x5bd1e995);
    }
    a = Math.imul(a ^ 0x1f, 0x01000193);
    b = Math.imul(b ^ 0x1f, 0x5bd1e995);
  }
  for (const n of numbers) {
    a = Math.imul(a ^ n, 0x01000193);
    b = Math.imul(b ^ n, 0x5bd1e995);
  }
  lanes[0] = a;
  lanes[1] = b;
}

/** What identifies a fiche's revision on a device: a revision is never rewritten under the same rev. */
function hashFiche(f: Fiche): void {
  hash([f.kind, f.id, f.campaign, f.uai, f.updatedAt], [f.rev, f.deleted ? 1 : 0]);
}

/** A sum of hashes, kept in two 32-bit lanes. */
class HashSum {
  private a = 0;
  private b = 0;

  /** Adds (or takes away) the hash just made. */
  add(sign: 1 | -1 = 1): void {
    this.a = (this.a + sign * (lanes[0] as number)) >>> 0;
    this.b = (this.b + sign * (lanes[1] as number)) >>> 0;
  }

  toString(): string {
    return `${this.a.toString(36)}.${this.b.toString(36)}`;
  }
}

export class InputsKey {
  private readonly schools = new HashSum();
  private readonly fiches = new HashSum();
  private referential = '';

  constructor(inputs: KeyedInputs, private readonly currentYear = inputs.currentYear) {
    for (const school of inputs.directory) {
      hash([JSON.stringify(school)]);
      this.schools.add();
    }
    for (const fiche of inputs.fiches) {
      hashFiche(fiche);
      this.fiches.add();
    }
    this.setReferential(inputs.referential);
  }

  setReferential(referential: Referential): void {
    hash([JSON.stringify(referential)]);
    this.referential = `${(lanes[0] as number).toString(36)}.${(lanes[1] as number).toString(36)}`;
  }

  /** A revision taken in: it replaces `before`, the revision of the same fiche held until then. */
  replace(before: Fiche | undefined, after: Fiche): void {
    if (before) {
      hashFiche(before);
      this.fiches.add(-1);
    }
    hashFiche(after);
    this.fiches.add();
  }

  toString(): string {
    return `${this.currentYear}:${this.referential}:${this.schools}:${this.fiches}`;
  }
}

/** The fingerprint of a set of inputs, as an engine loaded with them and brought up to date would give it. */
export const inputsKeyOf = (inputs: KeyedInputs): string => String(new InputsKey(inputs));
