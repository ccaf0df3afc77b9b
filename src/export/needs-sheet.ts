// Besoins: one row per need, for pivot tables. A school's own needs have an empty Classe.
import type { ClassroomGap, Need, SchoolGap } from '../gaps/types';
import type { ExportContext, SchoolEntry } from './export-input';
import { integer, money, text, type Row, type Sheet } from './sheet';
import { cents, motif, textOrNull } from './values';

export const NEEDS_COLUMNS = [
  text('UAI'), text('École'), text('Circonscription'), text('Chef de file'), text('Classe'), text('Règle'),
  text('Article'), integer('Quantité'), money('Prix unitaire HT (€)'), money('Montant HT (€)'),
  // Added in v2 (export.md): the rule's short name and why it fails.
  text('Motif'),
] as const;

function needRow(ctx: ExportContext, entry: SchoolEntry, classroom: string | null, need: Need): Row {
  return [
    entry.uai, entry.known?.name ?? null, textOrNull(entry.circonscription), entry.chefDeFile, classroom,
    need.rule, need.label, need.quantity, cents(need.unitPriceHt), cents(need.amountHt),
    motif(ctx.input.referential.rules, need),
  ];
}

export function buildNeedsSheet(ctx: ExportContext): Sheet {
  const rows: Row[] = [];
  for (const entry of ctx.schools) {
    for (const need of (ctx.report.schools[entry.uai] as SchoolGap).needs) rows.push(needRow(ctx, entry, null, need));
    for (const fiche of entry.classrooms) {
      const label = textOrNull(fiche.data.label);
      for (const need of (ctx.report.classrooms[fiche.id] as ClassroomGap).needs) rows.push(needRow(ctx, entry, label, need));
    }
  }
  return { slug: 'besoins', name: 'Besoins', columns: NEEDS_COLUMNS, rows };
}
