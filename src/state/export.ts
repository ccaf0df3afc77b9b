// "Exporter le tableau départemental": the open forms are committed first, then the workbook is built in a
// worker from what is on the device's disk, with its progress shown, and saved as a download. Works offline.
import { signal } from '@preact/signals';
import { getDeviceId } from '../storage/prefs';
import { runExportJob } from '../export/export-client';
import type { ExportFormat, ExportProgress } from '../export/run-export';
import type { SheetSlug } from '../export/sheet';
import { saveFile } from './download';
import { recordTiming } from './timings';
import { flushAllEditors } from './open-editors';
import { referential } from './referential';
import { campaign } from './session';
import { deviceDb } from './device-db';

export type ExportState =
  | { status: 'idle' }
  | { status: 'running'; progress: ExportProgress }
  | { status: 'done'; fileName: string; bytes: number }
  | { status: 'failed'; message: string };

export const exportState = signal<ExportState>({ status: 'idle' });

export async function exportSpreadsheet(format: ExportFormat, sheet?: SheetSlug): Promise<void> {
  if (exportState.value.status === 'running') return;
  exportState.value = { status: 'running', progress: { step: 'read', done: 0, total: 1 } };
  const startedAt = performance.now();
  try {
    await flushAllEditors();
    const file = await runExportJob(
      {
        dbName: deviceDb().name,
        campaign: campaign.value,
        deviceId: await getDeviceId(),
        referential: referential.value,
        exportedAt: new Date().toISOString(),
        format,
        sheet,
      },
      (progress) => {
        if (exportState.value.status === 'running') exportState.value = { status: 'running', progress };
      },
    );
    saveFile([file.bytes as Uint8Array<ArrayBuffer>], file.fileName, file.mime);
    recordTiming('tne:export', startedAt); // read by bench/export.ts
    exportState.value = { status: 'done', fileName: file.fileName, bytes: file.bytes.length };
  } catch (error) {
    console.error(error);
    exportState.value = { status: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}
