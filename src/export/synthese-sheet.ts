// Synthèse: one row per (chef de file, circonscription), a subtotal after each chef de file, and the
// département's total. Every figure is a value, and every total is the sum of the rows above it.
import { aggregateBy, CHEF_DE_FILE_ORDER, OUT_OF_DIRECTORY } from '../gaps/aggregates';
import { roundCents } from '../gaps/needs';
import type { Aggregate } from '../gaps/types';
import type { ExportContext } from './export-input';
import { euros, integer, money, text, type Row, type Sheet } from './sheet';
import { wholeEuros } from './values';
import { naturalCompare } from '../model/natural-sort';

export const SYNTHESE_COLUMNS = [
  text('Chef de file'),
  text('Circonscription'),
  integer('Écoles (annuaire)'),
  integer('Écoles auditées'),
  integer('Classes auditées'),
  integer('Classes au socle'),
  integer('Classes à équiper'),
  integer('Néo-titulaires à équiper'),
  money('Besoin estimé HT (€)'),
  integer('Articles non chiffrés'),
  euros('Part État estimée (€)'),
] as const;

type Figures = [number, number, number, number, number, number, number, number, number];

const SEPARATOR = '\u0000';

/** One row's figures. The State's share is an estimate, to the euro on each row; every total is the sum of the
 * rows shown, so it may differ by a few euros from the unrounded sum. */
function figures(a: Aggregate, inDirectory: boolean): Figures {
  return [
    inDirectory ? a.schools : 0, a.schoolsAudited, a.classesAudited, a.classesMeeting, a.classesToEquip,
    a.newTeachers, roundCents(a.costHt), a.unpricedItems, wholeEuros(a.stateShareHt),
  ];
}

function sum(rows: readonly Figures[]): Figures {
  const total = [0, 0, 0, 0, 0, 0, 0, 0, 0] as Figures;
  for (const row of rows) for (let i = 0; i < total.length; i += 1) total[i] = (total[i] as number) + (row[i] as number);
  total[6] = roundCents(total[6]);
  return total;
}

export function buildSyntheseSheet(ctx: ExportContext): Sheet {
  const pairs = aggregateBy(Object.values(ctx.report.schools), ctx.open, ctx.input.referential, (school) =>
    school ? [`${school.chefDeFile}${SEPARATOR}${school.circonscription}`, school.circonscription] : [`${OUT_OF_DIRECTORY}${SEPARATOR}`, ''],
  );
  const labelOfChef = new Map(ctx.schools.map((s) => [s.chefDeFileKey, s.chefDeFile]));

  const rows: Row[] = [];
  const subtotals: Figures[] = [];
  for (const chef of CHEF_DE_FILE_ORDER) {
    const own = pairs.filter((p) => p.key.split(SEPARATOR)[0] === chef).sort((a, b) => naturalCompare(a.label, b.label));
    if (own.length === 0) continue;
    const chefLabel = labelOfChef.get(chef) ?? chef;
    const lines = own.map((p) => figures(p, chef !== OUT_OF_DIRECTORY));
    own.forEach((p, i) => rows.push([chefLabel, p.label || null, ...(lines[i] as Figures)]));
    const subtotal = sum(lines);
    subtotals.push(subtotal);
    rows.push([`Total ${chef === OUT_OF_DIRECTORY ? 'hors annuaire' : chefLabel}`, null, ...subtotal]);
  }
  rows.push(['Total département', null, ...sum(subtotals)]);
  return { slug: 'synthese', name: 'Synthèse', columns: SYNTHESE_COLUMNS, rows, printOnOnePage: true };
}
