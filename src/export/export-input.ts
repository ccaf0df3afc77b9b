// What an export reads, on the tablet (its own fiches) and on the server (every device's latest revisions),
// and what both derive from it the same way: the gap report, the schools in order, each school's fiches.
import { GapEngine } from '../gaps/gap-engine';
import { chefDeFileGroup, chefDeFileOrder, OUT_OF_DIRECTORY } from '../gaps/aggregates';
import type { GapReport } from '../gaps/types';
import type { Referential } from '../model/referential';
import { isOpenSchool, type DirectorySchool } from '../model/school';
import { speakingSchoolFiche } from '../model/school-fiche';
import type { ClassroomFiche, Fiche, SchoolFiche } from '../model/types';
import { possibleDuplicates } from './duplicates';
import { parisDateTime } from './paris-time';
import { rankSchools, type RankedPriority } from '../gaps/priority';
import { naturalCompare } from '../model/natural-sort';

export interface ExportInput {
  campaign: string;
  /** The whole directory, closed schools included (they appear only through their fiches, "hors annuaire"). */
  directory: readonly DirectorySchool[];
  /** The latest revision of each fiche; tombstones and other campaigns are left out here. */
  fiches: readonly Fiche[];
  /** The device each fiche came from, by fiche id (for "Doublon possible"). */
  deviceOf: ReadonlyMap<string, string>;
  referential: Referential;
  exportedAt: Date;
}

export interface SchoolEntry {
  uai: string;
  /** Undefined for a school out of the directory. */
  school: DirectorySchool | undefined;
  /** The directory's record even when the school is closed or left it (its name is still worth showing). */
  known: DirectorySchool | undefined;
  chefDeFileKey: string;
  chefDeFile: string;
  circonscription: string;
  schoolFiche: SchoolFiche | undefined;
  classrooms: ClassroomFiche[];
}

export interface ExportContext {
  input: ExportInput;
  report: GapReport;
  /** Open schools of the directory, as the gap engine counts them. */
  open: ReadonlyMap<string, DirectorySchool>;
  /** Every school of the report, in the spreadsheet's order. */
  schools: SchoolEntry[];
  duplicates: Set<string>;
  /** The département's priority list (pilotage.md), by UAI: only the ranked schools. */
  priorities: ReadonlyMap<string, RankedPriority>;
  fichesCovered: { school: number; classroom: number };
}

/** The fiches an export covers: the campaign's, tombstones left out. */
export function coveredFiches(input: Pick<ExportInput, 'fiches' | 'campaign'>): Fiche[] {
  return input.fiches.filter((f) => !f.deleted && f.campaign === input.campaign);
}

/** A school's classrooms in the order of the Classes sheet: by label as people read it, then oldest first. */
export function classroomOrder(a: ClassroomFiche, b: ClassroomFiche): number {
  return naturalCompare(a.data.label.trim(), b.data.label.trim()) || a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id);
}

export function prepareExport(input: ExportInput): ExportContext {
  const fiches = coveredFiches(input);
  const currentYear = Number((parisDateTime(input.exportedAt) ?? '').slice(0, 4)) || input.exportedAt.getUTCFullYear();
  const report = new GapEngine({ referential: input.referential, directory: input.directory, fiches, currentYear }).report(0);

  const known = new Map(input.directory.map((s) => [s.uai, s]));
  const open = new Map(input.directory.filter(isOpenSchool).map((s) => [s.uai, s]));
  const schoolFiches = new Map<string, SchoolFiche>();
  const classrooms = new Map<string, ClassroomFiche[]>();
  for (const fiche of fiches) {
    if (fiche.kind === 'school') {
      schoolFiches.set(fiche.uai, speakingSchoolFiche(schoolFiches.get(fiche.uai), fiche));
    } else {
      const list = classrooms.get(fiche.uai);
      if (list) list.push(fiche);
      else classrooms.set(fiche.uai, [fiche]);
    }
  }

  const schools: SchoolEntry[] = Object.keys(report.schools).map((uai) => {
    const school = open.get(uai);
    const [chefDeFileKey, chefDeFile] = chefDeFileGroup(input.referential.territory, school);
    const list = classrooms.get(uai) ?? [];
    list.sort(classroomOrder);
    return {
      uai, school, known: known.get(uai), chefDeFileKey, chefDeFile,
      circonscription: school?.circonscription ?? '',
      schoolFiche: schoolFiches.get(uai), classrooms: list,
    };
  });
  schools.sort(schoolOrder(chefDeFileOrder(input.referential.territory)));

  const duplicates = possibleDuplicates(
    fiches.filter((f): f is ClassroomFiche => f.kind === 'classroom').map((f) => ({ id: f.id, uai: f.uai, label: f.data.label, device: input.deviceOf.get(f.id) })),
  );
  const priorities = rankSchools(Object.values(report.schools), open, input.referential.rules, input.referential.priorityWeights);
  const classroomCount = fiches.filter((f) => f.kind === 'classroom').length;
  return {
    input, report, open, schools, duplicates, priorities,
    fichesCovered: { school: fiches.length - classroomCount, classroom: classroomCount },
  };
}

/** Chef de file (in the territory's order, hors annuaire last), then circonscription, commune, name and UAI. */
const schoolOrder = (chefOrder: (a: string, b: string) => number) => (a: SchoolEntry, b: SchoolEntry): number => {
  return (
    chefOrder(a.chefDeFileKey, b.chefDeFileKey) ||
    naturalCompare(a.circonscription, b.circonscription) ||
    naturalCompare(a.known?.commune ?? '', b.known?.commune ?? '') ||
    naturalCompare(a.known?.name ?? '', b.known?.name ?? '') ||
    a.uai.localeCompare(b.uai)
  );
};

export const isOutOfDirectory = (entry: SchoolEntry): boolean => entry.chefDeFileKey === OUT_OF_DIRECTORY;
