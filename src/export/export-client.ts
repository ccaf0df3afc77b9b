// Runs one export in a worker made for it (and ended with it), or in this thread where there is no Worker.
import { proxy, wrap } from 'comlink';
import type { ExportRequest } from './export-api';
import type { ExportWorkerApi } from './export.worker';
import type { ExportFile, OnExportProgress } from './run-export';

export async function runExportJob(request: ExportRequest, onProgress: OnExportProgress): Promise<ExportFile> {
  if (typeof Worker === 'undefined') {
    const { exportFromDevice } = await import('./export-api');
    return exportFromDevice(request, onProgress);
  }
  const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
  // A worker that cannot start (a script refused, no memory left) says so only through an error event.
  const failed = new Promise<never>((_, reject) =>
    worker.addEventListener('error', (event) => reject(new Error(event.message || 'export worker failed')), { once: true }));
  try {
    return await Promise.race([wrap<ExportWorkerApi>(worker).run(request, proxy(onProgress)), failed]);
  } finally {
    worker.terminate();
  }
}
