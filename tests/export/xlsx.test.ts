// The XLSX writer read back by an independent reader, exceljs: the sheets and headers of export.md, cells of the
// right type (numbers, dates, text that is never a formula), the header row frozen and filtered, columns wide
// enough, and Synthèse totals that add up and can be traced to the Écoles, Classes and Besoins rows.
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDepartement } from '../fixtures/departement/generate-departement';
import type { ExportInput } from '../../src/export/export-input';
import { runExport } from '../../src/export/run-export';
import { euros, text, type Cell, type Sheet } from '../../src/export/sheet';
import { buildWorkbook, printTexts } from '../../src/export/workbook';
import { writeXlsx, XLSX_MIME } from '../../src/export/xlsx';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { CAMPAIGN, EXPORTED_AT, fixtureInput, OUTSIDE_UAI, TRICKY_TEXTS } from './fixture';
import { ADJACENT_ESCAPES, EMPTY_SHEET, LONG_TEXT, NUMBERS_SHEET, shownText, TEXT_CASES, WRITER_SHEETS } from './support/writer-cases';

// The headers of export.md, written out from the contract (not from the builders' constants).
const SYNTHESE_HEADERS = [
  'Chef de file', 'Circonscription', 'Écoles (annuaire)', 'Écoles auditées', 'Classes auditées', 'Classes au socle',
  'Classes à équiper', 'Néo-titulaires à équiper', 'Besoin estimé HT (€)', 'Articles non chiffrés', 'Part État estimée (€)',
];
const ECOLES_HEADERS = [
  'UAI', 'École', 'Commune', 'Code commune', 'Circonscription', 'Chef de file', 'Éducation prioritaire', 'IPS',
  'Campagne', 'Statut', 'Date de visite', 'Auditeur', 'Rôle', 'Classes', 'Classes auditées', 'Classes au socle', 'Élèves',
  'Néo-titulaires', 'Accès internet', 'Débit descendant (Mb/s)', 'Wi-Fi', 'Wi-Fi débrayable',
  'Terminaux mobiles fonctionnels', 'Terminaux requis', 'Filtrage', 'Charte', 'ENT', 'Règles non tenues', 'École au socle',
  'Besoin estimé HT (€)', 'Besoins de formation', 'Besoins exprimés', 'Référentiel',
  // Added in v2.
  'Débit montant (Mb/s)', "Points d'accès Wi-Fi", 'Couverture Wi-Fi', 'Flottes', 'Imprimante-scanner', 'Appareil photo',
  'Robots', 'Ressources', 'Remarques', 'Photos', 'Priorité', 'Score de priorité',
];
const CLASSES_HEADERS = [
  'UAI', 'École', 'Circonscription', 'Chef de file', 'Classe', 'Niveaux', 'Élèves', 'Affichage', 'État affichage',
  'Année affichage', 'Ordinateur', 'État ordinateur', 'Année ordinateur', 'RAM (Go)', 'Stockage', 'Obsolète', 'Réseau',
  'Visualiseur', 'Au socle', 'Règles non tenues', 'Besoins', 'Besoin estimé HT (€)', 'Doublon possible', 'Modifié le',
  'Auteur',
  // Added in v2.
  'Taille affichage (pouces)', 'Système', "Relié à l'affichage", "Numéro d'inventaire", 'Accès testé', 'État visualiseur',
  'Besoins de formation', 'Remarques', 'Photos',
];
const BESOINS_HEADERS = [
  'UAI', 'École', 'Circonscription', 'Chef de file', 'Classe', 'Règle', 'Article', 'Quantité', 'Prix unitaire HT (€)',
  'Montant HT (€)',
  // Added in v2.
  'Motif',
];
const SHEET_NAMES = ['Synthèse', 'Écoles', 'Classes', 'Besoins', 'Référentiel'];
/** The children of <worksheet> that we write, in the order of CT_Worksheet (ECMA-376 Part 1, 18.3.1.99). */
const WORKSHEET_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection',
  'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells',
  'phoneticPr', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup',
  'headerFooter', 'rowBreaks', 'colBreaks',
];
const MONEY_FIGURES = new Set(['Besoin estimé HT (€)', 'Part État estimée (€)']);
const SUBTOTALS = ['Total Ville de Marseille', 'Total Conseil départemental 13', 'Total hors annuaire'];
const DEPARTEMENT_TOTAL = 'Total département';

