// The plan's XLSX file read back by two clients that are not our writer: exceljs (cell types and formats, frozen and
// filtered header, page setup) and LibreOffice Calc, which converts it to CSV (the totals as numbers) and prints it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlanSheets, planWorkbookFile } from '../../src/export/plan-workbook';
import type { Sheet } from '../../src/export/sheet';
import type { LabelledPlan } from '../../src/gaps/pilotage';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { CAMPAIGN, EXPORTED_AT } from './fixture';
import { readCsv, type CsvField } from './support/csv-reader';
import { A4_LANDSCAPE, convert, printed } from './support/libreoffice';
import { makePlanReport } from './support/plan-fixture';

const CTX = { campaign: CAMPAIGN, referential: REFERENTIAL_V1, exportedAt: EXPORTED_AT };
const REPORT = makePlanReport();
const SHEETS = buildPlanSheets(REPORT, CTX);
const NAMES = ['Plan Ville de Marseille', 'Plan Conseil départemental 13'];

/** The row (1-based) under the table whose Statut cell (G) holds `label`. */
function footRow(worksheet: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  for (let r = 2; r <= worksheet.rowCount; r += 1) if (worksheet.getRow(r).getCell(7).value === label) return worksheet.getRow(r);
  throw new Error(`no row ${label} in ${worksheet.name}`);
}

describe('the plan XLSX read back by exceljs', () => {
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    workbook = new ExcelJS.Workbook();
    const { bytes } = planWorkbookFile(REPORT, CTX);
    // exceljs declares its own global Buffer (an ArrayBuffer), which Node's Buffer does not satisfy in TypeScript.
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  });

  const sheetOf = (name: string): [ExcelJS.Worksheet, Sheet, LabelledPlan] => {
    const i = NAMES.indexOf(name);
    return [workbook.getWorksheet(name) as ExcelJS.Worksheet, SHEETS[i] as Sheet, REPORT.plans[i] as LabelledPlan];
  };

  it('has one sheet per chef de file, in order', () => {
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(NAMES);
  });

  it('freezes the header row and filters the table only, not the totals under it', () => {
    for (const name of NAMES) {
      const [worksheet, , plan] = sheetOf(name);
      const view = worksheet.views[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
      expect([view?.state, view?.ySplit, view?.topLeftCell], name).toEqual(['frozen', 1, 'A2']);
      expect(worksheet.autoFilter, name).toBe(`A1:L${plan.lines.length + 1}`);
      expect((worksheet.getRow(1).values as unknown[]).slice(1, 4), name).toEqual(['Rang', 'UAI', 'École']);
    }
  });

  it('holds plain values only: numbers as numbers, money with its cents, the State share to the euro, text as text', () => {
    for (const name of NAMES) {
      const [worksheet, sheet] = sheetOf(name);
      worksheet.eachRow((row, r) => {
        row.eachCell((cell) => {
          const value = cell.value;
          expect(typeof value === 'string' || typeof value === 'number' || value instanceof Date, `${name} ${cell.address}`).toBe(true);
        });
        if (r === 1) return;
        sheet.rows[r - 2]?.forEach((cell, c) => {
          if (cell !== null && typeof cell !== 'object') expect(worksheet.getRow(r).getCell(c + 1).value, `${name} row ${r}`).toBe(cell);
        });
      });
    }
    const [marseille] = sheetOf('Plan Ville de Marseille');
    const need = marseille.getCell('H2');
    expect([need.value, need.numFmt]).toEqual([6400, '#,##0.00']);
    expect(marseille.getCell('C5').value).toBe('=École "Les Calanques"');
    const share = footRow(marseille, "Part de l'État estimée (€)").getCell(8);
    expect([share.value, share.numFmt]).toEqual([5950, '#,##0']);
    const total = footRow(marseille, 'Total HT (€)').getCell(8);
    expect([total.value, total.numFmt]).toEqual([8499.99, '#,##0.00']);
    const schools = footRow(marseille, 'Écoles financées').getCell(8);
    expect([schools.value, schools.numFmt]).toEqual([2, undefined]);
    expect(footRow(marseille, "Date et heure de l'export").getCell(8).value).toEqual(new Date('2026-11-28T18:38:00Z'));
  });

  it('prints on A4 landscape, one page wide, the header row repeated, with the plan as the page title', () => {
    for (const name of NAMES) {
      const [worksheet] = sheetOf(name);
      expect(worksheet.pageSetup, name).toMatchObject({
        paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1',
      });
      expect(worksheet.headerFooter, name).toMatchObject({
        oddHeader: "&L&A&CTNE 13 – plan d'équipement (simulation)&RCampagne 2026-2027",
        oddFooter: '&LExport du 28/11/2026 à 18:38&RPage &P sur &N',
      });
    }
    expect(workbook.title).toBe("TNE 13 — plan d'équipement des écoles (simulation)");
  });
});

describe('the plan XLSX read by LibreOffice Calc', () => {
  let dir: string;
  let failure: Error | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tne13-plan-libreoffice-'));
    const path = join(dir, 'plan.xlsx');
    writeFileSync(path, planWorkbookFile(REPORT, CTX).bytes);
    try {
      await convert(dir, [path]);
      await convert(dir, [path], 'pdf', 'pdf');
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function shown(name: string): CsvField[][] {
    if (failure) throw failure;
    return readCsv(readFileSync(join(dir, 'out', `plan-${name}.csv`), 'utf8').replace(/^\uFEFF/, ''), { separator: ';', lineEnd: '\n' });
  }

  it("shows the schools as text and the plan's totals as numbers", () => {
    const records = shown('Plan Ville de Marseille');
    const plan = REPORT.plans[0] as LabelledPlan;
    expect(records[1]?.slice(0, 3)).toEqual([{ value: '1', quoted: false }, { value: '0131001A', quoted: true }, { value: 'École élémentaire Air-Bel', quoted: true }]);
    const byLabel = new Map(records.map((r) => [r[6]?.value, r[7]]));
    expect(byLabel.get('Total HT (€)')).toEqual({ value: String(plan.totalHt), quoted: false });
    expect(byLabel.get("Part de l'État estimée (€)")).toEqual({ value: String(plan.stateShareHt), quoted: false });
    expect(byLabel.get('Reste du budget HT (€)')).toEqual({ value: String(plan.leftHt), quoted: false });
    expect(records[4]?.[2]).toEqual({ value: '=École "Les Calanques"', quoted: true });
    const cd13 = new Map(shown('Plan Conseil départemental 13').map((r) => [r[6]?.value, r[7]]));
    expect(cd13.get("Part de l'État estimée (€)")).toEqual({ value: '120000', quoted: false });
  });

  it('prints each sheet on one A4 landscape page (a small plan)', () => {
    if (failure) throw failure;
    const { pages, sizes } = printed(join(dir, 'pdf', 'plan.pdf'));
    expect(pages).toBe(2);
    for (const [width, height] of sizes) {
      expect(width).toBeCloseTo(A4_LANDSCAPE[0] as number, 0);
      expect(height).toBeCloseTo(A4_LANDSCAPE[1] as number, 0);
    }
  });
});
