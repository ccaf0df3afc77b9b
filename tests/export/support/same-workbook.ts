// Two workbooks as a reader sees them (read-xlsx.ts), compared sheet by sheet: the server's export and a tablet's
// must hold the same rows, in the same order, every cell a plain value.
import { expect } from 'vitest';
import type { ReadSheet, Value } from './read-xlsx';

/** Rows as a multiset: the same rows whatever their order. */
const multiset = (rows: Value[][]): string[] => rows.map((r) => JSON.stringify(r)).sort();

export function expectSameWorkbook(actual: ReadSheet[], expected: ReadSheet[]): void {
  expect(actual.map((s) => s.name)).toEqual(expected.map((s) => s.name));
  for (const [i, sheet] of actual.entries()) {
    const other = expected[i] as ReadSheet;
    expect(sheet.header, sheet.name).toEqual(other.header);
    expect(multiset(sheet.rows), sheet.name).toEqual(multiset(other.rows));
    // Same order too (both sort the same way), though the contract only needs the same rows.
    expect(sheet.rows, sheet.name).toEqual(other.rows);
    // Every cell is a plain value: no formula (the fixture's "=HYPERLINK(…)" included), no error.
    expect(sheet.rows.flat().filter((v) => typeof v === 'string' && v.startsWith('UNEXPECTED ')), sheet.name).toEqual([]);
  }
}

/** The cells of `sheet` under `header`, row by row, as objects. */
export function records(sheet: ReadSheet): Array<Record<string, Value>> {
  return sheet.rows.map((row) => Object.fromEntries(sheet.header.map((h, i) => [String(h), row[i] ?? null])));
}

export const sheetNamed = (book: ReadSheet[], name: string): ReadSheet => book.find((s) => s.name === name) as ReadSheet;