type Value = string | number | Date | null;

interface Table {
  headers: string[];
  rows: Value[][];
  worksheet: ExcelJS.Worksheet;
}

async function readXlsx(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own global Buffer (an ArrayBuffer), which Node's Buffer does not satisfy in TypeScript.
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return workbook;
}

function valueOf(cell: ExcelJS.Cell): Value {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  throw new Error(`${cell.address}: not a plain value: ${JSON.stringify(value)}`);
}

function readTable(worksheet: ExcelJS.Worksheet): Table {
  const header = worksheet.getRow(1);
  const headers: string[] = [];
  for (let c = 1; c <= header.cellCount; c += 1) headers.push(String(header.getCell(c).value));
  const rows: Value[][] = [];
  for (let r = 2; r <= worksheet.rowCount; r += 1) {
    const row = worksheet.getRow(r);
    rows.push(headers.map((_, i) => valueOf(row.getCell(i + 1))));
  }
  return { headers, rows, worksheet };
}

function tableOf(workbook: ExcelJS.Workbook, name: string): Table {
  const worksheet = workbook.getWorksheet(name);
  if (!worksheet) throw new Error(`no sheet ${name}`);
  return readTable(worksheet);
}

function columnIndex(table: Table, header: string): number {
  const index = table.headers.indexOf(header);
  if (index < 0) throw new Error(`no column ${header} in ${table.worksheet.name}`);
  return index;
}

const get = (table: Table, row: readonly Value[], header: string): Value => row[columnIndex(table, header)] ?? null;

/** The exceljs cell of the first row whose `keyHeader` is `key`, in column `header`. */
function cellAt(table: Table, keyHeader: string, key: string, header: string): ExcelJS.Cell {
  const index = table.rows.findIndex((row) => get(table, row, keyHeader) === key);
  if (index < 0) throw new Error(`no row ${keyHeader} = ${key} in ${table.worksheet.name}`);
  return table.worksheet.getRow(index + 2).getCell(columnIndex(table, header) + 1);
}

function sumOf(table: Table, rows: readonly Value[][], header: string): number {
  let total = 0;
  for (const row of rows) {
    const value = get(table, row, header);
    if (value === null) continue;
    if (typeof value !== 'number') throw new Error(`${header}: not a number: ${String(value)}`);
    total += value;
  }
  return total;
}

/** A Synthèse figure: a number, equal to `expected` (money to the cent, counts exactly). */
function expectFigure(actual: Value, expected: number, header: string, where: string): void {
  expect(typeof actual, `${where}, ${header}`).toBe('number');
  if (MONEY_FIGURES.has(header)) expect(Math.round((actual as number) * 100), `${where}, ${header}`).toBe(Math.round(expected * 100));
  else expect(actual, `${where}, ${header}`).toBe(expected);
}

/** Each subtotal is the sum of the rows since the previous one, and the département's total the sum of the
 * subtotals, for every figure. Returns the subtotals' labels. */
function checkSyntheseTotals(synthese: Table): string[] {
  const figures = SYNTHESE_HEADERS.slice(2);
  const labels: string[] = [];
  let block: Value[][] = [];
  const subtotals: Value[][] = [];
  expect(synthese.rows.at(-1)?.[0]).toBe(DEPARTEMENT_TOTAL);
  synthese.rows.forEach((row, i) => {
    const label = String(row[0]);
    const where = `Synthèse row ${i + 2} (${label})`;
    if (label === DEPARTEMENT_TOTAL) {
      expect(i, 'the département total is the last row').toBe(synthese.rows.length - 1);
      expect(block, 'no row between the last subtotal and the total').toEqual([]);
      for (const header of figures) expectFigure(get(synthese, row, header), sumOf(synthese, subtotals, header), header, where);
    } else if (label.startsWith('Total ')) {
      expect(block.length, `${where} follows rows`).toBeGreaterThan(0);
      for (const r of block) expect(`Total ${String(r[0])}`.toLowerCase(), `${where} totals its own chef de file`).toBe(label.toLowerCase());
      expect(get(synthese, row, 'Circonscription'), where).toBeNull();
      for (const header of figures) expectFigure(get(synthese, row, header), sumOf(synthese, block, header), header, where);
      subtotals.push(row);
      labels.push(label);
      block = [];
    } else {
      block.push(row);
    }
  });
  return labels;
}

