// The consolidated export: the head of each fiche of a campaign (its latest stored revision), the device that made
// each fiche and the directory, read at one moment (`readCampaign`, of the Store or of the export worker's own
// read-only connection), then the same pipeline as the tablet's.
import type { ExportInput } from '../../src/export/export-input';
import { runExport, type ExportFile, type ExportFormat } from '../../src/export/run-export';
import type { SheetSlug } from '../../src/export/sheet';
import { REFERENTIAL_V1, type Referential } from '../../src/model/referential';
import type { CampaignReader } from './store/store';

/** What reads a campaign's snapshot: the Store itself, or a `CampaignReader` of another thread. */
export type CampaignSource = Pick<CampaignReader, 'readCampaign'>;

/** The référentiel the server computes with (a tablet's local edit of its prices changes that tablet's export only). */
export const SERVER_REFERENTIAL: Referential = REFERENTIAL_V1;

export async function readServerExportInput(
  source: CampaignSource,
  campaign: string,
  exportedAt: Date,
  referential: Referential = SERVER_REFERENTIAL,
): Promise<ExportInput & { version: string }> {
  const { directory, fiches, deviceOf, version } = await source.readCampaign(campaign);
  return { campaign, directory, fiches, deviceOf, referential, exportedAt, version };
}

export interface ExportJob {
  campaign: string;
  format: ExportFormat;
  /** The CSV's sheet; undefined for the workbook. */
  sheet: SheetSlug | undefined;
  /** ISO 8601: the time the file says it was exported at (the server's clock when it was asked). */
  exportedAt: string;
}

export interface BuiltExport {
  file: ExportFile;
  /** The data version of the snapshot the file was built from (`Store.exportVersion`). */
  version: string;
  readMs: number;
  buildMs: number;
}

/** Reads one snapshot and builds the file from it, timing both: what the export worker runs for each job. */
export async function buildExport(source: CampaignSource, job: ExportJob): Promise<BuiltExport> {
  const start = performance.now();
  const input = await readServerExportInput(source, job.campaign, new Date(job.exportedAt));
  const read = performance.now();
  const file = runExport(input, job.format, job.sheet);
  return { file, version: input.version, readMs: read - start, buildMs: performance.now() - read };
}

export async function exportFromServer(
  source: CampaignSource,
  campaign: string,
  format: ExportFormat,
  sheet: SheetSlug | undefined,
  exportedAt: Date,
): Promise<ExportFile> {
  return runExport(await readServerExportInput(source, campaign, exportedAt), format, sheet);
}
