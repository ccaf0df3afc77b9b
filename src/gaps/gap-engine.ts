// The gap engine with its state, so that an edit recomputes only what it touches: the classroom edited, its
// school, and the département's sums (a pass over the schools' figures, not over the classrooms). A change of
// référentiel recomputes what read a part that changed (referential-reads.ts).
import { isOpenSchool, type DirectorySchool } from '../model/school';
import { speakingSchoolFiche } from '../model/school-fiche';
import type { ClassroomRuleId, Referential } from '../model/referential';
import type { ClassroomData, ClassroomFiche, Fiche, SchoolFiche } from '../model/types';
import { computeClassroomGap, type GapContext } from './classroom-rules';
import { RuleInputs, type Interned } from './rejudge';
import { computeSchoolGap, sameForSchool } from './school-rules';
import { buildDepartement } from './aggregates';
import { summarySchools } from './summary';
import { RecordingContexts } from './referential-reads';
import { InputsKey } from './inputs-key';
import type { ClassroomGap, DepartementReport, GapDelta, GapReport, GapSummary, SchoolGap, SchoolGaps } from './types';
import { needsByArticle, PilotageMemo, planFor, rankForPilotage, type ArticleNeed, type LabelledPlan, type PilotageSource, type PlanRequest, type PriorityRow, type Ranking } from './pilotage';

export interface GapSnapshot {
  referential: Referential;
  directory: readonly DirectorySchool[];
  /** One campaign's fiches, tombstones included (they are left out here). */
  fiches: readonly Fiche[];
  currentYear: number;
}

/** A classroom fiche, its gap (undefined only between taking the fiche in and computing it) and its rules' interned values. */
interface ClassroomRow extends Interned {
  fiche: ClassroomFiche;
  gap: ClassroomGap | undefined;
}

const gapOf = (row: ClassroomRow) => row.gap as ClassroomGap;

function getOrMake<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

export class GapEngine {
  private contexts: RecordingContexts;
  /** Made when first asked for (the export never asks), then kept up to date by each revision. */
  private inputs: InputsKey | undefined;
  private readonly wholeDirectory: readonly DirectorySchool[];
  private directory = new Map<string, DirectorySchool>();
  private fiches = new Map<string, Fiche>();
  /** Each school's classrooms, in the order they came, each fiche with its gap: a pass over them looks nothing up. */
  private classroomsByUai = new Map<string, Map<string, ClassroomRow>>();
  private schoolFichesByUai = new Map<string, Map<string, SchoolFiche>>();
  private schools = new Map<string, SchoolGap>();
  private ruleInputs = new RuleInputs();
  /** The priority list and the plan's view of each ranked school: made when first asked for, dropped by any change. */
  private ranking: Ranking | undefined;
  private memo: PilotageMemo | undefined;

  constructor(snapshot: GapSnapshot) {
    this.contexts = new RecordingContexts({ referential: snapshot.referential, currentYear: snapshot.currentYear });
    this.wholeDirectory = snapshot.directory;
    // Closed schools and schools that left the directory count only through their fiches ("hors annuaire").
    this.directory = new Map(snapshot.directory.filter(isOpenSchool).map((s) => [s.uai, s]));
    for (const fiche of snapshot.fiches) this.store(fiche);
    this.recomputeAll();
  }

  /** The référentiel and year as they are, read without recording (the département's sums, a preview). */
  private get ctx(): GapContext {
    return this.contexts.plain;
  }

  /** After a change of référentiel: every result that read a part that changed, computed again; returns the schools
   * computed again (the département's sums are always). */
  setReferential(referential: Referential): Record<string, SchoolGap> {
    const before = this.ctx;
    this.ranking = undefined;
    const recompute = this.contexts.change(referential);
    this.inputs?.setReferential(referential);
    const schools: Record<string, SchoolGap> = {};
    if (recompute.scope === 'everything') {
      this.recomputeAll();
      for (const [uai, gap] of this.schools) schools[uai] = gap;
    } else if (recompute.scope === 'classroom-rules') this.rejudgeClassrooms(before, recompute.rules, recompute.schools, schools);
    else if (recompute.scope === 'schools') for (const uai of this.uais()) schools[uai] = this.recomputeSchool(uai);
    return schools;
  }

