// Écoles: one row per school of the directory (audited or not) and per school with fiches out of it.
import { SCHOOL_AUDIT_LABELS } from '../model/audit-status';
import { COVERAGE_LABELS, INTERNET_LABELS, ROLE_LABELS } from '../model/labels';
import type { SchoolGap } from '../gaps/types';
import type { DirectorySchool } from '../model/school';
import type { Author, ClassroomFiche, SchoolData, SchoolFiche } from '../model/types';
import { isOutOfDirectory, type ExportContext, type SchoolEntry } from './export-input';
import type { RankedPriority } from '../gaps/priority';
import { columnsOf, sheetOf, type Sheet } from './sheet';
import { cents, dayCell, failedRules, fleetsText, labelOf, textOrNull, trainingText, yesNo } from './values';

/** "hors annuaire" is the contract's word (export.md); the others are the app's. */
export const OUT_OF_DIRECTORY_STATUS = 'hors annuaire';

function status(entry: SchoolEntry, gap: SchoolGap): string {
  return isOutOfDirectory(entry) ? OUT_OF_DIRECTORY_STATUS : SCHOOL_AUDIT_LABELS[gap.status];
}

function entText(used: boolean | null, name: string | null): string | null {
  if (used !== true) return yesNo(used);
  const named = textOrNull(name);
  return named ? `Oui (${named})` : 'Oui';
}

/** What one row of Écoles is read from: the school, its fiche if any, its gap and its priority. */
export interface Audit {
  entry: SchoolEntry;
  known: DirectorySchool | undefined;
  fiche: SchoolFiche | undefined;
  data: SchoolData | undefined;
  gap: SchoolGap;
  /** The school fiche's author, or the author of the classroom fiche changed last. */
  author: Author | undefined;
  priority: RankedPriority | undefined;
  campaign: string;
}

const { text, integer, decimal, money, date } = columnsOf<Audit>();

export const SCHOOLS_COLUMNS = [
  text('UAI', (audit) => audit.entry.uai),
  text('École', (audit) => audit.known?.name ?? null),
  text('Commune', (audit) => audit.known?.commune ?? null),
  text('Code commune', (audit) => audit.known?.communeCode ?? null),
  text('Circonscription', (audit) => textOrNull(audit.entry.circonscription)),
  text('Chef de file', (audit) => audit.entry.chefDeFile),
  text('Éducation prioritaire', (audit) => audit.entry.school?.educationPrioritaire ?? null),
  decimal('IPS', (audit) => audit.known?.ips ?? null),
  text('Campagne', (audit) => audit.campaign),
  text('Statut', (audit) => status(audit.entry, audit.gap)),
  date('Date de visite', (audit) => dayCell(audit.data?.visitDate)),
  text('Auditeur', (audit) => textOrNull(audit.author?.name)),
  text('Rôle', (audit) => labelOf(ROLE_LABELS, audit.author?.role)),
  integer('Classes', (audit) => audit.gap.terminals.classes),
  // Classrooms with something of their equipment recorded: what Synthèse sums (an untouched fiche is not audited).
  integer('Classes auditées', (audit) => audit.gap.classroomsAudited),
  integer('Classes au socle', (audit) => audit.gap.classroomsMeeting),
  integer('Élèves', (audit) => audit.data?.pupils ?? audit.known?.pupils ?? null),
  integer('Néo-titulaires', (audit) => audit.data?.newTeachers ?? null),
  text('Accès internet', (audit) => labelOf(INTERNET_LABELS, audit.data?.internet.access)),
  decimal('Débit descendant (Mb/s)', (audit) => audit.data?.internet.downloadMbps ?? null),
  text('Wi-Fi', (audit) => labelOf(COVERAGE_LABELS, audit.data?.wifi.coverage)),
  text('Wi-Fi débrayable', (audit) => yesNo(audit.data?.wifi.switchable)),
  integer('Terminaux mobiles fonctionnels', (audit) => (audit.data ? audit.gap.terminals.counted : null)),
  integer('Terminaux requis', (audit) => audit.gap.terminals.required),
  text('Filtrage', (audit) => yesNo(audit.data?.filtering)),
  text('Charte', (audit) => yesNo(audit.data?.usageCharter)),
  text('ENT', (audit) => (audit.data ? entText(audit.data.ent.used, audit.data.ent.name) : null)),
  text('Règles non tenues', (audit) => failedRules(audit.gap.rules)),
  text('École au socle', (audit) => yesNo(audit.gap.meetsSocle)),
  money('Besoin estimé HT (€)', (audit) => cents(audit.gap.costHt)),
  text('Besoins de formation', (audit) => trainingText(audit.data?.trainingNeeds)),
  text('Besoins exprimés', (audit) => textOrNull(audit.data?.needs)),
  text('Référentiel', (audit) => audit.fiche?.referentialVersion ?? null),
  // Added in v2 (export.md), after the v1 columns.
  decimal('Débit montant (Mb/s)', (audit) => audit.data?.internet.uploadMbps ?? null),
  integer("Points d'accès Wi-Fi", (audit) => audit.data?.wifi.accessPoints ?? null),
  // The v1 "Wi-Fi" column already gives the coverage; v2 names it, and v1 columns are kept as they were.
  text('Couverture Wi-Fi', (audit) => labelOf(COVERAGE_LABELS, audit.data?.wifi.coverage)),
  text('Flottes', (audit) => fleetsText(audit.data?.fleets)),
  text('Imprimante-scanner', (audit) => yesNo(audit.data?.peripherals.printerScanner)),
  text('Appareil photo', (audit) => yesNo(audit.data?.peripherals.camera)),
  integer('Robots', (audit) => audit.data?.peripherals.robots ?? null),
  text('Ressources', (audit) => yesNo(audit.data?.resources)),
  text('Remarques', (audit) => textOrNull(audit.data?.notes)),
  // The school fiche's photos (its classrooms' are on their rows); empty, like its other cells, without a school fiche.
  integer('Photos', (audit) => (audit.data ? (audit.data.photos?.length ?? 0) : null)),
  integer('Priorité', (audit) => audit.priority?.rank ?? null),
  decimal('Score de priorité', (audit) => audit.priority?.score ?? null),
];

function auditOf(ctx: ExportContext, entry: SchoolEntry): Audit {
  const fiche = entry.schoolFiche;
  const lastClassroom = entry.classrooms.reduce<ClassroomFiche | undefined>(
    (latest, c) => (!latest || c.updatedAt > latest.updatedAt ? c : latest), undefined);
  return {
    entry, known: entry.known, fiche, data: fiche?.data, gap: ctx.report.schools[entry.uai] as SchoolGap,
    author: (fiche ?? lastClassroom)?.author, priority: ctx.priorities.get(entry.uai), campaign: ctx.input.campaign,
  };
}

export function buildSchoolsSheet(ctx: ExportContext): Sheet {
  return sheetOf('ecoles', SCHOOLS_COLUMNS, ctx.schools.map((entry) => auditOf(ctx, entry)));
}
