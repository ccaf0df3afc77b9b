// A real client reads the XLSX: LibreOffice Calc, headless, converts the fixture workbook (and the writer's edge
// cases) to CSV, one file per sheet, and every cell it shows must be the builder's value. Text cells come out
// quoted and numbers and dates bare, so a number written as text, or text run as a formula, shows.
// It also prints the workbook to PDF (pages counted) and saves it again as XLSX: the page setup it kept is the
// page setup it understood.
// LibreOffice is required, not optional: without it the test fails and says what to install.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell, Sheet } from '../../src/export/sheet';
import { generateDepartement } from '../fixtures/departement/generate-departement';
import { buildWorkbook, printTexts } from '../../src/export/workbook';
import { writeXlsx } from '../../src/export/xlsx';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { unzipSync, strFromU8 } from 'fflate';
import { CAMPAIGN, EXPORTED_AT, fixtureInput, TRICKY_TEXTS } from './fixture';
import { readCsv, type CsvField } from './support/csv-reader';
import { A4_LANDSCAPE, convert, printed, type Conversion, type Printed } from './support/libreoffice';
import { ADJACENT_ESCAPES, EMPTY_SHEET, LONG_TEXT, NUMBERS_SHEET, shownText, TEXT_CASES, TEXTS_SHEET, WRITER_SHEETS } from './support/writer-cases';

const SHEET_NAMES = ['Synthèse', 'Écoles', 'Classes', 'Besoins', 'Référentiel'];

/** `10/12/2026` or `10/12/2026 11:05:00` (en-US, month first) → `2026-10-12` or `2026-10-12T11:05`. */
function wallClock(shown: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2}):(\d{2}))?$/.exec(shown);
  if (!m) return `not a date: ${shown}`;
  const [, month, day, year, hour, minute, second] = m as unknown as [string, string, string, string, string?, string?, string?];
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (hour === undefined) return date;
  return second === '00' ? `${date}T${hour.padStart(2, '0')}:${minute}` : `seconds in ${shown}`;
}

/** What LibreOffice must show for a builder cell: quoted text, a bare number, a bare date, or nothing. */
function expectShown(field: CsvField | undefined, cell: Cell, where: string): void {
  const shown = field ?? { value: '', quoted: false };
  if (cell === null) expect(shown, where).toEqual({ value: '', quoted: false });
  else if (typeof cell === 'string') expect(shown, where).toEqual({ value: cell, quoted: true });
  else if (typeof cell === 'number') {
    expect(shown.quoted, where).toBe(false);
    // LibreOffice writes at most 15 significant digits (0.1 + 0.2 shows as 0.3), as a spreadsheet displays it.
    expect(Number(shown.value), where).toBe(Number(cell.toPrecision(15)));
  } else {
    expect(shown.quoted, where).toBe(false);
    expect(wallClock(shown.value), where).toBe(cell.date);
  }
}

