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

/** Two independent 32-bit hashes of a text, as one pair: FNV-1a, and a multiply-xorshift of the same characters. */
function hash(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, b >>> 0];
}

/** What identifies a fiche's revision on a device: a revision is never rewritten under the same rev. */
const ficheText = (f: Fiche) => `${f.kind}|${f.id}|${f.campaign}|${f.uai}|${f.rev}|${f.updatedAt}|${f.deleted ? 1 : 0}`;

/** A sum of hashes, kept in two 32-bit lanes. */
class HashSum {
  private a = 0;
  private b = 0;

  add(text: string, sign: 1 | -1 = 1): void {
    const [a, b] = hash(text);
    this.a = (this.a + sign * a) >>> 0;
    this.b = (this.b + sign * b) >>> 0;
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
    for (const school of inputs.directory) this.schools.add(JSON.stringify(school));
    for (const fiche of inputs.fiches) this.fiches.add(ficheText(fiche));
    this.setReferential(inputs.referential);
  }

  setReferential(referential: Referential): void {
    this.referential = hash(JSON.stringify(referential)).map((h) => h.toString(36)).join('.');
  }

  /** A revision taken in: it replaces `before`, the revision of the same fiche held until then. */
  replace(before: Fiche | undefined, after: Fiche): void {
    if (before) this.fiches.add(ficheText(before), -1);
    this.fiches.add(ficheText(after));
  }

  toString(): string {
    return `${this.currentYear}:${this.referential}:${this.schools}:${this.fiches}`;
  }
}

/** The fingerprint of a set of inputs, as an engine loaded with them and brought up to date would give it. */
export const inputsKeyOf = (inputs: KeyedInputs): string => String(new InputsKey(inputs));
