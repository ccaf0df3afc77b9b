// The consolidated export: the head of each fiche of a campaign (its latest stored revision), the device that made
// each fiche and the directory, read at one moment (`Store.readCampaign`), then the same pipeline as the tablet's.
import type { ExportInput } from '../../src/export/export-input';
import { runExport, type ExportFile, type ExportFormat } from '../../src/export/run-export';
import type { SheetSlug } from '../../src/export/sheet';
import { REFERENTIAL_V1, type Referential } from '../../src/model/referential';
import type { Store } from './store/store';

export async function readServerExportInput(
  store: Store,
  campaign: string,
  exportedAt: Date,
  referential: Referential = REFERENTIAL_V1,
): Promise<ExportInput> {
  return { campaign, ...(await store.readCampaign(campaign)), referential, exportedAt };
}

export async function exportFromServer(
  store: Store,
  campaign: string,
  format: ExportFormat,
  sheet: SheetSlug | undefined,
  exportedAt: Date,
): Promise<ExportFile> {
  return runExport(await readServerExportInput(store, campaign, exportedAt), format, sheet);
}