interface Tables {
  synthese: Table;
  ecoles: Table;
  classes: Table;
  besoins: Table;
}

function tablesOf(workbook: ExcelJS.Workbook): Tables {
  return {
    synthese: tableOf(workbook, 'Synthèse'),
    ecoles: tableOf(workbook, 'Écoles'),
    classes: tableOf(workbook, 'Classes'),
    besoins: tableOf(workbook, 'Besoins'),
  };
}

/** Every figure of every Synthèse row (a circonscription, a chef de file's subtotal, the département) from the
 * Écoles, Classes and Besoins rows it covers. */
function checkTraceability({ synthese, ecoles, classes, besoins }: Tables): void {
  for (const row of synthese.rows) {
    const label = String(row[0]);
    const covers =
      label === DEPARTEMENT_TOTAL
        ? () => true
        : label.startsWith('Total ')
          ? (chef: Value) => `Total ${String(chef)}`.toLowerCase() === label.toLowerCase()
          : (chef: Value, circonscription: Value) => chef === label && circonscription === row[1];
    const pick = (table: Table) => table.rows.filter((r) => covers(get(table, r, 'Chef de file'), get(table, r, 'Circonscription')));
    const [schools, rooms, needs] = [pick(ecoles), pick(classes), pick(besoins)];
    const where = `Synthèse ${label} ${String(row[1] ?? '')}`;
    const figure = (header: string) => get(synthese, row, header);
    expectFigure(figure('Besoin estimé HT (€)'), sumOf(ecoles, schools, 'Besoin estimé HT (€)'), 'Besoin estimé HT (€) = Écoles', where);
    expectFigure(figure('Besoin estimé HT (€)'), sumOf(besoins, needs, 'Montant HT (€)'), 'Besoin estimé HT (€) = Besoins', where);
    expectFigure(figure('Besoin estimé HT (€)'), sumOf(classes, rooms, 'Besoin estimé HT (€)') + schoolNeedsOf(besoins, needs), 'Besoin estimé HT (€) = Classes + école', where);
    expectFigure(figure('Classes auditées'), rooms.filter((r) => equipmentRecorded(classes, r)).length, 'Classes auditées = Classes rows with equipment', where);
    expectFigure(figure('Classes auditées'), sumOf(ecoles, schools, 'Classes auditées'), 'Classes auditées = Écoles', where);
    expectFigure(figure('Classes au socle'), rooms.filter((r) => get(classes, r, 'Au socle') === 'Oui').length, 'Classes au socle', where);
    expectFigure(figure('Classes à équiper'), rooms.filter((r) => get(classes, r, 'Au socle') === 'Non').length, 'Classes à équiper', where);
    expectFigure(figure('Articles non chiffrés'), needs.filter((r) => get(besoins, r, 'Montant HT (€)') === null).length, 'Articles non chiffrés', where);
    expectFigure(figure('Néo-titulaires à équiper'), sumOf(ecoles, schools, 'Néo-titulaires'), 'Néo-titulaires à équiper', where);
    expectFigure(figure('Écoles auditées'), schools.filter((r) => get(ecoles, r, 'Statut') === 'Terminé').length, 'Écoles auditées', where);
    expectFigure(figure('Écoles (annuaire)'), schools.filter((r) => get(ecoles, r, 'Statut') !== 'hors annuaire').length, 'Écoles (annuaire)', where);
  }
}

/** The Classes columns of a classroom's equipment: a row with none of them filled is a fiche not yet audited. */
const EQUIPMENT_HEADERS = [
  'Affichage', 'État affichage', 'Année affichage', 'Taille affichage (pouces)', 'Ordinateur', 'État ordinateur',
  'Année ordinateur', 'Système', 'RAM (Go)', 'Stockage', "Relié à l'affichage", "Numéro d'inventaire", 'Réseau',
  'Accès testé', 'Visualiseur', 'État visualiseur',
];

