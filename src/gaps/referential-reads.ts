// Which parts of the référentiel the rules read, recorded as they run. After a change of référentiel the engine
// computes again only the results that read a part that changed: a school parameter leaves 9,000 classrooms as
// they were, a target or the funding rule leaves every school. Nothing here knows what a rule reads, so a rule
// that starts reading something new is followed without anyone updating a list.
import type { GapContext, RuleContexts } from './classroom-rules';
import { CLASSROOM_RULE_IDS, type ClassroomRuleId, type Referential } from '../model/referential';

/** "params.classesPerGroup" for a parameter, the key itself for any other part ("prices", "funding"). */
export type ReferentialPart = string;

const SOURCE = Symbol('source');
const READS = Symbol('reads');
type View = { [SOURCE]: Record<string, unknown>; [READS]: Set<ReferentialPart> };

// One getter per part, shared by every view, so that every view starts with one shape. It records the part the
// first time it is read, then leaves the plain value in its place: the thousands of reads that follow are plain
// property reads, as cheap as over the référentiel itself even before the engine's code is optimised.
const getters = new Map<ReferentialPart, (this: View) => unknown>();

function getterOf(part: ReferentialPart, key: string): (this: View) => unknown {
  let getter = getters.get(part);
  if (!getter) {
    getter = function (this: View) {
      this[READS].add(part);
      const value = this[SOURCE][key];
      Object.defineProperty(this, key, { enumerable: true, value });
      return value;
    };
    getters.set(part, getter);
  }
  return getter;
}

function view(source: object, prefix: string, reads: Set<ReferentialPart>, nested: Record<string, object> = {}): object {
  const made = { [SOURCE]: source, [READS]: reads } as View;
  for (const key of Object.keys(source)) {
    if (key in nested) Object.defineProperty(made, key, { enumerable: true, value: nested[key] });
    else Object.defineProperty(made, key, { enumerable: true, configurable: true, get: getterOf(prefix + key, key) });
  }
  return made;
}

/** A view of `referential` that adds to `reads` every part read through it, and reads like it. */
export function recordingView(referential: Referential, reads: Set<ReferentialPart>): Referential {
  const params = view(referential.params, 'params.', reads);
  return view(referential, '', reads, { params }) as Referential;
}

/** The parts that differ between two référentiels. */
export function changedParts(before: Referential, after: Referential): ReferentialPart[] {
  const [a, b] = [before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>];
  const [pa, pb] = [before.params as unknown as Record<string, unknown>, after.params as unknown as Record<string, unknown>];
  const parts: ReferentialPart[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key !== 'params') {
      if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) parts.push(key);
      continue;
    }
    for (const name of new Set([...Object.keys(pa), ...Object.keys(pb)])) if (!Object.is(pa[name], pb[name])) parts.push(`params.${name}`);
  }
  return parts;
}

/**
 * What a change of référentiel makes the engine compute again: everything; some class rules of every classroom (and
 * the schools whose classrooms come out different, or every school when a school rule read a part that changed too);
 * the schools; or only the département's sums.
 */
export type Recompute =
  | { scope: 'everything' }
  | { scope: 'classroom-rules'; rules: ReadonlySet<ClassroomRuleId>; schools: boolean }
  | { scope: 'schools' }
  | { scope: 'departement' };

/** The contexts classrooms and schools are computed with, each recording what its rules read. */
export class RecordingContexts {
  /** What a classroom's computation reads outside its rules (which rules there are). */
  classroom!: GapContext;
  school!: GapContext;
  /** Each class rule's own context, so that a parameter one rule reads reruns that rule only. */
  readonly classroomRule: RuleContexts = (rule) => this.ruleViews.get(rule) as GapContext;
  private ruleViews = new Map<ClassroomRuleId, GapContext>();
  private classroomReads = new Set<ReferentialPart>();
  private ruleReads = new Map<ClassroomRuleId, Set<ReferentialPart>>(CLASSROOM_RULE_IDS.map((id) => [id, new Set()]));
  private schoolReads = new Set<ReferentialPart>();

  constructor(public plain: GapContext) {
    this.makeViews();
  }

  /** Takes in a new référentiel and says what must be computed again; what is, reads afresh. */
  change(referential: Referential): Recompute {
    const changed = changedParts(this.plain.referential, referential);
    const readsChanged = (reads: ReadonlySet<ReferentialPart>) => changed.some((part) => reads.has(part));
    const rules = new Set(CLASSROOM_RULE_IDS.filter((id) => readsChanged(this.ruleReads.get(id) as Set<ReferentialPart>)));
    const schools = readsChanged(this.schoolReads);
    let recompute: Recompute;
    if (readsChanged(this.classroomReads)) recompute = { scope: 'everything' };
    else if (rules.size > 0) recompute = { scope: 'classroom-rules', rules, schools };
    else recompute = { scope: schools ? 'schools' : 'departement' };
    if (recompute.scope === 'everything') {
      this.classroomReads = new Set();
      for (const id of CLASSROOM_RULE_IDS) this.ruleReads.set(id, new Set());
    }
    for (const id of rules) this.ruleReads.set(id, new Set());
    // Reads are recorded afresh only by what is computed again: the schools' set starts over when every school is.
    if (recompute.scope === 'everything' || recompute.scope === 'schools' || (recompute.scope === 'classroom-rules' && recompute.schools)) {
      this.schoolReads = new Set();
    }
    this.plain = { ...this.plain, referential };
    this.makeViews();
    return recompute;
  }

  private makeViews(): void {
    const { referential, currentYear } = this.plain;
    this.classroom = { referential: recordingView(referential, this.classroomReads), currentYear };
    this.school = { referential: recordingView(referential, this.schoolReads), currentYear };
    for (const [id, reads] of this.ruleReads) this.ruleViews.set(id, { referential: recordingView(referential, reads), currentYear });
  }
}