describe('the XLSX read by LibreOffice Calc', () => {
  let dir: string;
  let conversion: Conversion | Error;
  const sheets: Sheet[] = buildWorkbook(fixtureInput());

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tne13-libreoffice-'));
    const files = [join(dir, 'fixture.xlsx'), join(dir, 'writer.xlsx')];
    writeFileSync(files[0] as string, writeXlsx(sheets, { createdAt: EXPORTED_AT, print: printTexts(CAMPAIGN, EXPORTED_AT) }));
    writeFileSync(files[1] as string, writeXlsx(WRITER_SHEETS));
    // One run for both files; a failure is kept and reported by every test, none is skipped.
    conversion = await convert(dir, files).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function converted(): Conversion {
    if (conversion instanceof Error) throw conversion;
    return conversion;
  }

  /** The records LibreOffice wrote for sheet `name` of `base`.xlsx. */
  function shownSheet(base: string, name: string): CsvField[][] {
    const { stdout, stderr } = converted();
    const path = join(dir, 'out', `${base}-${name}.csv`);
    if (!existsSync(path)) {
      const written = existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')).join(', ') : 'nothing';
      throw new Error(`LibreOffice wrote no ${base}-${name}.csv (it wrote ${written})\n${stdout}\n${stderr}`);
    }
    return readCsv(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { separator: ';', lineEnd: '\n' });
  }

  function expectSheetShown(base: string, sheet: Sheet): void {
    const records = shownSheet(base, sheet.name);
    expect(records, sheet.name).toHaveLength(sheet.rows.length + 1);
    expect(records[0], `${sheet.name} header`).toEqual(sheet.columns.map((c) => ({ value: c.header, quoted: true })));
    sheet.rows.forEach((row, r) => {
      const record = records[r + 1] as CsvField[];
      expect(record, `${sheet.name} row ${r + 2}`).toHaveLength(sheet.columns.length);
      row.forEach((cell, c) => expectShown(record[c], cell, `${sheet.name} row ${r + 2}, ${sheet.columns[c]?.header}`));
    });
  }

  it('finds the five sheets, in order, under their names', () => {
    const { stdout } = converted();
    const reported = [...stdout.matchAll(/Writing sheet (.+?) -> .*fixture-/g)].map((m) => m[1]);
    expect(reported).toEqual(SHEET_NAMES);
    const written = readdirSync(join(dir, 'out')).filter((f) => f.startsWith('fixture-')).map((f) => f.normalize('NFC')).sort();
    expect(written).toEqual(SHEET_NAMES.map((name) => `fixture-${name}.csv`).sort());
  });

  it.each(SHEET_NAMES)('shows every cell of %s as the builder wrote it', (name) => {
    expectSheetShown('fixture', sheets.find((s) => s.name === name) as Sheet);
  });

  it('shows the v2 columns and the Référentiel in French, with units', () => {
    const header = (name: string) => (shownSheet('fixture', name)[0] as CsvField[]).map((f) => f.value);
    expect(header('Écoles').slice(33)).toEqual([
      'Débit montant (Mb/s)', "Points d'accès Wi-Fi", 'Couverture Wi-Fi', 'Flottes', 'Imprimante-scanner', 'Appareil photo',
      'Robots', 'Ressources', 'Remarques', 'Photos', 'Priorité', 'Score de priorité',
    ]);
    expect(header('Classes').slice(25)).toEqual([
      'Taille affichage (pouces)', 'Système', "Relié à l'affichage", "Numéro d'inventaire", 'Accès testé', 'État visualiseur',
      'Besoins de formation', 'Remarques', 'Photos',
    ]);
    expect(header('Besoins').at(-1)).toBe('Motif');
    const referential = shownSheet('fixture', 'Référentiel').map((r) => r.map((f) => f.value));
    expect(referential).toContainEqual(['Financement', '', "Part de l'État sous le seuil", '70', '%', '', '']);
    expect(referential).toContainEqual(['Paramètre', '', "Âge maximal d'un affichage collectif", '8', 'ans', '', 'hypothèse, à confirmer par le Département']);
  });

  it('shows formula-like text as the text itself, not as what a formula would give', () => {
    const ecoles = shownSheet('fixture', 'Écoles');
    const header = (ecoles[0] as CsvField[]).map((f) => f.value);
    const needs = header.indexOf('Besoins exprimés');
    const row = ecoles.find((r) => r[0]?.value === '0130569Y') as CsvField[];
    expect(row[needs]).toEqual({ value: TRICKY_TEXTS[0], quoted: true });
    expect(row[needs]?.value).not.toBe('http://x');
    const classes = shownSheet('fixture', 'Classes');
    const label = (classes[0] as CsvField[]).findIndex((f) => f.value === 'Classe');
    expect(classes.filter((r) => r[label]?.value === TRICKY_TEXTS[3])).toHaveLength(1);
    expect(classes.some((r) => r[label]?.value === '1')).toBe(false);
  });

  it('shows dates at the Paris wall clock', () => {
    const classes = shownSheet('fixture', 'Classes');
    const header = (classes[0] as CsvField[]).map((f) => f.value);
    const cm1b = classes.find((r) => r[header.indexOf('Classe')]?.value === 'CM1 B') as CsvField[];
    expect(wallClock(cm1b[header.indexOf('Modifié le')]?.value ?? '')).toBe('2026-10-12T11:05');
  });

  it('shows the edge cases of the writer as a spreadsheet should', () => {
    const records = shownSheet('writer', TEXTS_SHEET.name);
    expect(records).toHaveLength(TEXT_CASES.length + 1);
    const shown = new Map(records.slice(1).map((r) => [r[0]?.value, r[1]]));
    for (const [name, value] of TEXT_CASES) {
      // LibreOffice keeps a line break as LF: a CRLF in a cell shows as LF (a lone CR stays).
      const expected = name === 'CRLF' ? value.replace(/\r\n/g, '\n') : shownText(value);
      expect(shown.get(name), name).toEqual({ value: expected, quoted: true });
    }
    expect(shown.get('control character')?.value).toBe('avant\u0001après');
    expect(shown.get('adjacent escapes')?.value).toBe(ADJACENT_ESCAPES);
    expect(shown.get('long text')?.value).toBe(LONG_TEXT.slice(0, 32_767));
    expectSheetShown('writer', NUMBERS_SHEET);
    expectSheetShown('writer', EMPTY_SHEET);
  });
});

