// One campaign as the consolidated export reads it: every device's latest revision of each fiche (tombstones left
// out), the device that made each fiche, and the directory, in one read transaction.
import type Database from 'better-sqlite3';
import type { Fiche } from '../../../../src/model/types';
import type { CampaignSnapshot } from '../store';
import { schoolsReader } from './directory';

export function sqliteCampaignReader(db: Database.Database): (campaign: string) => CampaignSnapshot {
  // The origin is the sender of the first revision the server received: a lower revision that arrives later,
  // answered "superseded", does not change it.
  const latest = db.prepare(
    `SELECT f.record AS record,
            (SELECT o.device_id FROM revisions o WHERE o.id = f.id ORDER BY o.received_at, o.rev LIMIT 1) AS origin
       FROM fiches f
      WHERE f.campaign = ? AND f.deleted = 0`,
  );
  const readSchools = schoolsReader(db);
  // DEFERRED: a read transaction, so fiches and directory come from the same moment.
  return db.transaction((campaign: string): CampaignSnapshot => {
    const fiches: Fiche[] = [];
    const deviceOf = new Map<string, string>();
    for (const row of latest.all(campaign) as Array<{ record: string; origin: string }>) {
      const fiche = JSON.parse(row.record) as Fiche;
      fiches.push(fiche);
      deviceOf.set(fiche.id, row.origin);
    }
    return { directory: readSchools(), fiches, deviceOf };
  }).deferred;
}
