// Classes: one row per classroom fiche, with its gap to the socle and its "Doublon possible" mark.
import { COMPUTER_LABELS, CONDITION_LABELS, DISPLAY_LABELS, NETWORK_LABELS, STORAGE_LABELS } from '../model/labels';
import type { ClassroomGap } from '../gaps/types';
import type { ClassroomFiche } from '../model/types';
import type { ExportContext, SchoolEntry } from './export-input';
import { datetime, decimal, integer, money, text, type Row, type Sheet } from './sheet';
import { cents, failedRules, labelOf, needsText, textOrNull, timeCell, trainingText, yesNo } from './values';

export const CLASSES_COLUMNS = [
  text('UAI'), text('École'), text('Circonscription'), text('Chef de file'), text('Classe'), text('Niveaux'),
  integer('Élèves'), text('Affichage'), text('État affichage'), integer('Année affichage'), text('Ordinateur'),
  text('État ordinateur'), integer('Année ordinateur'), decimal('RAM (Go)'), text('Stockage'), text('Obsolète'),
  text('Réseau'), text('Visualiseur'), text('Au socle'), text('Règles non tenues'), text('Besoins'),
  money('Besoin estimé HT (€)'), text('Doublon possible'), datetime('Modifié le'), text('Auteur'),
  // Added in v2 (export.md), after the v1 columns.
  decimal('Taille affichage (pouces)'), text('Système'), text("Relié à l'affichage"), text("Numéro d'inventaire"),
  text('Accès testé'), text('État visualiseur'), text('Besoins de formation'), text('Remarques'), text('Photos'),
] as const;

/** C03 is the rule of an obsolete computer: it fails → "Oui", it holds → "Non", otherwise empty. */
function obsolete(gap: ClassroomGap): string | null {
  const c03 = gap.rules.find((r) => r.rule === 'C03');
  if (c03?.outcome === 'fails') return 'Oui';
  if (c03?.outcome === 'holds') return 'Non';
  return null;
}

export function classroomRow(ctx: ExportContext, entry: SchoolEntry, fiche: ClassroomFiche): Row {
  const gap = ctx.report.classrooms[fiche.id] as ClassroomGap;
  const d = fiche.data;
  return [
    fiche.uai,
    entry.known?.name ?? null,
    textOrNull(entry.circonscription),
    entry.chefDeFile,
    textOrNull(d.label),
    d.levels.length > 0 ? d.levels.join(', ') : null,
    d.pupils,
    labelOf(DISPLAY_LABELS, d.display.type),
    labelOf(CONDITION_LABELS, d.display.condition),
    d.display.year,
    labelOf(COMPUTER_LABELS, d.computer.type),
    labelOf(CONDITION_LABELS, d.computer.condition),
    d.computer.year,
    d.computer.ramGb,
    labelOf(STORAGE_LABELS, d.computer.storage),
    obsolete(gap),
    labelOf(NETWORK_LABELS, d.network.access),
    yesNo(d.documentCamera.present),
    yesNo(gap.meetsSocle),
    failedRules(gap.rules),
    needsText(gap.needs),
    cents(gap.costHt),
    ctx.duplicates.has(fiche.id) ? 'Oui' : null,
    timeCell(fiche.updatedAt),
    textOrNull(fiche.author.name),
    d.display.sizeInches,
    textOrNull(d.computer.os),
    yesNo(d.computer.linkedToDisplay),
    textOrNull(d.computer.inventoryTag),
    yesNo(d.network.tested),
    labelOf(CONDITION_LABELS, d.documentCamera.condition),
    trainingText(d.trainingNeeds),
    textOrNull(d.notes),
    null, // Photos: empty until fiches hold photos (the photos issue).
  ];
}

export function buildClassesSheet(ctx: ExportContext): Sheet {
  const rows: Row[] = [];
  for (const entry of ctx.schools) for (const fiche of entry.classrooms) rows.push(classroomRow(ctx, entry, fiche));
  return { slug: 'classes', name: 'Classes', columns: CLASSES_COLUMNS, rows };
}
