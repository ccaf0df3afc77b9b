// The gap engine with its state, so that an edit recomputes only what it touches: the classroom edited, its
// school, and the département's sums (a pass over the schools' figures, not over the classrooms).
import { isOpenSchool, type DirectorySchool } from '../model/school';
import { speakingSchoolFiche } from '../model/school-fiche';
import type { Referential } from '../model/referential';
import type { ClassroomData, ClassroomFiche, Fiche, SchoolFiche } from '../model/types';
import { computeClassroomGap, type GapContext } from './classroom-rules';
import { computeSchoolGap } from './school-rules';
import { buildDepartement } from './aggregates';
import type { ClassroomGap, GapDelta, GapReport, SchoolGap } from './types';

export interface GapSnapshot {
  referential: Referential;
  directory: readonly DirectorySchool[];
  /** One campaign's fiches, tombstones included (they are left out here). */
  fiches: readonly Fiche[];
  currentYear: number;
}

export class GapEngine {
  private ctx: GapContext;
  private directory = new Map<string, DirectorySchool>();
  private fiches = new Map<string, Fiche>();
  private classroomIdsByUai = new Map<string, Set<string>>();
  private schoolFicheIdsByUai = new Map<string, Set<string>>();
  private classrooms = new Map<string, ClassroomGap>();
  private schools = new Map<string, SchoolGap>();

  constructor(snapshot: GapSnapshot) {
    this.ctx = { referential: snapshot.referential, currentYear: snapshot.currentYear };
    // Closed schools and schools that left the directory count only through their fiches ("hors annuaire").
    this.directory = new Map(snapshot.directory.filter(isOpenSchool).map((s) => [s.uai, s]));
    for (const fiche of snapshot.fiches) this.store(fiche);
    this.recomputeAll();
  }

  /** Everything, computed again (after a change of référentiel). */
  setReferential(referential: Referential): GapReport {
    this.ctx = { ...this.ctx, referential };
    this.recomputeAll();
    return this.report(0);
  }

  report(computeMs: number): GapReport {
    return {
      referentialVersion: this.ctx.referential.version,
      classrooms: Object.fromEntries(this.classrooms),
      schools: Object.fromEntries(this.schools),
      departement: buildDepartement(this.schools.values(), this.directory, this.ctx.referential),
      computeMs,
    };
  }

  /** Takes in new revisions and returns what they change. */
  apply(fiches: readonly Fiche[]): GapDelta {
    const touched = new Set<string>();
    const classrooms: Record<string, ClassroomGap> = {};
    const removedClassrooms: string[] = [];
    for (const fiche of fiches) {
      const before = this.fiches.get(fiche.id);
      if (before && before.uai !== fiche.uai) touched.add(before.uai);
      this.store(fiche);
      touched.add(fiche.uai);
      if (fiche.kind !== 'classroom') continue;
      if (fiche.deleted) {
        this.classrooms.delete(fiche.id);
        removedClassrooms.push(fiche.id);
      } else {
        const gap = computeClassroomGap(fiche, this.ctx);
        this.classrooms.set(fiche.id, gap);
        classrooms[fiche.id] = gap;
      }
    }
    const schools: Record<string, SchoolGap> = {};
    for (const uai of touched) schools[uai] = this.recomputeSchool(uai);
    return {
      referentialVersion: this.ctx.referential.version,
      classrooms,
      removedClassrooms,
      schools,
      departement: buildDepartement(this.schools.values(), this.directory, this.ctx.referential),
      computeMs: 0,
    };
  }

  /** The gap of a classroom as a form holds it right now, without storing anything. */
  preview(fiche: { id: string; uai: string; data: ClassroomData }): ClassroomGap {
    return computeClassroomGap(fiche, this.ctx);
  }

  private store(fiche: Fiche): void {
    const before = this.fiches.get(fiche.id);
    if (before) this.index(before).get(before.uai)?.delete(fiche.id);
    this.fiches.set(fiche.id, fiche);
    if (fiche.deleted) return;
    const index = this.index(fiche);
    let ids = index.get(fiche.uai);
    if (!ids) index.set(fiche.uai, (ids = new Set()));
    ids.add(fiche.id);
  }

  private index(fiche: Fiche): Map<string, Set<string>> {
    return fiche.kind === 'classroom' ? this.classroomIdsByUai : this.schoolFicheIdsByUai;
  }

  private recomputeAll(): void {
    this.classrooms = new Map();
    this.schools = new Map();
    const uais = new Set([...this.directory.keys(), ...this.classroomIdsByUai.keys(), ...this.schoolFicheIdsByUai.keys()]);
    for (const uai of uais) {
      const gaps: ClassroomGap[] = [];
      for (const id of this.classroomIdsByUai.get(uai) ?? []) {
        const gap = computeClassroomGap(this.fiches.get(id) as ClassroomFiche, this.ctx);
        this.classrooms.set(id, gap);
        gaps.push(gap);
      }
      this.setSchool(uai, gaps);
    }
  }

  private latestSchoolFiche(uai: string): SchoolFiche | undefined {
    let latest: SchoolFiche | undefined;
    for (const id of this.schoolFicheIdsByUai.get(uai) ?? []) latest = speakingSchoolFiche(latest, this.fiches.get(id) as SchoolFiche);
    return latest;
  }

  private recomputeSchool(uai: string): SchoolGap {
    const gaps: ClassroomGap[] = [];
    for (const id of this.classroomIdsByUai.get(uai) ?? []) gaps.push(this.classrooms.get(id) as ClassroomGap);
    return this.setSchool(uai, gaps);
  }

  private setSchool(uai: string, classroomGaps: ClassroomGap[]): SchoolGap {
    const gap = computeSchoolGap(uai, this.latestSchoolFiche(uai)?.data, classroomGaps, this.directory.get(uai), this.ctx);
    if (!gap.inDirectory && !gap.hasFiches) this.schools.delete(uai);
    else this.schools.set(uai, gap);
    return gap;
  }
}
