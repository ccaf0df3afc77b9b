// The tablet's export, the device shell around the pure builders of src/export: read this device's fiches from
// IndexedDB and build the file. It runs in the export worker (and in this thread where there is no Worker): reading
// there spares the page a copy of every fiche, and only the file's bytes come back, transferred.
import { transfer } from 'comlink';
import type { Referential } from '../../model/referential';
import { AuditDb } from '../../storage/db';
import { readExportSource } from '../../storage/export-source';
import { runExport, type ExportFile, type ExportFormat, type OnExportProgress } from '../../export/run-export';
import type { SheetSlug } from '../../export/sheet';

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

/** What the export worker exposes. */
export const exportWorkerApi = {
  async run(request: ExportRequest, onProgress: OnExportProgress): Promise<ExportFile> {
    const file = await exportFromDevice(request, onProgress);
    return transfer(file, [file.bytes.buffer]);
  },
};

export type ExportWorkerApi = typeof exportWorkerApi;