describe('the XLSX printed by LibreOffice Calc', () => {
  let dir: string;
  let failure: Error | null = null;
  const sheets: Sheet[] = buildWorkbook(fixtureInput());
  const print = printTexts(CAMPAIGN, EXPORTED_AT);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tne13-libreoffice-print-'));
    const generated = generateDepartement({ now: EXPORTED_AT });
    const departement = buildWorkbook(
      { campaign: CAMPAIGN, directory: generated.schools, fiches: generated.fiches, deviceOf: new Map(), referential: REFERENTIAL_V1, exportedAt: EXPORTED_AT },
      'synthese',
    );
    const files = {
      fixture: writeXlsx(sheets, { createdAt: EXPORTED_AT, print }),
      'fixture-synthese': writeXlsx(sheets.slice(0, 1), { createdAt: EXPORTED_AT, print }),
      'departement-synthese': writeXlsx(departement, { createdAt: EXPORTED_AT, print }),
    };
    const paths = Object.entries(files).map(([name, bytes]) => {
      const path = join(dir, `${name}.xlsx`);
      writeFileSync(path, bytes);
      return path;
    });
    try {
      await convert(dir, paths, 'pdf', 'pdf');
      await convert(dir, [join(dir, 'fixture.xlsx')], 'xlsx:Calc MS Excel 2007 XML', 'xlsx');
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function pdf(name: string): Printed {
    if (failure) throw failure;
    return printed(join(dir, 'pdf', `${name}.pdf`));
  }

  /** A part of the workbook as LibreOffice saved it again. */
  function resaved(part: string): string {
    if (failure) throw failure;
    const parts = unzipSync(new Uint8Array(readFileSync(join(dir, 'xlsx', 'fixture.xlsx'))));
    return strFromU8(parts[part] as Uint8Array);
  }

  it('prints the fixture workbook on five A4 landscape pages, one a sheet (it printed 33 before the page setup)', () => {
    const { pages, sizes } = pdf('fixture');
    expect(pages).toBe(5);
    expect(sizes.length).toBeGreaterThanOrEqual(5);
    for (const [width, height] of sizes) {
      expect(width).toBeCloseTo(A4_LANDSCAPE[0] as number, 0);
      expect(height).toBeCloseTo(A4_LANDSCAPE[1] as number, 0);
    }
  });

  it('prints Synthèse on one page, for the fixture and for the whole generated département', () => {
    expect(pdf('fixture-synthese').pages).toBe(1);
    expect(pdf('departement-synthese').pages).toBe(1);
  });

  it('keeps, once it saves the workbook again, A4 landscape one page wide and the header row repeated on every sheet', () => {
    const workbook = resaved('xl/workbook.xml');
    for (const [i, sheet] of sheets.entries()) {
      const xml = resaved(`xl/worksheets/sheet${i + 1}.xml`);
      expect(xml, sheet.name).toMatch(/<pageSetUpPr fitToPage="(true|1)"\/>/);
      const setup = /<pageSetup [^>]*>/.exec(xml)?.[0] ?? '';
      expect(setup, sheet.name).toContain('paperSize="9"');
      expect(setup, sheet.name).toContain('orientation="landscape"');
      expect(setup, sheet.name).toContain('fitToWidth="1"');
      expect(setup, sheet.name).toContain(`fitToHeight="${i === 0 ? 1 : 0}"`);
      const titles = new RegExp(`<definedName [^>]*localSheetId="${i}" name="_xlnm.Print_Titles"[^>]*>'?${sheet.name}'?!\\$1:\\$1</definedName>`);
      expect(workbook, sheet.name).toMatch(titles);
      expect(xml, sheet.name).toContain('<oddHeader>&amp;L&amp;A&amp;CTNE 13 – état des lieux du numérique des écoles&amp;RCampagne 2026-2027</oddHeader>');
      expect(xml, sheet.name).toContain('<oddFooter>&amp;LExport du 28/11/2026 à 18:38&amp;RPage &amp;P sur &amp;N</oddFooter>');
    }
  });
});
