// The departmental spreadsheet as plain data (shared/spec/export.md): sheets of typed columns and rows of cells.
// Both writers (XLSX and CSV) read this; neither decides a value.
import type { ChefDeFile } from '../model/school';

/** How a column's cells are written: numbers stay numbers and dates stay dates in XLSX. `money` shows its cents,
 * `euros` is money rounded to the euro (an estimate, such as the State's share). */
export type ColumnKind = 'text' | 'integer' | 'decimal' | 'money' | 'euros' | 'date' | 'datetime';

export interface Column {
  header: string;
  kind: ColumnKind;
}

/** A date (`YYYY-MM-DD`) or a Paris wall-clock time (`YYYY-MM-DDTHH:mm`): a date cell in XLSX, JJ/MM/AAAA in CSV. */
export interface DateValue {
  date: string;
}

/** A cell: text, a number, a date, or null ("non renseigné", an empty cell). The value decides the cell's type;
 * the column decides how a number is shown (money with two decimals). */
export type Cell = string | number | DateValue | null;
export type Row = Cell[];

export const SHEET_SLUGS = ['synthese', 'ecoles', 'classes', 'besoins', 'referentiel'] as const;
export type SheetSlug = (typeof SHEET_SLUGS)[number];

export const SHEET_NAMES: Record<SheetSlug, string> = {
  synthese: 'Synthèse',
  ecoles: 'Écoles',
  classes: 'Classes',
  besoins: 'Besoins',
  referentiel: 'Référentiel',
};

/** A sheet of the equipment plan's workbook (pilotage.md), one per chef de file: not a sheet of the departmental
 * workbook, so never one the CSV endpoint serves. */
export type PlanSheetSlug = `plan-${ChefDeFile}`;

export interface Sheet {
  slug: SheetSlug | PlanSheetSlug;
  name: string;
  columns: readonly Column[];
  rows: Row[];
  /** Printed on one page (else one page wide and as many pages long as it takes). */
  printOnOnePage?: boolean;
  /**
   * How many of `rows`, from the first, make the table the header filters; the rows after them (totals and notes
   * under the table) stay out of the filter, so that sorting or filtering the table leaves them where they are.
   * All of them when absent.
   */
  tableRows?: number;
  /** The kinds of the cells of some rows, by row index, instead of their columns' kinds: under a table, one column
   * may hold figures of several kinds (an amount, a count, a share to the euro). */
  rowKinds?: ReadonlyMap<number, readonly ColumnKind[]>;
}

/** The columns that say how the cells of row `index` are written: the sheet's, or that row's own kinds. */
export function rowColumns(sheet: Sheet, index: number): readonly Column[] {
  const kinds = sheet.rowKinds?.get(index);
  return kinds ? sheet.columns.map((column, i) => ({ header: column.header, kind: kinds[i] ?? column.kind })) : sheet.columns;
}

/** The rows the header's filter covers. */
export const tableRowCount = (sheet: Sheet): number => Math.min(sheet.tableRows ?? sheet.rows.length, sheet.rows.length);

/** A column as data: its header, how its cells are written, and how a row's cell is read from the row's source. */
export interface ColumnDef<R> extends Column {
  value: (source: R) => Cell;
}

/** The cells a kind of column holds; a text column may show a number (the Référentiel's "Valeur"). */
interface CellOf {
  text: Cell;
  integer: number | null;
  decimal: number | null;
  money: number | null;
  euros: number | null;
  date: DateValue | null;
  datetime: DateValue | null;
}

type ColumnMaker<R> = { [K in ColumnKind]: (header: string, value: (source: R) => CellOf[K]) => ColumnDef<R> };

/** Column definitions for rows read from an R: `const { integer } = columnsOf<Room>(); integer('Élèves', (room) => …)`.
 * A value of the wrong kind (text in an integer column) does not compile. */
export function columnsOf<R>(): ColumnMaker<R> {
  const of = <K extends ColumnKind>(kind: K) => (header: string, value: (source: R) => CellOf[K]): ColumnDef<R> => ({ header, kind, value });
  return { text: of('text'), integer: of('integer'), decimal: of('decimal'), money: of('money'), euros: of('euros'), date: of('date'), datetime: of('datetime') };
}

/** A sheet whose header and rows are read from the same column definitions, one row per source. */
export function sheetOf<R>(slug: SheetSlug, columns: readonly ColumnDef<R>[], sources: Iterable<R>, printOnOnePage?: boolean): Sheet {
  const rows: Row[] = [];
  for (const source of sources) {
    // Pushed one by one, not mapped: map makes a holey array, which every writer after reads slower (by about 10 %
    // for the XLSX of the whole département).
    const row: Row = [];
    for (const column of columns) row.push(column.value(source));
    rows.push(row);
  }
  const sheet: Sheet = { slug, name: SHEET_NAMES[slug], columns: columns.map(({ header, kind }) => ({ header, kind })), rows };
  return printOnOnePage ? { ...sheet, printOnOnePage } : sheet;
}

/** Plain columns, for sheets written by hand (the writers' tests). */
export const text = (header: string): Column => ({ header, kind: 'text' });
export const integer = (header: string): Column => ({ header, kind: 'integer' });
export const decimal = (header: string): Column => ({ header, kind: 'decimal' });
export const money = (header: string): Column => ({ header, kind: 'money' });
export const euros = (header: string): Column => ({ header, kind: 'euros' });
export const date = (header: string): Column => ({ header, kind: 'date' });
export const datetime = (header: string): Column => ({ header, kind: 'datetime' });

/** `sheet` as the CSV endpoint takes it: the name without accents, any case ("Écoles", "ECOLES" → "ecoles"). */
export function sheetSlug(value: string): SheetSlug | null {
  const plain = value.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
  return (SHEET_SLUGS as readonly string[]).includes(plain) ? (plain as SheetSlug) : null;
}
