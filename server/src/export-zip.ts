// The export's zip as a file (`npm run export -- archive.zip --photos`): the workbook of one snapshot and the photos
// of the same fiches, read one at a time from the store and written as they come (src/export/photo-zip.ts), under a
// temporary name beside the file, renamed once complete and on disk: an export that fails or is killed midway
// leaves no file that looks whole, and an older archive of that name stays as it was.
import { open, rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { photoEntries } from '../../src/export/photo-names';
import { writePhotoZip, type PhotoZipReport, type ReadPhoto } from '../../src/export/photo-zip';
import { runExport, type ExportFile } from '../../src/export/run-export';
import type { PhotoEntry } from '../../src/export/photo-names';
import type { Referential } from '../../src/model/referential';
import { readServerExportInput, type CampaignSource } from './export-source';

/** What the zip is made from: a campaign's snapshot, and the images by their SHA-256 (`Store.attachments`). */
export type ZipSource = CampaignSource & { attachments: { get: ReadPhoto } };

/** Writes `photos` and `workbook` as a zip to the file `path`, created or replaced only once it is whole. */
export async function writePhotoZipFile(
  path: string,
  workbook: ExportFile,
  photos: readonly PhotoEntry[],
  read: ReadPhoto,
  exportedAt: Date,
): Promise<PhotoZipReport> {
  const partial = `${path}.${process.pid}.tmp`;
  let file;
  try {
    file = await open(partial, 'wx');
  } catch (error) {
    throw new Error(`Écriture de ${basename(path)} impossible : ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, { cause: error });
  }
  try {
    const report = await writePhotoZip(workbook, photos, read, async (chunk) => {
      for (let at = 0; at < chunk.length;) at += (await file.write(chunk, at, chunk.length - at)).bytesWritten;
    }, exportedAt);
    await file.sync();
    await file.close();
    await rename(partial, path);
    return report;
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}

export interface ExportZip extends PhotoZipReport {
  /** The workbook's name inside the zip (the export's file name). */
  workbookName: string;
}

/** The zip of a campaign, built in this thread (the export CLI) with `referential` (`referentialInForce`). */
export async function exportZipFromServer(
  source: ZipSource,
  campaign: string,
  exportedAt: Date,
  referential: Referential,
  path: string,
): Promise<ExportZip> {
  const input = await readServerExportInput(source, campaign, exportedAt, referential);
  const workbook = runExport(input, 'xlsx', undefined);
  const report = await writePhotoZipFile(path, workbook, photoEntries(input), (sha256) => source.attachments.get(sha256), exportedAt);
  return { ...report, workbookName: workbook.fileName };
}
