// Hand-made sheets for the writers' edge cases, shared by the exceljs and LibreOffice read-backs: text an XLSX
// must escape or cut, numbers and dates of every column kind, and a sheet with a header and no row.
import { date, datetime, decimal, integer, money, text, type Sheet } from '../../../src/export/sheet';
import { TRICKY_TEXTS } from '../fixture';

/** Excel's limit for one cell's text. */
export const EXCEL_CELL_LIMIT = 32_767;

/** 40,000 characters, "abc…zabc…", so that what is kept can be told from what is cut. */
export const LONG_TEXT = Array.from({ length: 40_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');

/** Two escapes sharing an underscore: `_x0041_x0042_` is literal text, not "A" or "B". */
export const ADJACENT_ESCAPES = '_x0041_x0042_';

/** Each case's name and its text, as written. */
export const TEXT_CASES: ReadonlyArray<readonly [string, string]> = [
  ['control character', 'avant\u0001après'],
  ['literal escape', 'code _x0041_ littéral'],
  ['adjacent escapes', ADJACENT_ESCAPES],
  ['leading and trailing spaces', '  deux espaces devant et derrière  '],
  ['newline', 'ligne 1\nligne 2'],
  ['carriage return', 'avant\rarrière'],
  ['CRLF', 'ligne 1\r\nligne 2'],
  ['leading tab', '\tdébut tabulé'],
  ['long text', LONG_TEXT],
  ['accents and emoji', 'Éloïse Nguyễn-Çelik 😀'],
  ['markup', 'a < b & c > "d" \'e\''],
  ...TRICKY_TEXTS.map((t, i) => [`formula-like ${i + 1}`, t] as const),
];

/** What a spreadsheet shows for a case: the text itself, cut to Excel's limit. */
export function shownText(value: string): string {
  return value.slice(0, EXCEL_CELL_LIMIT);
}

export const TEXTS_SHEET: Sheet = {
  slug: 'synthese',
  name: 'Textes',
  columns: [text('Cas'), text('Texte'), integer('N°')],
  rows: TEXT_CASES.map(([name, value], i) => [name, value, i + 1]),
};

export const NUMBERS_SHEET: Sheet = {
  slug: 'ecoles',
  name: 'Nombres',
  columns: [integer('Entier'), decimal('Décimal'), money('Montant (€)'), date('Jour'), datetime('Heure'), text('Texte')],
  rows: [
    [-3, -4.25, -1234.5, { date: '2024-02-29' }, { date: '2026-03-29T03:05' }, 'négatifs'],
    [1_234_567, 0.1 + 0.2, 1_234_567.89, { date: '1999-12-31' }, { date: '2026-12-31T23:59' }, 'grands'],
    [0, 4.5, 0.05, null, null, null],
    [null, null, null, null, null, 'vide'],
  ],
};

export const EMPTY_SHEET: Sheet = { slug: 'besoins', name: 'Vide', columns: [text('Colonne A'), integer('Colonne B')], rows: [] };

export const WRITER_SHEETS: readonly Sheet[] = [TEXTS_SHEET, NUMBERS_SHEET, EMPTY_SHEET];
