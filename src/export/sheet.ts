// The departmental spreadsheet as plain data (shared/spec/export.md): sheets of typed columns and rows of cells.
// Both writers (XLSX and CSV) read this; neither decides a value.

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

export interface Sheet {
  slug: SheetSlug;
  name: string;
  columns: readonly Column[];
  rows: Row[];
  /** Printed on one page (else one page wide and as many pages long as it takes). */
  printOnOnePage?: boolean;
}

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