  /** Every result: what the export reads. */
  report(computeMs: number): GapReport {
    return {
      referentialVersion: this.ctx.referential.version,
      classrooms: Object.fromEntries([...this.classroomsByUai.values()].flatMap((rows) => [...rows].map(([id, row]) => [id, gapOf(row)]))),
      schools: Object.fromEntries(this.schools),
      departement: this.departement(),
      computeMs,
    };
  }

  /** What the page keeps: the département's figures and the summary of each school with fiches. */
  summary(computeMs: number): GapSummary {
    return {
      referentialVersion: this.ctx.referential.version,
      inputsKey: this.inputsKey(),
      schools: summarySchools(this.schools.values()),
      departement: this.departement(),
      computeMs,
    };
  }

  /** The version of the référentiel the results were computed with. */
  referentialVersion(): string {
    return this.ctx.referential.version;
  }

  /** The département's figures as they stand (a pass over the schools' figures). */
  departement(): DepartementReport {
    return buildDepartement(this.schools.values(), this.directory, this.ctx.referential);
  }

  /** The fingerprint of what the results come from: the snapshot and every revision taken in since. */
  inputsKey(): string {
    const { referential, currentYear } = this.ctx;
    this.inputs ??= new InputsKey({ referential, currentYear, directory: this.wholeDirectory, fiches: [...this.fiches.values()] });
    return String(this.inputs);
  }

  /** One school in full, with its classrooms' gaps in the order they came. */
  schoolGaps(uai: string): SchoolGaps {
    const classrooms: Record<string, ClassroomGap> = {};
    for (const [id, row] of this.classroomsByUai.get(uai) ?? []) classrooms[id] = gapOf(row);
    // A school neither in the directory nor with fiches has no stored gap: computed here, so that its screen says so.
    const school = this.schools.get(uai) ?? computeSchoolGap(uai, undefined, [], undefined, this.ctx);
    return { uai, referentialVersion: this.ctx.referential.version, school, classrooms };
  }

  /** Takes in new revisions and returns what they change. */
  apply(fiches: readonly Fiche[]): GapDelta {
    this.ranking = undefined;
    const touched = new Set<string>();
    const classrooms: Record<string, ClassroomGap> = {};
    const removedClassrooms: string[] = [];
    for (const fiche of fiches) {
      const before = this.fiches.get(fiche.id);
      if (before && before.uai !== fiche.uai) touched.add(before.uai);
      this.store(fiche);
      touched.add(fiche.uai);
      if (fiche.kind !== 'classroom') continue;
      if (fiche.deleted) removedClassrooms.push(fiche.id);
      else {
        const row = this.classroomsByUai.get(fiche.uai)?.get(fiche.id) as ClassroomRow;
        classrooms[fiche.id] = row.gap = computeClassroomGap(fiche, this.contexts.classroom, this.contexts.classroomRule);
      }
    }
    const schools: Record<string, SchoolGap> = {};
    for (const uai of touched) schools[uai] = this.recomputeSchool(uai);
    return {
      referentialVersion: this.ctx.referential.version,
      classrooms,
      removedClassrooms,
      schools,
      departement: this.departement(),
      computeMs: 0,
    };
  }

  /** The gap of a classroom as a form holds it right now, without storing anything. */
  preview(fiche: { id: string; uai: string; data: ClassroomData }): ClassroomGap {
    return computeClassroomGap(fiche, this.ctx);
  }

  /** The ranked schools, in the département's order (pilotage.md). */
  priorities(): PriorityRow[] {
    return this.rankingNow().rows;
  }

  /** The equipment plan of each chef de file for the budgets asked. */
  plan(request: PlanRequest): LabelledPlan[] {
    return planFor(this.rankingNow(), request, this.ctx.referential);
  }

  /** The département's needs summed by article. */
  needsByArticle(): ArticleNeed[] {
    return needsByArticle(this.pilotageSource());
  }

  private pilotageSource(): PilotageSource {
    return {
      schools: this.schools.values(),
      classroomsOf: (uai) => [...(this.classroomsByUai.get(uai)?.values() ?? [])].map(gapOf),
      directory: this.directory,
      referential: this.ctx.referential,
    };
  }

