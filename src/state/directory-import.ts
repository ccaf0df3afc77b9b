// Importing the school directory on the tablet (files picked by the user) or taking the server's: merged into the
// device's directory without touching a fiche, then the lists and the gaps follow.
import { listSchools, replaceDirectory } from '../storage/directory';
import { uaisWithFiches } from '../storage/fiche-queries';
import { getDirectoryEtag, setDirectoryEtag } from '../storage/prefs';
import { mergeDirectory, type DirectoryMerge } from '../model/directory-merge';
import type { DirectorySchool } from '../model/school';
import type { DirectoryFiles, DirectoryImport, DirectoryImportOptions, Progress } from '../directory/import-files';
import { loadDirectory } from './directory';
import { recomputeGaps } from './gaps';
import { deviceDb } from './device-db';

export interface DirectoryImportResult {
  reading: DirectoryImport;
  merge: DirectoryMerge;
}

async function apply(imported: readonly DirectorySchool[]): Promise<DirectoryMerge> {
  const db = deviceDb();
  const withFiches = await uaisWithFiches(db);
  const merge = mergeDirectory(await listSchools(db), imported, (uai) => withFiches.has(uai));
  await replaceDirectory(db, merge.schools);
  await loadDirectory();
  void recomputeGaps();
  return merge;
}

export async function importDirectory(files: DirectoryFiles, options: DirectoryImportOptions, onProgress: Progress): Promise<DirectoryImportResult> {
  const { runDirectoryImport } = await import('../directory/import-client');
  const reading = await runDirectoryImport(files, options, onProgress);
  const start = performance.now();
  const merge = await apply(reading.schools);
  performance.measure('tne:directory-merge', { start, end: performance.now() });
  return { reading, merge };
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
