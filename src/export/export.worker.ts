// The export worker: builds the workbook off the page's thread; the file's bytes are transferred, not copied.
import { expose, transfer } from 'comlink';
import { exportFromDevice, type ExportRequest } from './export-api';
import type { OnExportProgress } from './run-export';

const api = {
  async run(request: ExportRequest, onProgress: OnExportProgress) {
    const file = await exportFromDevice(request, onProgress);
    return transfer(file, [file.bytes.buffer]);
  },
};

export type ExportWorkerApi = typeof api;

expose(api);
