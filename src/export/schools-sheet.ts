// Écoles: one row per school of the directory (audited or not) and per school with fiches out of it.
import { SCHOOL_AUDIT_LABELS } from '../model/audit-status';
import { COVERAGE_LABELS, INTERNET_LABELS, ROLE_LABELS } from '../model/labels';
import type { SchoolGap } from '../gaps/types';
import { isOutOfDirectory, type ExportContext, type SchoolEntry } from './export-input';
import { date, decimal, integer, money, text, type Row, type Sheet } from './sheet';
import { cents, dayCell, failedRules, fleetsText, labelOf, textOrNull, trainingText, yesNo } from './values';

export const SCHOOLS_COLUMNS = [
  text('UAI'), text('École'), text('Commune'), text('Code commune'), text('Circonscription'), text('Chef de file'),
  text('Éducation prioritaire'), decimal('IPS'), text('Campagne'), text('Statut'), date('Date de visite'),
  text('Auditeur'), text('Rôle'), integer('Classes'), integer('Classes auditées'), integer('Classes au socle'),
  integer('Élèves'), integer('Néo-titulaires'), text('Accès internet'), decimal('Débit descendant (Mb/s)'),
  text('Wi-Fi'), text('Wi-Fi débrayable'), integer('Terminaux mobiles fonctionnels'), integer('Terminaux requis'),
  text('Filtrage'), text('Charte'), text('ENT'), text('Règles non tenues'), text('École au socle'),
  money('Besoin estimé HT (€)'), text('Besoins de formation'), text('Besoins exprimés'), text('Référentiel'),
  // Added in v2 (export.md), after the v1 columns.
  decimal('Débit montant (Mb/s)'), integer("Points d'accès Wi-Fi"), text('Couverture Wi-Fi'), text('Flottes'),
  text('Imprimante-scanner'), text('Appareil photo'), integer('Robots'), text('Ressources'), text('Remarques'),
  text('Photos'), integer('Priorité'), decimal('Score de priorité'),
] as const;

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

export function schoolRow(ctx: ExportContext, entry: SchoolEntry): Row {
  const gap = ctx.report.schools[entry.uai] as SchoolGap;
  const fiche = entry.schoolFiche;
  const data = fiche?.data;
  // The auditor is the school fiche's author, or the author of the classroom fiche changed last.
  const lastClassroom = entry.classrooms.reduce<(typeof entry.classrooms)[number] | undefined>(
    (latest, c) => (!latest || c.updatedAt > latest.updatedAt ? c : latest), undefined);
  const author = (fiche ?? lastClassroom)?.author;
  const known = entry.known;
  const priority = ctx.priorities.get(entry.uai);
  return [
    entry.uai,
    known?.name ?? null,
    known?.commune ?? null,
    known?.communeCode ?? null,
    textOrNull(entry.circonscription),
    entry.chefDeFile,
    entry.school?.educationPrioritaire ?? null,
    known?.ips ?? null,
    ctx.input.campaign,
    status(entry, gap),
    dayCell(data?.visitDate),
    textOrNull(author?.name),
    labelOf(ROLE_LABELS, author?.role),
    gap.terminals.classes,
    // Classrooms with something of their equipment recorded: what Synthèse sums (an untouched fiche is not audited).
    gap.classroomsAudited,
    gap.classroomsMeeting,
    data?.pupils ?? known?.pupils ?? null,
    data?.newTeachers ?? null,
    labelOf(INTERNET_LABELS, data?.internet.access),
    data?.internet.downloadMbps ?? null,
    labelOf(COVERAGE_LABELS, data?.wifi.coverage),
    yesNo(data?.wifi.switchable),
    data ? gap.terminals.counted : null,
    gap.terminals.required,
    yesNo(data?.filtering),
    yesNo(data?.usageCharter),
    data ? entText(data.ent.used, data.ent.name) : null,
    failedRules(gap.rules),
    yesNo(gap.meetsSocle),
    cents(gap.costHt),
    trainingText(data?.trainingNeeds),
    textOrNull(data?.needs),
    fiche?.referentialVersion ?? null,
    data?.internet.uploadMbps ?? null,
    data?.wifi.accessPoints ?? null,
    // The v1 "Wi-Fi" column already gives the coverage; v2 names it, and v1 columns are kept as they were.
    labelOf(COVERAGE_LABELS, data?.wifi.coverage),
    fleetsText(data?.fleets),
    yesNo(data?.peripherals.printerScanner),
    yesNo(data?.peripherals.camera),
    data?.peripherals.robots ?? null,
    yesNo(data?.resources),
    textOrNull(data?.notes),
    null, // Photos: empty until fiches hold photos (the photos issue).
    priority?.rank ?? null,
    priority?.score ?? null,
  ];
}

export function buildSchoolsSheet(ctx: ExportContext): Sheet {
  return { slug: 'ecoles', name: 'Écoles', columns: SCHOOLS_COLUMNS, rows: ctx.schools.map((entry) => schoolRow(ctx, entry)) };
}
