// One export, from what was read to the bytes of the file: the same code on the tablet (in a worker) and on the
// server, so that both give the same workbook for the same fiches.
import { strToU8 } from 'fflate';
import { sheetToCsv } from './csv';
import type { ExportInput } from './export-input';
import type { SheetSlug } from './sheet';
import { buildWorkbook, exportFileName, printTexts } from './workbook';
import { writeXlsx, XLSX_MIME } from './xlsx';

export type ExportFormat = 'xlsx' | 'csv';

export const CSV_MIME = 'text/csv;charset=utf-8';

export interface ExportFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

/** Where an export stands: a step and, while the workbook is written, the share of rows done. */
export interface ExportProgress {
  step: 'read' | 'compute' | 'write' | 'done';
  done: number;
  total: number;
}

export type OnExportProgress = (progress: ExportProgress) => void;

export function runExport(input: ExportInput, format: ExportFormat, sheet: SheetSlug | undefined, onProgress?: OnExportProgress): ExportFile {
  onProgress?.({ step: 'compute', done: 0, total: 1 });
  const only = format === 'csv' ? (sheet ?? 'synthese') : undefined;
  const sheets = buildWorkbook(input, only);
  const fileName = exportFileName(input.campaign, input.exportedAt, format, only);
  let file: ExportFile;
  if (format === 'csv') {
    file = { fileName, mime: CSV_MIME, bytes: strToU8(sheetToCsv(sheets[0] as (typeof sheets)[number])) };
  } else {
    const bytes = writeXlsx(sheets, {
      createdAt: input.exportedAt,
      print: printTexts(input.campaign, input.exportedAt),
      onProgress: (p) => onProgress?.({ step: 'write', done: p.rows, total: p.total }),
    });
    file = { fileName, mime: XLSX_MIME, bytes };
  }
  onProgress?.({ step: 'done', done: 1, total: 1 });
  return file;
}
