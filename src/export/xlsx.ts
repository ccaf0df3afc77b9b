// The workbook as XLSX (Office Open XML, ECMA-376), zipped with fflate. Hand-written because the field's small
// writer (write-excel-file) has no auto-filter, which export.md requires, and is slower on large sheets.
// Every text is a shared-string cell, which a spreadsheet never evaluates; numbers are numbers and dates are
// dates with a French format; the header row is frozen and filtered and columns are as wide as their content.
// Every sheet prints on A4 landscape, one page wide, its header row repeated, with a page header and footer.
import { strToU8, Zip, ZipDeflate } from 'fflate';
import { rowColumns, tableRowCount, type Cell, type Column, type Sheet } from './sheet';

export interface XlsxProgress {
  /** Rows written so far over all sheets, and how many there are. */
  rows: number;
  total: number;
  sheet: string;
}

export interface XlsxOptions {
  onProgress?: (progress: XlsxProgress) => void;
  /** Deflate level, 0 to 9. */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /** The workbook's creation time (document properties). */
  createdAt?: Date;
  /** Texts of the printed pages' header and footer, around the sheet's name (top left) and the page number. */
  print?: PrintTexts;
  /** The document's title (its properties); the departmental workbook's when absent. */
  title?: string;
}

export interface PrintTexts {
  /** Top centre: what the document is. */
  title?: string;
  /** Top right: "Campagne 2026-2027". */
  headerRight?: string;
  /** Bottom left: "Export du 28/11/2026 à 18:38". */
  footerLeft?: string;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const ROWS_PER_CHUNK = 2000;
/** Excel refuses a cell of more than 32,767 characters. */
const MAX_CELL_TEXT = 32_767;
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

// Cell styles (cellXfs in styles.xml): 0 general, 1 header, 2 date, 3 date and time, 4 money (cents), 5 money
// to the euro. Number formats 3 and 4 are built in: "#,##0" and "#,##0.00", shown with the reader's separators.
const STYLE = { general: 0, header: 1, date: 2, datetime: 3, money: 4, euros: 5 } as const;

const STYLES_XML = `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">
<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="6">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

const escapeMarkup = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string): string => escapeMarkup(s).replace(/"/g, '&quot;');

/**
 * Text as the content of a shared string: `_xHHHH_` is Excel's own escape, so a literal one is escaped
 * (`_x005F_`); characters XML cannot hold become `_xHHHH_`; a lone surrogate becomes U+FFFD; CR is kept as `&#13;`.
 */
export function sharedStringXml(value: string): string {
  const text = value.length > MAX_CELL_TEXT ? value.slice(0, MAX_CELL_TEXT) : value;
  const escaped = escapeMarkup(
    text
      .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g, '\uFFFD')
      // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 cannot hold
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`),
  ).replace(/\r/g, '&#13;');
  const preserve = /^\s|\s$|[\t\n]|&#13;/.test(escaped) ? ' xml:space="preserve"' : '';
  return `<si><t${preserve}>${escaped}</t></si>`;
}

/** `2026-03-14` or `2026-03-14T09:05` (wall clock) → the spreadsheet's serial day number. */
export function serialDate(value: string): number {
  const [y, m, d] = [Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10))];
  const h = value.length > 10 ? Number(value.slice(11, 13)) : 0;
  const min = value.length > 10 ? Number(value.slice(14, 16)) : 0;
  return Date.UTC(y, m - 1, d, h, min) / 86_400_000 + 25_569;
}

export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function displayLength(cell: Cell, column: Column): number {
  if (cell === null) return 0;
  if (typeof cell === 'number') {
    const grouping = Math.floor(Math.log10(Math.abs(cell) + 1) / 3);
    if (column.kind === 'money') return cell.toFixed(2).length + grouping;
    return column.kind === 'euros' ? cell.toFixed(0).length + grouping : String(cell).length;
  }
  if (typeof cell === 'object') return cell.date.length > 10 ? 16 : 10;
  return cell.length;
}

function columnWidths(sheet: Sheet): number[] {
  // The header is bold and carries the filter button: a few characters more.
  const widths = sheet.columns.map((c) => c.header.length + 4);
  const table = tableRowCount(sheet);
  sheet.rows.forEach((row, r) => {
    const columns = rowColumns(sheet, r);
    // Under the table, a row's last text runs on over the empty cells beside it: it needs no width of its own.
    const last = r < table ? row.length : lastFilled(row);
    for (let i = 0; i < row.length; i += 1) {
      if (i === last && typeof row[i] === 'string') continue;
      const length = displayLength(row[i] as Cell, columns[i] as Column);
      if (length + 1 > (widths[i] as number)) widths[i] = length + 1;
    }
  });
  return widths.map((w) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));
}

function lastFilled(row: readonly Cell[]): number {
  let i = row.length - 1;
  while (i >= 0 && row[i] === null) i -= 1;
  return i;
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  readonly list: string[] = [];
  count = 0;

  id(value: string): number {
    this.count += 1;
    let id = this.index.get(value);
    if (id === undefined) {
      id = this.list.length;
      this.index.set(value, id);
      this.list.push(value);
    }
    return id;
  }
}

function cellXml(ref: string, cell: Cell, column: Column, strings: SharedStrings): string {
  if (cell === null) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '';
    if (column.kind === 'money' || column.kind === 'euros') return `<c r="${ref}" s="${STYLE[column.kind]}"><v>${cell}</v></c>`;
    return `<c r="${ref}"><v>${cell}</v></c>`;
  }
  if (typeof cell === 'object') {
    const style = cell.date.length > 10 ? STYLE.datetime : STYLE.date;
    return `<c r="${ref}" s="${style}"><v>${serialDate(cell.date)}</v></c>`;
  }
  return `<c r="${ref}" t="s"><v>${strings.id(cell)}</v></c>`;
}

function sheetHead(sheet: Sheet, lastRef: string): string {
  const cols = columnWidths(sheet)
    .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
    .join('');
  return (
    // ECMA-376 fixes the order of a worksheet's parts (Excel refuses another): sheetPr, dimension, sheetViews,
    // sheetFormatPr, cols, sheetData, autoFilter, printOptions, pageMargins, pageSetup, headerFooter.
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:${lastRef}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`
  );
}

