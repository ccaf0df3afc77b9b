// Where the audit of one school stands, from its fiches of the campaign.
import type { ClassroomFiche, Fiche, SchoolFiche } from './types';
import { speakingSchoolFiche } from './school-fiche';

export type AuditStatus = 'todo' | 'in-progress' | 'complete';

export const AUDIT_STATUS_LABELS: Record<AuditStatus, string> = {
  todo: 'À auditer',
  'in-progress': 'En cours',
  complete: 'Terminé',
};

/**
 * The finer status of a school's audit, as the gap engine gives it (SchoolGap.status): classrooms without a school
 * fiche are "En cours", a school fiche not finished is "Brouillon" (export.md v2, pilotage.md).
 */
export const SCHOOL_AUDIT_LABELS: Record<'todo' | 'in-progress' | 'draft' | 'complete', string> = {
  todo: 'À auditer',
  'in-progress': 'En cours',
  draft: 'Brouillon',
  complete: 'Terminé',
};

export interface SchoolAudit {
  /** The school fiche that speaks for the school (school-fiche.ts). */
  school: SchoolFiche | undefined;
  classrooms: ClassroomFiche[];
  status: AuditStatus;
}

/** Creation order, so that the list does not move when a classroom is edited (older fiches: their last change). */
const byCreation = (a: Fiche, b: Fiche) => (a.createdAt ?? a.updatedAt).localeCompare(b.createdAt ?? b.updatedAt) || a.id.localeCompare(b.id);

/** Groups live (not deleted) fiches by school; classrooms in the order they were created. */
export function groupAudits(fiches: Iterable<Fiche>): Map<string, SchoolAudit> {
  const audits = new Map<string, SchoolAudit>();
  for (const fiche of fiches) {
    if (fiche.deleted) continue;
    let audit = audits.get(fiche.uai);
    if (!audit) audits.set(fiche.uai, (audit = { school: undefined, classrooms: [], status: 'in-progress' }));
    if (fiche.kind === 'classroom') audit.classrooms.push(fiche);
    else audit.school = speakingSchoolFiche(audit.school, fiche);
  }
  for (const audit of audits.values()) {
    audit.classrooms.sort(byCreation);
    audit.status = audit.school?.data.status === 'complete' ? 'complete' : 'in-progress';
  }
  return audits;
}
