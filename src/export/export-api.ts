// What the export worker does (and the main thread, where there is no Worker): read this device's fiches from
// IndexedDB, build the workbook and hand back its bytes. Reading in the worker spares the page a copy of
// every fiche.
import type { Referential } from '../model/referential';
import { AuditDb } from '../storage/db';
import { readExportSource } from '../storage/export-source';
import { runExport, type ExportFile, type ExportFormat, type OnExportProgress } from './run-export';
import type { SheetSlug } from './sheet';

export interface ExportRequest {
  dbName: string;
  campaign: string;
  deviceId: string;
  referential: Referential;
  /** ISO time of the export (file name, Référentiel sheet). */
  exportedAt: string;
  format: ExportFormat;
  sheet?: SheetSlug;
}

export async function exportFromDevice(request: ExportRequest, onProgress?: OnExportProgress): Promise<ExportFile> {
  onProgress?.({ step: 'read', done: 0, total: 1 });
  const db = new AuditDb(request.dbName);
  try {
    const source = await readExportSource(db, request.campaign, request.deviceId);
    return runExport(
      { ...source, campaign: request.campaign, referential: request.referential, exportedAt: new Date(request.exportedAt) },
      request.format,
      request.sheet,
      onProgress,
    );
  } finally {
    db.close();
  }
}
