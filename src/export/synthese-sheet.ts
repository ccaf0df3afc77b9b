// Synthèse: one row per (chef de file, circonscription), a subtotal after each chef de file, and the
// département's total. Every figure is a value, and every total is the sum of the rows above it.
import { aggregateBy, chefDeFileOrder, OUT_OF_DIRECTORY } from '../gaps/aggregates';
import { roundCents } from '../gaps/needs';
import type { Aggregate } from '../gaps/types';
import type { ExportContext } from './export-input';
import { columnsOf, sheetOf, type Sheet } from './sheet';
import { wholeEuros } from './values';
import { naturalCompare } from '../model/natural-sort';

/** The figures of one row, each the sum of the same figures of the rows it totals. */
interface Figures {
  schools: number;
  schoolsAudited: number;
  classesAudited: number;
  classesMeeting: number;
  classesToEquip: number;
  newTeachers: number;
  costHt: number;
  unpricedItems: number;
  stateShare: number;
}

/** What one row of Synthèse is read from: a circonscription, a chef de file's subtotal or the département's total. */
interface Area {
  label: string;
  circonscription: string | null;
  figures: Figures;
}

const { text, integer, money, euros } = columnsOf<Area>();

export const SYNTHESE_COLUMNS = [
  text('Chef de file', (area) => area.label),
  text('Circonscription', (area) => area.circonscription),
  integer('Écoles (annuaire)', (area) => area.figures.schools),
  integer('Écoles auditées', (area) => area.figures.schoolsAudited),
  integer('Classes auditées', (area) => area.figures.classesAudited),
  integer('Classes au socle', (area) => area.figures.classesMeeting),
  integer('Classes à équiper', (area) => area.figures.classesToEquip),
  integer('Néo-titulaires à équiper', (area) => area.figures.newTeachers),
  money('Besoin estimé HT (€)', (area) => area.figures.costHt),
  integer('Articles non chiffrés', (area) => area.figures.unpricedItems),
  euros('Part État estimée (€)', (area) => area.figures.stateShare),
];

const SEPARATOR = '\u0000';

/** One row's figures. The State's share is an estimate, to the euro on each row; every total is the sum of the
 * rows shown, so it may differ by a few euros from the unrounded sum. */
function figures(a: Aggregate, inDirectory: boolean): Figures {
  return {
    schools: inDirectory ? a.schools : 0, schoolsAudited: a.schoolsAudited, classesAudited: a.classesAudited,
    classesMeeting: a.classesMeeting, classesToEquip: a.classesToEquip, newTeachers: a.newTeachers,
    costHt: roundCents(a.costHt), unpricedItems: a.unpricedItems, stateShare: wholeEuros(a.stateShareHt),
  };
}

function sum(rows: readonly Figures[]): Figures {
  const total: Figures = { schools: 0, schoolsAudited: 0, classesAudited: 0, classesMeeting: 0, classesToEquip: 0, newTeachers: 0, costHt: 0, unpricedItems: 0, stateShare: 0 };
  const keys = Object.keys(total) as Array<keyof Figures>;
  for (const row of rows) for (const key of keys) total[key] += row[key];
  total.costHt = roundCents(total.costHt);
  return total;
}

export function buildSyntheseSheet(ctx: ExportContext): Sheet {
  const pairs = aggregateBy(Object.values(ctx.report.schools), ctx.open, ctx.input.referential, (school) =>
    school ? [`${school.chefDeFile}${SEPARATOR}${school.circonscription}`, school.circonscription] : [`${OUT_OF_DIRECTORY}${SEPARATOR}`, ''],
  );
  const labelOfChef = new Map(ctx.schools.map((s) => [s.chefDeFileKey, s.chefDeFile]));

  const areas: Area[] = [];
  const subtotals: Figures[] = [];
  // The territory's chefs de file in its order, hors annuaire last; one without a school has no row.
  const chefs = [...new Set(pairs.map((p) => p.key.split(SEPARATOR)[0] as string))].sort(chefDeFileOrder(ctx.input.referential.territory));
  for (const chef of chefs) {
    const own = pairs.filter((p) => p.key.split(SEPARATOR)[0] === chef).sort((a, b) => naturalCompare(a.label, b.label));
    const chefLabel = labelOfChef.get(chef) ?? chef;
    const lines = own.map((p) => figures(p, chef !== OUT_OF_DIRECTORY));
    own.forEach((p, i) => areas.push({ label: chefLabel, circonscription: p.label || null, figures: lines[i] as Figures }));
    const subtotal = sum(lines);
    subtotals.push(subtotal);
    areas.push({ label: `Total ${chef === OUT_OF_DIRECTORY ? 'hors annuaire' : chefLabel}`, circonscription: null, figures: subtotal });
  }
  areas.push({ label: 'Total département', circonscription: null, figures: sum(subtotals) });
  return sheetOf('synthese', SYNTHESE_COLUMNS, areas, true);
}
