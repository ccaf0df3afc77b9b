// What the consolidated export reads: every device's latest revision of each fiche of a campaign (tombstones left
// out), the device that made each fiche (the sender of the first revision the server received: a lower revision
// that arrives later, answered "superseded", does not change it), and the directory.
import type { ExportInput } from '../../src/export/export-input';
import { runExport, type ExportFile, type ExportFormat } from '../../src/export/run-export';
import type { SheetSlug } from '../../src/export/sheet';
import { REFERENTIAL_V1, type Referential } from '../../src/model/referential';
import type { Fiche } from '../../src/model/types';
import { listSchools } from './schools-route';
import type { Db } from './store';

export function readServerExportInput(db: Db, campaign: string, exportedAt: Date, referential: Referential = REFERENTIAL_V1): ExportInput {
  // One read transaction: fiches and directory from the same moment, whatever devices send meanwhile.
  return db.transaction(() => {
    const rows = db
      .prepare(
        `SELECT f.record AS record,
                (SELECT o.device_id FROM revisions o WHERE o.id = f.id ORDER BY o.received_at, o.rev LIMIT 1) AS origin
           FROM fiches f
          WHERE f.campaign = ? AND f.deleted = 0`,
      )
      .all(campaign) as Array<{ record: string; origin: string }>;
    const fiches: Fiche[] = [];
    const deviceOf = new Map<string, string>();
    for (const row of rows) {
      const fiche = JSON.parse(row.record) as Fiche;
      fiches.push(fiche);
      deviceOf.set(fiche.id, row.origin);
    }
    return { campaign, directory: listSchools(db), fiches, deviceOf, referential, exportedAt };
  }).deferred();
}

export function exportFromServer(db: Db, campaign: string, format: ExportFormat, sheet: SheetSlug | undefined, exportedAt: Date): ExportFile {
  return runExport(readServerExportInput(db, campaign, exportedAt), format, sheet);
}
