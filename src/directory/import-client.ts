// Runs a directory import in a worker started for it and stopped after, or on the main thread where there is
// no Worker. Callers never write `new Worker`.
import { proxy, wrap } from 'comlink';
import type { DirectoryImportApi } from './import.worker';
import type { DirectoryFiles, DirectoryImport, DirectoryImportOptions, Progress } from './import-files';

export async function runDirectoryImport(files: DirectoryFiles, options: DirectoryImportOptions, onProgress: Progress): Promise<DirectoryImport> {
  if (typeof Worker === 'undefined') {
    const { importDirectoryFiles } = await import('./import-files');
    return importDirectoryFiles(files, options, onProgress);
  }
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await wrap<DirectoryImportApi>(worker).importDirectoryFiles(files, options, proxy(onProgress));
  } finally {
    worker.terminate();
  }
}
