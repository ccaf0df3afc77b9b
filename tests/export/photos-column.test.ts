// The Photos columns of Écoles and Classes (export.md v2): how many photos the fiche holds, a number cell in XLSX
// (read back by exceljs) and a plain number in CSV; a school fiche's own photos only, never its classrooms'.
import ExcelJS from 'exceljs';
import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ExportInput } from '../../src/export/export-input';
import { runExport } from '../../src/export/run-export';
import { buildWorkbook } from '../../src/export/workbook';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { CAMPAIGN, DIRECTORY, EXPORTED_AT, OUTSIDE_UAI } from './fixture';
import { fixtureFichesWithPhotos } from './photo-fixture';
import { csvValues, readCsv } from './support/csv-reader';
import { records, sheetNamed } from './support/records';

function inputWithPhotos(): ExportInput {
  const { fiches, deviceOf } = fixtureFichesWithPhotos();
  return { campaign: CAMPAIGN, directory: DIRECTORY, fiches, deviceOf, referential: REFERENTIAL_V1, exportedAt: EXPORTED_AT };
}

/** What the Écoles and Classes rows should say: a key of the row and its count (null: an empty cell). */
const SCHOOLS = [['0130569Y', 3], ['0131234W', null], ['0130001F', 0], ['0130002G', null], [OUTSIDE_UAI, 0], ['0130003H', null]];
// Classes in the sheet's order (the label trimmed): CM1 B, "cp  a" (of the second tablet), "CP A", then the others.
const CLASSES = [['CM1 B', 3], ['cp  a', 1], ['CP A', 0], ['-1+2', 0], ['Moyenne section', 0], ['Grande section', 0], ['Classe unique', 0]];

/** The rows of a worksheet read by exceljs: the cell under `key` and the cell under Photos, with its type. */
function photosCells(worksheet: ExcelJS.Worksheet, key: string): [unknown, unknown, ExcelJS.ValueType][] {
  const header = worksheet.getRow(1).values as unknown[];
  const keyAt = header.indexOf(key);
  const photosAt = header.indexOf('Photos');
  expect(photosAt).toBeGreaterThan(0);
  const cells: [unknown, unknown, ExcelJS.ValueType][] = [];
  for (let r = 2; r <= worksheet.rowCount; r++) {
    const photos = worksheet.getRow(r).getCell(photosAt);
    cells.push([worksheet.getRow(r).getCell(keyAt).value, photos.value ?? null, photos.type]);
  }
  return cells;
}

describe('Photos columns', () => {
  it("count each fiche's photos in the built rows: the school fiche's own, each classroom's", () => {
    const sheets = buildWorkbook(inputWithPhotos());
    expect(records(sheetNamed(sheets, 'Écoles')).map((r) => [r.UAI, r.Photos])).toEqual(SCHOOLS);
    expect(records(sheetNamed(sheets, 'Classes')).map((r) => [r.Classe, r.Photos])).toEqual(CLASSES);
  });

  it('are number cells in the XLSX, read back by exceljs', async () => {
    const file = runExport(inputWithPhotos(), 'xlsx', undefined);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const typed = (count: number | null) => (count === null ? ExcelJS.ValueType.Null : ExcelJS.ValueType.Number);
    expect(photosCells(workbook.getWorksheet('Écoles') as ExcelJS.Worksheet, 'UAI')).toEqual(SCHOOLS.map(([uai, n]) => [uai, n, typed(n as number | null)]));
    expect(photosCells(workbook.getWorksheet('Classes') as ExcelJS.Worksheet, 'Classe'))
      .toEqual(CLASSES.map(([label, n]) => [label, n, typed(n as number | null)]));
  });

  it('are plain numbers in the CSV, empty without a school fiche', () => {
    const read = (sheet: 'ecoles' | 'classes', key: string) => {
      const csv = strFromU8(runExport(inputWithPhotos(), 'csv', sheet).bytes).replace(/^\uFEFF/, ''); // the BOM, if the decoder kept it
      const [header, ...rows] = csvValues(readCsv(csv, { separator: ';', lineEnd: '\r\n' }));
      const [keyAt, photosAt] = [(header as string[]).indexOf(key), (header as string[]).indexOf('Photos')];
      return rows.map((row) => [row[keyAt], row[photosAt]]);
    };
    const shown = (count: unknown) => (count === null ? '' : String(count));
    expect(read('ecoles', 'UAI')).toEqual(SCHOOLS.map(([uai, n]) => [uai, shown(n)]));
    // The CSV prefixes "-1+2" with an apostrophe, as every text a spreadsheet would run.
    expect(read('classes', 'Classe')).toEqual(CLASSES.map(([label, n]) => [label === '-1+2' ? "'-1+2" : label, shown(n)]));
  });
});
