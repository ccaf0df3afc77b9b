// Rows of a built sheet as objects keyed by header, to read a value by its column's name.
import type { Cell, Sheet } from '../../../src/export/sheet';

export type SheetRecord = Record<string, Cell>;

export function records(sheet: Sheet): SheetRecord[] {
  return sheet.rows.map((row) => Object.fromEntries(sheet.columns.map((c, i) => [c.header, row[i] ?? null])));
}

export function sheetNamed(sheets: readonly Sheet[], name: string): Sheet {
  const sheet = sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** The first record whose `header` is `value`. */
export function recordWhere(rows: readonly SheetRecord[], header: string, value: Cell): SheetRecord {
  const row = rows.find((r) => r[header] === value);
  if (!row) throw new Error(`no row with ${header} = ${String(value)}`);
  return row;
}