  private rankingNow(): Ranking {
    const source = this.pilotageSource();
    if (this.memo?.referential !== source.referential) this.memo = new PilotageMemo(source.referential);
    return (this.ranking ??= rankForPilotage(source, this.memo));
  }

  /** Keeps a revision; a classroom's gap is left to compute (apply and recomputeAll do). */
  private store(fiche: Fiche): void {
    const before = this.fiches.get(fiche.id);
    // A revision keeps its fiche's place among the school's (the order of a school's needs follows it).
    if (before && (before.uai !== fiche.uai || fiche.deleted)) {
      if (before.kind === 'classroom') this.classroomsByUai.get(before.uai)?.delete(fiche.id);
      else this.schoolFichesByUai.get(before.uai)?.delete(fiche.id);
    }
    this.inputs?.replace(before, fiche);
    this.fiches.set(fiche.id, fiche);
    if (fiche.deleted) return;
    if (fiche.kind === 'classroom') {
      const rows = getOrMake(this.classroomsByUai, fiche.uai, () => new Map<string, ClassroomRow>());
      const row = rows.get(fiche.id);
      if (row) {
        row.fiche = fiche;
        row.inputs = undefined; // interned again when next judged
      } else rows.set(fiche.id, { fiche, gap: undefined, inputs: undefined });
    } else getOrMake(this.schoolFichesByUai, fiche.uai, () => new Map<string, SchoolFiche>()).set(fiche.id, fiche);
  }

  private uais(): Set<string> {
    return new Set([...this.directory.keys(), ...this.classroomsByUai.keys(), ...this.schoolFichesByUai.keys()]);
  }

  /** Every classroom and school, computed again over the maps in place: those gone were removed by apply(). */
  private recomputeAll(): void {
    for (const uai of this.uais()) {
      const gaps: ClassroomGap[] = [];
      for (const row of this.classroomsByUai.get(uai)?.values() ?? []) {
        gaps.push((row.gap = computeClassroomGap(row.fiche, this.contexts.classroom, this.contexts.classroomRule)));
      }
      this.setSchool(uai, gaps);
    }
  }

  /**
   * Some class rules judged again in every classroom, the others kept; a school is computed again only if one of its
   * classrooms counts differently for it (sameForSchool), or every school when a school rule read what changed too.
   */
  private rejudgeClassrooms(before: GapContext, rules: ReadonlySet<ClassroomRuleId>, allSchools: boolean, recomputed: Record<string, SchoolGap>): void {
    const pass = this.ruleInputs.pass(before, this.contexts.classroom, this.contexts.classroomRule, rules);
    for (const uai of this.uais()) {
      let touched = allSchools;
      for (const row of this.classroomsByUai.get(uai)?.values() ?? []) {
        const was = gapOf(row);
        const gap = pass.classroom(was, row.fiche, row);
        if (gap === was) continue;
        row.gap = gap;
        // A reason that reads differently ("plus de 9 ans") leaves the school's figures as they were.
        if (!sameForSchool(was, gap)) touched = true;
      }
      if (touched) recomputed[uai] = this.recomputeSchool(uai);
    }
  }

  private latestSchoolFiche(uai: string): SchoolFiche | undefined {
    let latest: SchoolFiche | undefined;
    for (const fiche of this.schoolFichesByUai.get(uai)?.values() ?? []) latest = speakingSchoolFiche(latest, fiche);
    return latest;
  }

  private recomputeSchool(uai: string): SchoolGap {
    const gaps: ClassroomGap[] = [];
    for (const row of this.classroomsByUai.get(uai)?.values() ?? []) gaps.push(gapOf(row));
    return this.setSchool(uai, gaps);
  }

  private setSchool(uai: string, classroomGaps: ClassroomGap[]): SchoolGap {
    const gap = computeSchoolGap(uai, this.latestSchoolFiche(uai)?.data, classroomGaps, this.directory.get(uai), this.contexts.school);
    if (!gap.inDirectory && !gap.hasFiches) this.schools.delete(uai);
    else this.schools.set(uai, gap);
    return gap;
  }
}
