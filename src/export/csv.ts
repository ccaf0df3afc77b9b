// One sheet as CSV for French Excel (export.md): UTF-8 with a byte-order mark, `;` between fields, CRLF, decimal
// comma, dates JJ/MM/AAAA, quotes doubled, and text that a spreadsheet would run as a formula prefixed with `'`.
import { rowColumns, type Cell, type Column, type Sheet } from './sheet';

const BOM = '\uFEFF';
/** What Excel, LibreOffice and Google Sheets take for the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[;"\r\n]/;

export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** 1234.5 → "1234,5"; money always has its cents ("1234,50"), money to the euro none ("1235"); no thousands
 * separator. */
export function csvNumber(value: number, column: Column): string {
  if (!Number.isFinite(value)) return '';
  let plain: string;
  if (column.kind === 'money') plain = value.toFixed(2);
  else if (column.kind === 'euros') plain = value.toFixed(0);
  else plain = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  return plain.replace('.', ',');
}

/** `2026-03-14` → "14/03/2026"; `2026-03-14T09:05` → "14/03/2026 09:05". */
export function csvDate(value: string): string {
  const day = `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
  return value.length > 10 ? `${day} ${value.slice(11, 16)}` : day;
}

function csvCell(cell: Cell, column: Column): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return csvNumber(cell, column);
  if (typeof cell === 'object') return csvDate(cell.date);
  return csvText(cell);
}

export function sheetToCsv(sheet: Sheet): string {
  const lines = [sheet.columns.map((c) => csvText(c.header)).join(';')];
  sheet.rows.forEach((row, r) => {
    const columns = rowColumns(sheet, r);
    lines.push(row.map((cell, i) => csvCell(cell, columns[i] as Column)).join(';'));
  });
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
