// Besoins: one row per need, for pivot tables. A school's own needs have an empty Classe.
import type { ClassroomGap, Need, SchoolGap } from '../gaps/types';
import type { RuleDef } from '../model/referential';
import type { ExportContext, SchoolEntry } from './export-input';
import { columnsOf, sheetOf, type Sheet } from './sheet';
import { cents, motif, textOrNull } from './values';

/** What one row of Besoins is read from: a need, the school it is for and, for a classroom's need, its label. */
export interface NeedLine {
  entry: SchoolEntry;
  classroom: string | null;
  need: Need;
  rules: readonly RuleDef[];
}

const { text, integer, money } = columnsOf<NeedLine>();

export const NEEDS_COLUMNS = [
  text('UAI', (line) => line.entry.uai),
  text('École', (line) => line.entry.known?.name ?? null),
  text('Circonscription', (line) => textOrNull(line.entry.circonscription)),
  text('Chef de file', (line) => line.entry.chefDeFile),
  text('Classe', (line) => line.classroom),
  text('Règle', (line) => line.need.rule),
  text('Article', (line) => line.need.label),
  integer('Quantité', (line) => line.need.quantity),
  money('Prix unitaire HT (€)', (line) => cents(line.need.unitPriceHt)),
  money('Montant HT (€)', (line) => cents(line.need.amountHt)),
  // Added in v2 (export.md): the rule's short name and why it fails.
  text('Motif', (line) => motif(line.rules, line.need)),
];

export function buildNeedsSheet(ctx: ExportContext): Sheet {
  const rules = ctx.input.referential.rules;
  const lines: NeedLine[] = [];
  for (const entry of ctx.schools) {
    for (const need of (ctx.report.schools[entry.uai] as SchoolGap).needs) lines.push({ entry, classroom: null, need, rules });
    for (const fiche of entry.classrooms) {
      const classroom = textOrNull(fiche.data.label);
      for (const need of (ctx.report.classrooms[fiche.id] as ClassroomGap).needs) lines.push({ entry, classroom, need, rules });
    }
  }
  return sheetOf('besoins', NEEDS_COLUMNS, lines);
}
