// What a spreadsheet reader (exceljs, independent of our writer) sees of a workbook: each sheet's header and rows,
// dates as ISO strings, and anything that is not a plain value (a formula, an error) flagged.
import ExcelJS from 'exceljs';

export type Value = string | number | boolean | null;

export interface ReadSheet {
  name: string;
  header: Value[];
  rows: Value[][];
}

export function cellValue(value: ExcelJS.CellValue): Value {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    return `UNEXPECTED ${JSON.stringify(value)}`; // a formula, a hyperlink, an error: never in our workbooks
  }
  return value;
}

export async function readXlsx(bytes: Uint8Array): Promise<ReadSheet[]> {
  const wb = new ExcelJS.Workbook();
  // exceljs declares a Buffer type of its own.
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const width = ws.getRow(1).cellCount;
    const all: Value[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: Value[] = [];
      for (let c = 1; c <= width; c++) cells.push(cellValue(row.getCell(c).value));
      all.push(cells);
    }
    return { name: ws.name, header: all[0] ?? [], rows: all.slice(1) };
  });
}
