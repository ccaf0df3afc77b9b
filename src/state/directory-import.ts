// Importing the school directory on the tablet (files picked by the user) or taking the server's: merged into the
// device's directory in one transaction without touching a fiche, then the lists and the gaps follow. The files are
// read in the import worker; "Annuler l'import" ends it, and the directory stays as it was.
import { listSchools } from '../storage/directory';
import { mergeIntoDirectory } from '../storage/directory-merge';
import { getDirectoryEtag, setDirectoryEtag } from '../storage/prefs';
import type { DirectoryMerge } from '../model/directory-merge';
import type { DirectorySchool } from '../model/school';
import type { DirectoryFiles, DirectoryImport, DirectoryImportOptions, Progress } from '../directory/import-files';
import type { DirectoryImportApi } from '../directory/import.worker';
import { createWorkerBridge, isAbortError, proxy } from '../workers/worker-bridge';
import { loadDirectory } from './directory';
import { recomputeGaps } from './gaps';
import { deviceDb } from './device-db';

export interface DirectoryImportResult {
  reading: DirectoryImport;
  merge: DirectoryMerge;
}

/** The import worker holds nothing between imports: ended after this quiet spell, its memory goes back. */
const IMPORT_WORKER_IDLE_MS = 30_000;

const importWorker = createWorkerBridge<DirectoryImportApi>({
  start: () => new Worker(new URL('../directory/import.worker.ts', import.meta.url), { type: 'module' }),
  inThread: async () => ({ importDirectoryFiles: (await import('../directory/import-files')).importDirectoryFiles }),
  idleMs: IMPORT_WORKER_IDLE_MS,
});

async function apply(imported: readonly DirectorySchool[], signal?: AbortSignal): Promise<DirectoryMerge> {
  const merge = await mergeIntoDirectory(deviceDb(), imported, signal);
  await loadDirectory();
  void recomputeGaps();
  return merge;
}

/**
 * Reads the files in the import worker and merges them. Aborting `signal` ("Annuler l'import") ends the reading there
 * and then and resolves null: the directory is as it was. A merge already being written (a moment) completes whole.
 */
export async function importDirectory(
  files: DirectoryFiles, options: DirectoryImportOptions, onProgress: Progress, signal?: AbortSignal,
): Promise<DirectoryImportResult | null> {
  try {
    // Progress the worker sent just before it was ended may still arrive: a cancelled import reports none.
    const progress: Progress = (done, total) => {
      if (!signal?.aborted) onProgress(done, total);
    };
    const reading = await importWorker.call((api) => api.importDirectoryFiles(files, options, proxy(progress)), signal);
    const start = performance.now();
    const merge = await apply(reading.schools, signal);
    performance.measure('tne:directory-merge', { start, end: performance.now() });
    return { reading, merge };
  } catch (error) {
    if (isAbortError(error)) return null;
    throw error;
  }
}

/**
 * Takes the server's directory when it changed (ETag). A server that only has the demonstration schools does not
 * replace a real directory imported on the tablet.
 */
export async function refreshDirectoryFromServer(schoolsUrl: string): Promise<DirectoryMerge | null> {
  const etag = await getDirectoryEtag();
  const response = await fetch(schoolsUrl, { headers: etag ? { 'If-None-Match': etag } : {}, cache: 'no-store' });
  if (response.status === 304 || !response.ok) return null;
  const served = (await response.json()) as DirectorySchool[];
  const local = await listSchools(deviceDb());
  if (served.every((s) => s.source === 'demo') && local.some((s) => s.source === 'annuaire')) return null;
  const merge = await apply(served);
  const next = response.headers.get('ETag');
  if (next) await setDirectoryEtag(next);
  return merge;
}
