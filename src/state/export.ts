// "Exporter le tableau départemental": the open forms are committed first, then the workbook is built in the export
// worker from what is on the device's disk, with its progress shown, and saved as a download. Works offline, and
// "Annuler l'export" ends the worker: nothing is saved and no fiche is touched (an export only reads).
import { signal } from '@preact/signals';
import { getDeviceId } from '../storage/prefs';
import type { ExportFormat, ExportProgress } from '../export/run-export';
import type { SheetSlug } from '../export/sheet';
import { createWorkerBridge, isAbortError, proxy } from '../workers/worker-bridge';
import type { ExportWorkerApi } from './device-export/device-export';
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
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

export const exportState = signal<ExportState>({ status: 'idle' });

/**
 * The export worker holds nothing between exports, and is ended as soon as it is idle. Kept warm for 30 s, it made
 * the département's next export 1.5 s instead of 2.3 s but held on to the last workbook's garbage: +50 to 60 MiB at
 * the peak of back-to-back exports (bench/export.ts). A first export is always cold, exports are a few a day, and
 * tablets are short of memory.
 */
const EXPORT_WORKER_IDLE_MS = 0;

const exportWorker = createWorkerBridge<ExportWorkerApi>({
  start: () => new Worker(new URL('./device-export/export.worker.ts', import.meta.url), { type: 'module' }),
  inThread: async () => (await import('./device-export/device-export')).exportWorkerApi,
  idleMs: EXPORT_WORKER_IDLE_MS,
});

let current: AbortController | undefined;

export async function exportSpreadsheet(format: ExportFormat, sheet?: SheetSlug): Promise<void> {
  if (exportState.value.status === 'running') return;
  const controller = (current = new AbortController());
  exportState.value = { status: 'running', progress: { step: 'read', done: 0, total: 1 } };
  const onProgress = (progress: ExportProgress) => {
    if (current === controller && exportState.value.status === 'running') exportState.value = { status: 'running', progress };
  };
  const startedAt = performance.now();
  try {
    await flushAllEditors();
    const request = {
      dbName: deviceDb().name,
      campaign: campaign.value,
      deviceId: await getDeviceId(),
      referential: referential.value,
      exportedAt: new Date().toISOString(),
      format,
      sheet,
    };
    const file = await exportWorker.call((api) => api.run(request, proxy(onProgress)), controller.signal);
    saveFile([file.bytes as Uint8Array<ArrayBuffer>], file.fileName, file.mime);
    recordTiming('tne:export', startedAt); // read by bench/export.ts
    exportState.value = { status: 'done', fileName: file.fileName, bytes: file.bytes.length };
  } catch (error) {
    if (isAbortError(error)) {
      exportState.value = { status: 'cancelled' };
      return;
    }
    console.error(error);
    exportState.value = { status: 'failed', message: error instanceof Error ? error.message : String(error) };
  } finally {
    if (current === controller) current = undefined;
  }
}

/** "Annuler l'export": the running export stops there and then. */
export function cancelExport(): void {
  current?.abort();
}
