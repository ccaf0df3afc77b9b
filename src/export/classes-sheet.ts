// Classes: one row per classroom fiche, with its gap to the socle and its "Doublon possible" mark.
import { COMPUTER_LABELS, CONDITION_LABELS, DISPLAY_LABELS, NETWORK_LABELS, STORAGE_LABELS } from '../model/labels';
import type { ClassroomGap } from '../gaps/types';
import type { ClassroomData, ClassroomFiche } from '../model/types';
import type { ExportContext, SchoolEntry } from './export-input';
import { columnsOf, sheetOf, type Sheet } from './sheet';
import { cents, failedRules, labelOf, needsText, textOrNull, timeCell, trainingText, yesNo } from './values';

/** What one row of Classes is read from. */
export interface Room {
  entry: SchoolEntry;
  fiche: ClassroomFiche;
  data: ClassroomData;
  gap: ClassroomGap;
  duplicate: boolean;
}

/** C03 is the rule of an obsolete computer: it fails → "Oui", it holds → "Non", otherwise empty. */
function obsolete(gap: ClassroomGap): string | null {
  const c03 = gap.rules.find((r) => r.rule === 'C03');
  if (c03?.outcome === 'fails') return 'Oui';
  if (c03?.outcome === 'holds') return 'Non';
  return null;
}

const { text, integer, decimal, money, datetime } = columnsOf<Room>();

export const CLASSES_COLUMNS = [
  text('UAI', (room) => room.fiche.uai),
  text('École', (room) => room.entry.known?.name ?? null),
  text('Circonscription', (room) => textOrNull(room.entry.circonscription)),
  text('Chef de file', (room) => room.entry.chefDeFile),
  text('Classe', (room) => textOrNull(room.data.label)),
  text('Niveaux', (room) => (room.data.levels.length > 0 ? room.data.levels.join(', ') : null)),
  integer('Élèves', (room) => room.data.pupils),
  text('Affichage', (room) => labelOf(DISPLAY_LABELS, room.data.display.type)),
  text('État affichage', (room) => labelOf(CONDITION_LABELS, room.data.display.condition)),
  integer('Année affichage', (room) => room.data.display.year),
  text('Ordinateur', (room) => labelOf(COMPUTER_LABELS, room.data.computer.type)),
  text('État ordinateur', (room) => labelOf(CONDITION_LABELS, room.data.computer.condition)),
  integer('Année ordinateur', (room) => room.data.computer.year),
  decimal('RAM (Go)', (room) => room.data.computer.ramGb),
  text('Stockage', (room) => labelOf(STORAGE_LABELS, room.data.computer.storage)),
  text('Obsolète', (room) => obsolete(room.gap)),
  text('Réseau', (room) => labelOf(NETWORK_LABELS, room.data.network.access)),
  text('Visualiseur', (room) => yesNo(room.data.documentCamera.present)),
  text('Au socle', (room) => yesNo(room.gap.meetsSocle)),
  text('Règles non tenues', (room) => failedRules(room.gap.rules)),
  text('Besoins', (room) => needsText(room.gap.needs)),
  money('Besoin estimé HT (€)', (room) => cents(room.gap.costHt)),
  text('Doublon possible', (room) => (room.duplicate ? 'Oui' : null)),
  datetime('Modifié le', (room) => timeCell(room.fiche.updatedAt)),
  text('Auteur', (room) => textOrNull(room.fiche.author.name)),
  // Added in v2 (export.md), after the v1 columns.
  decimal('Taille affichage (pouces)', (room) => room.data.display.sizeInches),
  text('Système', (room) => textOrNull(room.data.computer.os)),
  text("Relié à l'affichage", (room) => yesNo(room.data.computer.linkedToDisplay)),
  text("Numéro d'inventaire", (room) => textOrNull(room.data.computer.inventoryTag)),
  text('Accès testé', (room) => yesNo(room.data.network.tested)),
  text('État visualiseur', (room) => labelOf(CONDITION_LABELS, room.data.documentCamera.condition)),
  text('Besoins de formation', (room) => trainingText(room.data.trainingNeeds)),
  text('Remarques', (room) => textOrNull(room.data.notes)),
  // How many photos the fiche holds; the images themselves go in the zip (`npm run export -- out.zip --photos`).
  integer('Photos', (room) => room.data.photos?.length ?? 0),
];

export function buildClassesSheet(ctx: ExportContext): Sheet {
  const rooms = ctx.schools.flatMap((entry) =>
    entry.classrooms.map((fiche): Room => ({
      entry, fiche, data: fiche.data, gap: ctx.report.classrooms[fiche.id] as ClassroomGap, duplicate: ctx.duplicates.has(fiche.id),
    })),
  );
  return sheetOf('classes', CLASSES_COLUMNS, rooms);
}