/** Text inside a page header or footer, where `&` starts a code (`&P` is the page number): a literal one is doubled. */
const headerFooterText = (value: string): string => value.replace(/&/g, '&&');

/**
 * The end of a worksheet: its filter and how it prints. A4 landscape (paper size 9), one page wide and as many
 * long as it takes (fitToHeight 0), or one page for a sheet that asks for it; grid lines printed, as cells have no
 * borders; the sheet's name top left (`&A`), the page number bottom right (`&P` of `&N`).
 */
export function sheetTail(sheet: Sheet, texts: PrintTexts = {}): string {
  const part = (code: 'L' | 'C' | 'R', value: string | undefined) => (value ? `&${code}${headerFooterText(value)}` : '');
  const header = `&L&A${part('C', texts.title)}${part('R', texts.headerRight)}`;
  const footer = `${part('L', texts.footerLeft)}&RPage &P sur &N`;
  return (
    `<autoFilter ref="${filterRef(sheet)}"/><printOptions gridLines="1"/>` +
    '<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="${sheet.printOnOnePage ? 1 : 0}"/>` +
    `<headerFooter><oddHeader>${escapeMarkup(header)}</oddHeader><oddFooter>${escapeMarkup(footer)}</oddFooter></headerFooter></worksheet>`
  );
}

/** The header and the table's rows (not the totals under it). */
function filterRef(sheet: Sheet): string {
  return `A1:${columnLetters(sheet.columns.length - 1)}${tableRowCount(sheet) + 1}`;
}

/** Every cell written. */
const lastCellRef = (sheet: Sheet): string => `${columnLetters(sheet.columns.length - 1)}${sheet.rows.length + 1}`;

/** Writes the sheets as one XLSX file. */
export function writeXlsx(sheets: readonly Sheet[], options: XlsxOptions = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else chunks.push(data);
  });
  const level = options.level ?? 6;
  const addFile = (path: string, content: string) => {
    const file = new ZipDeflate(path, { level });
    zip.add(file);
    file.push(strToU8(content), true);
  };

  // The package's parts list and root relations come first, as Office writes them.
  addFile('_rels/.rels', `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`);
  const overrides = sheets
    .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('');
  addFile(
    '[Content_Types].xml',
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
  );

  const strings = new SharedStrings();
  const total = sheets.reduce((n, s) => n + s.rows.length, 0);
  let written = 0;
  sheets.forEach((sheet, sheetIndex) => {
    const letters = sheet.columns.map((_, i) => columnLetters(i));
    const file = new ZipDeflate(`xl/worksheets/sheet${sheetIndex + 1}.xml`, { level });
    zip.add(file);
    const header = sheet.columns.map((c, i) => `<c r="${letters[i]}1" t="s" s="${STYLE.header}"><v>${strings.id(c.header)}</v></c>`).join('');
    file.push(strToU8(`${sheetHead(sheet, lastCellRef(sheet))}<row r="1">${header}</row>`));
    for (let start = 0; start < sheet.rows.length; start += ROWS_PER_CHUNK) {
      const parts: string[] = [];
      const end = Math.min(sheet.rows.length, start + ROWS_PER_CHUNK);
      for (let r = start; r < end; r += 1) {
        const row = sheet.rows[r] as Cell[];
        const columns = rowColumns(sheet, r);
        const n = r + 2;
        parts.push(`<row r="${n}">`);
        for (let i = 0; i < row.length; i += 1) parts.push(cellXml(`${letters[i]}${n}`, row[i] as Cell, columns[i] as Column, strings));
        parts.push('</row>');
      }
      file.push(strToU8(parts.join('')));
      written += end - start;
      options.onProgress?.({ rows: written, total, sheet: sheet.name });
    }
    file.push(strToU8(`</sheetData>${sheetTail(sheet, options.print)}`), true);
  });

  const sst: string[] = [`${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${strings.count}" uniqueCount="${strings.list.length}">`];
  for (const s of strings.list) sst.push(sharedStringXml(s));
  sst.push('</sst>');
  addFile('xl/sharedStrings.xml', sst.join(''));
  addFile('xl/styles.xml', STYLES_XML);

  const sheetEntries = sheets.map((s, i) => `<sheet name="${escapeAttribute(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const names = sheets
    .map((s, i) => {
      const [from, to] = filterRef(s).split(':') as [string, string];
      const absolute = (ref: string) => ref.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
      const quoted = `'${escapeMarkup(s.name.replace(/'/g, "''"))}'`;
      // The filtered range, and the header row printed at the top of every page.
      return (
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${quoted}!${absolute(from)}:${absolute(to)}</definedName>` +
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${quoted}!$1:$1</definedName>`
      );
    })
    .join('');
  addFile('xl/workbook.xml', `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheetEntries}</sheets><definedNames>${names}</definedNames></workbook>`);

  const n = sheets.length;
  const relations = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  addFile(
    'xl/_rels/workbook.xml.rels',
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${relations}<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  const created = (options.createdAt ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  addFile(
    'docProps/core.xml',
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${escapeMarkup(options.title ?? 'TNE 13 — état des lieux du numérique dans les écoles')}</dc:title><dc:creator>TNE 13 état des lieux</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created></cp:coreProperties>`,
  );
  zip.end();
  if (failure) throw failure;

  const size = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