function equipmentRecorded(classes: Table, row: readonly Value[]): boolean {
  return EQUIPMENT_HEADERS.some((header) => get(classes, row, header) !== null);
}

/** The amount of the needs of the schools themselves (Classe empty in Besoins). */
function schoolNeedsOf(besoins: Table, needs: readonly Value[][]): number {
  return sumOf(besoins, needs.filter((r) => get(besoins, r, 'Classe') === null), 'Montant HT (€)');
}

/** What a builder cell becomes once read back: a date is a Date whose UTC fields are the wall clock. */
function readBack(cell: Cell): Value {
  if (cell === null || typeof cell === 'string' || typeof cell === 'number') return cell;
  return new Date(cell.date.length > 10 ? `${cell.date}:00Z` : `${cell.date}T00:00:00Z`);
}

/** How wide a value is once Excel formats it: narrower than that, a number or a date shows as "#####". */
function formattedLength(value: Value, numFmt: string | undefined): number {
  if (value instanceof Date) return numFmt?.includes('hh') ? 16 : 10;
  if (typeof value === 'number') {
    return numFmt === '#,##0.00' ? value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).length : String(value).length;
  }
  return 0;
}

function letterOf(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

describe('writeXlsx read back by exceljs', () => {
  let sheets: Sheet[];
  let bytes: Uint8Array;
  let workbook: ExcelJS.Workbook;
  let tables: Tables;

  beforeAll(async () => {
    sheets = buildWorkbook(fixtureInput());
    bytes = writeXlsx(sheets, { createdAt: EXPORTED_AT, print: printTexts(CAMPAIGN, EXPORTED_AT) });
    workbook = await readXlsx(bytes);
    tables = tablesOf(workbook);
  });

  it('names the five sheets of export.md, in order', () => {
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(SHEET_NAMES);
  });

  it('writes the headers of export.md, exactly', () => {
    expect(tables.synthese.headers).toEqual(SYNTHESE_HEADERS);
    expect(tables.ecoles.headers).toEqual(ECOLES_HEADERS);
    expect(tables.classes.headers).toEqual(CLASSES_HEADERS);
    expect(tables.besoins.headers).toEqual(BESOINS_HEADERS);
    expect(tableOf(workbook, 'Référentiel').headers.every((h) => h.length > 0)).toBe(true);
  });

  it('reads every cell back as the builder wrote it: text, number, date or empty', () => {
    let cells = 0;
    sheets.forEach((sheet) => {
      const worksheet = workbook.getWorksheet(sheet.name) as ExcelJS.Worksheet;
      expect(worksheet.rowCount, sheet.name).toBe(sheet.rows.length + 1);
      sheet.rows.forEach((row, r) => {
        row.forEach((cell, c) => {
          const read = worksheet.getRow(r + 2).getCell(c + 1);
          const where = `${sheet.name}!${read.address}`;
          const type = cell === null ? ExcelJS.ValueType.Null : typeof cell === 'string' ? ExcelJS.ValueType.String : typeof cell === 'number' ? ExcelJS.ValueType.Number : ExcelJS.ValueType.Date;
          expect(read.type, where).toBe(type);
          expect(read.value ?? null, where).toEqual(readBack(cell));
          cells += 1;
        });
      });
    });
    expect(cells).toBeGreaterThan(500);
  });

  it('keeps numbers as numbers, money with two decimals', () => {
    const { ecoles, classes, besoins, synthese } = tables;
    const ips = cellAt(ecoles, 'UAI', '0131234W', 'IPS');
    expect([ips.type, ips.value]).toEqual([ExcelJS.ValueType.Number, 112.4]);
    const debit = cellAt(ecoles, 'UAI', '0130569Y', 'Débit descendant (Mb/s)');
    expect([debit.type, debit.value]).toEqual([ExcelJS.ValueType.Number, 300.5]);
    const ram = cellAt(classes, 'Classe', 'CP A', 'RAM (Go)');
    expect([ram.type, ram.value]).toEqual([ExcelJS.ValueType.Number, 4.5]);
    const pupils = cellAt(classes, 'Classe', 'CM1 B', 'Élèves');
    expect([pupils.type, pupils.value, pupils.numFmt]).toEqual([ExcelJS.ValueType.Number, 24, undefined]);
    const cost = cellAt(ecoles, 'UAI', '0130569Y', 'Besoin estimé HT (€)');
    expect([cost.type, cost.value, cost.numFmt]).toEqual([ExcelJS.ValueType.Number, 6400, '#,##0.00']);
    const price = cellAt(besoins, 'Classe', 'CP A', 'Prix unitaire HT (€)');
    expect([price.type, price.value, price.numFmt]).toEqual([ExcelJS.ValueType.Number, 2700, '#,##0.00']);
    // The State's share is an estimate, to the euro.
    const share = cellAt(synthese, 'Chef de file', DEPARTEMENT_TOTAL, 'Part État estimée (€)');
    expect([share.type, share.value, share.numFmt]).toEqual([ExcelJS.ValueType.Number, 11200, '#,##0']);
    // Codes that look like numbers stay text.
    const code = cellAt(ecoles, 'UAI', '0130569Y', 'Code commune');
    expect([code.type, code.value]).toEqual([ExcelJS.ValueType.String, '13202']);
  });

  it('writes dates as dates, day first, and date-times at the Paris wall clock', () => {
    const visit = cellAt(tables.ecoles, 'UAI', '0130569Y', 'Date de visite');
    expect(visit.type).toBe(ExcelJS.ValueType.Date);
    expect((visit.value as Date).toISOString()).toBe('2026-10-12T00:00:00.000Z');
    expect(visit.numFmt).toBe('dd/mm/yyyy');
    // Updated 2026-10-12T09:05Z: 11:05 in Paris (summer time); exceljs gives the wall clock as UTC fields.
    const modified = cellAt(tables.classes, 'Classe', 'CM1 B', 'Modifié le');
    expect(modified.type).toBe(ExcelJS.ValueType.Date);
    expect((modified.value as Date).toISOString()).toBe('2026-10-12T11:05:00.000Z');
    expect(modified.numFmt).toBe('dd/mm/yyyy hh:mm');
    // 2026-11-28T17:38Z: 18:38 in Paris (winter time).
    const exported = cellAt(tableOf(workbook, 'Référentiel'), 'Libellé', "Date et heure de l'export", 'Valeur');
    expect((exported.value as Date).toISOString()).toBe('2026-11-28T18:38:00.000Z');
    for (const worksheet of workbook.worksheets) {
      worksheet.eachRow((row) => row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Date) expect(cell.numFmt, `${worksheet.name}!${cell.address}`).toMatch(/^dd\/mm\/yyyy( hh:mm)?$/);
      }));
    }
  });

  it('leaves "non renseigné" cells empty', () => {
    const visit = cellAt(tables.ecoles, 'UAI', '0131234W', 'Date de visite');
    expect([visit.type, visit.value]).toEqual([ExcelJS.ValueType.Null, null]);
    const ram = cellAt(tables.classes, 'Classe', 'Grande section', 'RAM (Go)');
    expect([ram.type, ram.value]).toEqual([ExcelJS.ValueType.Null, null]);
    const amount = tables.besoins.worksheet.getRow(2).getCell(columnIndex(tables.besoins, 'Montant HT (€)') + 1);
    expect([amount.type, amount.value]).toEqual([ExcelJS.ValueType.Null, null]);
  });

  it('holds no formula, in any cell or in any worksheet part', () => {
    let cells = 0;
    for (const worksheet of workbook.worksheets) {
      worksheet.eachRow((row) => row.eachCell((cell) => {
        cells += 1;
        expect(cell.type, `${worksheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula, `${worksheet.name}!${cell.address}`).toBeUndefined();
      }));
    }
    expect(cells).toBeGreaterThan(500);
    const parts = unzipSync(bytes);
    const worksheets = Object.keys(parts).filter((path) => path.startsWith('xl/worksheets/'));
    expect(worksheets).toHaveLength(5);
    for (const path of worksheets) expect(strFromU8(parts[path] as Uint8Array), path).not.toMatch(/<f[ >]/);
  });

  it('keeps text that looks like a formula as plain text', () => {
    const { ecoles, classes, besoins } = tables;
    const needs = cellAt(ecoles, 'UAI', '0130569Y', 'Besoins exprimés');
    expect([needs.type, needs.value]).toEqual([ExcelJS.ValueType.String, TRICKY_TEXTS[0]]);
    for (const [uai, text] of [['0130001F', TRICKY_TEXTS[2]], [OUTSIDE_UAI, TRICKY_TEXTS[1]]] as const) {
      const cell = cellAt(ecoles, 'UAI', uai, 'Besoins exprimés');
      expect([cell.type, cell.value]).toEqual([ExcelJS.ValueType.String, text]);
    }
    const label = cellAt(classes, 'UAI', '0130001F', 'Classe');
    expect([label.type, label.value]).toEqual([ExcelJS.ValueType.String, TRICKY_TEXTS[3]]);
    const need = cellAt(besoins, 'UAI', '0130001F', 'Règle');
    expect(need.value).toBe('E01');
    expect(tables.besoins.rows.filter((r) => get(besoins, r, 'Classe') === TRICKY_TEXTS[3])).toHaveLength(3);
  });

  it('keeps accents and other letters', () => {
    expect(workbook.worksheets.map((ws) => ws.name)).toContain('Référentiel');
    expect(workbook.worksheets.map((ws) => ws.name)).toContain('Écoles');
    expect(cellAt(tables.ecoles, 'UAI', '0130001F', 'Auditeur').value).toBe('Éloïse Nguyễn-Çelik');
    expect(tables.classes.rows.filter((r) => get(tables.classes, r, 'Auteur') === 'Éloïse Nguyễn-Çelik')).toHaveLength(2);
    expect(cellAt(tables.ecoles, 'UAI', '0130569Y', 'Circonscription').value).toBe('Marseille 02 – Joliette');
    expect(tables.synthese.headers).toContain('Néo-titulaires à équiper');
  });

  it('freezes and filters the header row of every sheet', () => {
    for (const worksheet of workbook.worksheets) {
      const view = worksheet.views[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
      expect(view?.state, worksheet.name).toBe('frozen');
      expect(view?.ySplit, worksheet.name).toBe(1);
      expect(view?.xSplit ?? 0, worksheet.name).toBe(0);
      expect(view?.topLeftCell, worksheet.name).toBe('A2');
      const sheet = sheets.find((s) => s.name === worksheet.name) as Sheet;
      expect(worksheet.autoFilter, worksheet.name).toBe(`A1:${letterOf(sheet.columns.length)}${sheet.rows.length + 1}`);
    }
  });

  it('prints every sheet on A4 landscape, one page wide, the header row repeated, Synthèse on one page', () => {
    for (const worksheet of workbook.worksheets) {
      const onePage = worksheet.name === 'Synthèse';
      expect(worksheet.pageSetup, worksheet.name).toMatchObject({
        paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: onePage ? 1 : 0, printTitlesRow: '1:1',
      });
    }
  });

  it('prints the sheet name, the campaign, the export date and the page number in the page header and footer', () => {
    for (const worksheet of workbook.worksheets) {
      expect(worksheet.headerFooter, worksheet.name).toMatchObject({
        oddHeader: '&L&A&CTNE 13 – état des lieux du numérique des écoles&RCampagne 2026-2027',
        oddFooter: '&LExport du 28/11/2026 à 18:38&RPage &P sur &N',
      });
    }
  });

  it('writes the parts of every worksheet in the order ECMA-376 requires, which Excel enforces', () => {
    const parts = unzipSync(bytes);
    for (let i = 1; i <= 5; i += 1) {
      const xml = strFromU8(parts[`xl/worksheets/sheet${i}.xml`] as Uint8Array);
      const body = xml.slice(xml.indexOf('<worksheet'));
      // Tag names in document order, the cells left out; nested tags (pane, col…) are not in the list.
      const children = [...body.replace(/<sheetData>[\s\S]*<\/sheetData>/, '<sheetData/>').matchAll(/<(\w+)[ >/]/g)]
        .map((m) => m[1] as string)
        .filter((name) => WORKSHEET_ORDER.includes(name));
      expect(children, `sheet${i}`).toEqual(WORKSHEET_ORDER.filter((name) => children.includes(name)));
      expect(children, `sheet${i}`).toEqual(['sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'autoFilter', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter']);
    }
  });

  it('makes every column at least 8 wide, as wide as its header, and wide enough for its numbers and dates', () => {
    for (const worksheet of workbook.worksheets) {
      const table = readTable(worksheet);
      table.headers.forEach((header, i) => {
        const column = worksheet.getColumn(i + 1);
        const where = `${worksheet.name} ${header}`;
        const width = column.width ?? 0;
        expect(width, where).toBeGreaterThanOrEqual(8);
        expect(width, where).toBeGreaterThanOrEqual(header.length);
        column.eachCell((cell) => {
          expect(width, `${where} ${cell.address}`).toBeGreaterThanOrEqual(formattedLength(valueOf(cell), cell.numFmt));
        });
      });
    }
  });

  it('makes each subtotal of Synthèse the sum of its rows and the total the sum of the subtotals', () => {
    expect(checkSyntheseTotals(tables.synthese)).toEqual(SUBTOTALS);
    const total = tables.synthese.rows.at(-1) as Value[];
    // Écoles auditées: only the school whose audit is "Terminé"; the others with fiches are "en cours".
    expect(total.slice(2)).toEqual([4, 1, 6, 1, 5, 2, 16000, 11, 11200]);
  });

  it('traces every figure of Synthèse to Écoles, Classes and Besoins', () => {
    const { synthese, ecoles, classes, besoins } = tables;
    const total = synthese.rows.at(-1) as Value[];
    expect(get(synthese, total, 'Besoin estimé HT (€)')).toBe(sumOf(ecoles, ecoles.rows, 'Besoin estimé HT (€)'));
    expect(get(synthese, total, 'Besoin estimé HT (€)')).toBe(sumOf(besoins, besoins.rows, 'Montant HT (€)'));
    expect(get(synthese, total, 'Classes auditées')).toBe(classes.rows.filter((r) => equipmentRecorded(classes, r)).length);
    expect(get(synthese, total, 'Articles non chiffrés')).toBe(besoins.rows.filter((r) => get(besoins, r, 'Montant HT (€)') === null).length);
    checkTraceability(tables);
  });

  it('is what runExport gives, under the contract file name', async () => {
    const file = runExport(fixtureInput(), 'xlsx', undefined);
    expect(file.fileName).toBe(`tne13-etat-des-lieux-${CAMPAIGN}-20261128-1838.xlsx`);
    expect(file.mime).toBe(XLSX_MIME);
    const read = await readXlsx(file.bytes);
    expect(read.worksheets.map((ws) => ws.name)).toEqual(SHEET_NAMES);
    expect(tablesOf(read).classes.rows).toEqual(tables.classes.rows);
  });
});

describe('writeXlsx on the generated département', () => {
  it('adds up and traces back on 1,200 schools and 9,000 classrooms', { timeout: 60_000 }, async () => {
    const generated = generateDepartement({ now: EXPORTED_AT });
    const input: ExportInput = {
      campaign: '2026-2027', directory: generated.schools, fiches: generated.fiches, deviceOf: new Map(),
      referential: REFERENTIAL_V1, exportedAt: EXPORTED_AT,
    };
    const workbook = await readXlsx(writeXlsx(buildWorkbook(input)));
    const tables = tablesOf(workbook);
    expect(tables.ecoles.rows).toHaveLength(1200);
    expect(tables.classes.rows).toHaveLength(9000);
    expect(tables.synthese.headers).toEqual(SYNTHESE_HEADERS);
    expect(checkSyntheseTotals(tables.synthese)).toEqual(SUBTOTALS.slice(0, 2));
    const total = tables.synthese.rows.at(-1) as Value[];
    expect(get(tables.synthese, total, 'Classes auditées')).toBe(9000);
    expect(get(tables.synthese, total, 'Écoles (annuaire)')).toBe(1200);
    checkTraceability(tables);
  });
});

describe('writeXlsx edge cases, read back by exceljs', () => {
  let workbook: ExcelJS.Workbook;
  let texts: Table;

  beforeAll(async () => {
    workbook = await readXlsx(writeXlsx(WRITER_SHEETS));
    texts = tableOf(workbook, 'Textes');
  });

  const shown = (name: string): ExcelJS.Cell => cellAt(texts, 'Cas', name, 'Texte');

  it.each(TEXT_CASES.filter(([name]) => !['control character', 'adjacent escapes', 'long text'].includes(name)))('keeps the %s as written', (name, value) => {
    const cell = shown(name);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(value);
  });

  it('keeps a control character as the character itself (written _x0001_, read back U+0001)', () => {
    expect(shown('control character').value).toBe('avant\u0001après');
  });

  it('keeps two escapes that share an underscore as literal text', () => {
    // ECMA-376 (22.4.2.4, 22.9.2.19): the initial underscore of every literal `_xHHHH_` is stored as `_x005F_`.
    // Here `_x0041_` and `_x0042_` are both literal and share an underscore, so the text must be stored
    // `_x005F_x0041_x005F_x0042_`. Stored `_x005F_x0041_x0042_`, a reader that decodes every `_xHHHH_` from left
    // to right, as exceljs does (and Excel, which shows `_x0041_` as "A"), reads "_" + "x0041" + "B".
    expect(shown('adjacent escapes').value).toBe(ADJACENT_ESCAPES);
  });

  it('cuts a text longer than 32,767 characters to its first 32,767, instead of losing it', () => {
    const value = shown('long text').value as string;
    expect(value).toHaveLength(32_767);
    expect(value).toBe(LONG_TEXT.slice(0, 32_767));
    expect(value).toBe(shownText(LONG_TEXT));
  });

  it('writes negative, large and fractional numbers, and dates of every kind', () => {
    const numbers = tableOf(workbook, 'Nombres');
    const expected = NUMBERS_SHEET.rows.map((row) => row.map(readBack));
    expect(numbers.rows).toEqual(expected);
    const money = numbers.worksheet.getRow(2).getCell(3);
    expect([money.value, money.numFmt]).toEqual([-1234.5, '#,##0.00']);
  });

  it('filters only the table, and writes the rows under it by their own kinds', async () => {
    const sheet: Sheet = {
      slug: 'synthese', name: 'Totaux', columns: [text('Libellé'), euros('Montant (€)')],
      rows: [['Ligne', 1234], [null, null], ['Écoles', 3], ['Total HT', 1234.5], ['Une note sous le tableau, plus longue que toute colonne ne le sera jamais', null]],
      tableRows: 1,
      rowKinds: new Map([[2, ['text', 'integer']], [3, ['text', 'money']]]),
    };
    const worksheet = (await readXlsx(writeXlsx([sheet]))).getWorksheet('Totaux') as ExcelJS.Worksheet;
    expect(worksheet.autoFilter).toBe('A1:B2');
    expect(worksheet.rowCount).toBe(6);
    const cell = (ref: string) => worksheet.getCell(ref);
    expect([cell('B2').value, cell('B2').numFmt]).toEqual([1234, '#,##0']);
    expect([cell('B4').value, cell('B4').numFmt]).toEqual([3, undefined]);
    expect([cell('B5').value, cell('B5').numFmt]).toEqual([1234.5, '#,##0.00']);
    // The note runs on over the empty cells beside it: it does not widen its column.
    expect(worksheet.getColumn(1).width).toBe('Libellé'.length + 4);
  });

  it('writes a sheet with a header and no row, frozen and filtered', () => {
    const worksheet = workbook.getWorksheet('Vide') as ExcelJS.Worksheet;
    expect(worksheet.rowCount).toBe(1);
    expect(readTable(worksheet).headers).toEqual(EMPTY_SHEET.columns.map((c) => c.header));
    expect(worksheet.autoFilter).toBe('A1:B1');
    expect((worksheet.views[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined)?.state).toBe('frozen');
  });
});
