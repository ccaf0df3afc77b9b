// The consolidated export: the head of each fiche of a campaign (its latest stored revision), the device that made
// each fiche and the directory, read at one moment (`readCampaign`, of the Store or of the export worker's own
// read-only connection), then the same pipeline as the tablet's, with the référentiel in force (referential.ts).
import type { ExportInput } from '../../src/export/export-input';
import { runExport, type ExportFile, type ExportFormat } from '../../src/export/run-export';
import type { SheetSlug } from '../../src/export/sheet';
import type { Referential } from '../../src/model/referential';
import type { CampaignReader } from './store/store';

/** What reads a campaign's snapshot: the Store itself, or a `CampaignReader` of another thread. */
export type CampaignSource = Pick<CampaignReader, 'readCampaign'>;

/**
 * The version an export is tagged and kept by: the data's and the référentiel's (its figures are computed with it), so
 * that publishing a référentiel changes every export's ETag. A published version never changes (append-only).
 */
export function exportDataVersion(dataVersion: string, referential: Pick<Referential, 'version'>): string {
  return `${dataVersion} référentiel ${referential.version}`;
}

export async function readServerExportInput(
  source: CampaignSource,
  campaign: string,
  exportedAt: Date,
  referential: Referential,
): Promise<ExportInput & { version: string }> {
  const { directory, fiches, deviceOf, version } = await source.readCampaign(campaign);
  return { campaign, directory, fiches, deviceOf, referential, exportedAt, version: exportDataVersion(version, referential) };
}

export interface ExportJob {
  campaign: string;
  format: ExportFormat;
  /** The CSV's sheet; undefined for the workbook. */
  sheet: SheetSlug | undefined;
  /** ISO 8601: the time the file says it was exported at (the server's clock when it was asked). */
  exportedAt: string;
  /** The référentiel in force when it was asked (`referentialInForce`): the worker reads no référentiel itself. */
  referential: Referential;
}

export interface BuiltExport {
  file: ExportFile;
  /** The version of the snapshot and référentiel the file was built from (`exportDataVersion`). */
  version: string;
  readMs: number;
  buildMs: number;
}

/** Reads one snapshot and builds the file from it, timing both: what the export worker runs for each job. */
export async function buildExport(source: CampaignSource, job: ExportJob): Promise<BuiltExport> {
  const start = performance.now();
  const input = await readServerExportInput(source, job.campaign, new Date(job.exportedAt), job.referential);
  const read = performance.now();
  const file = runExport(input, job.format, job.sheet);
  return { file, version: input.version, readMs: read - start, buildMs: performance.now() - read };
}

/** The file of one campaign, built in this thread (the export CLI) with `referential` (`referentialInForce`). */
export async function exportFromServer(
  source: CampaignSource,
  campaign: string,
  format: ExportFormat,
  sheet: SheetSlug | undefined,
  exportedAt: Date,
  referential: Referential,
): Promise<ExportFile> {
  return runExport(await readServerExportInput(source, campaign, exportedAt, referential), format, sheet);
}
