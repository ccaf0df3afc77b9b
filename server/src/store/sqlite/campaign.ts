// One campaign as the consolidated export reads it: the head of each fiche (tombstones left out; v1's school fiches
// under a non-derived id are no heads), the device that made each fiche, and the directory, in one read transaction.
import type Database from 'better-sqlite3';
import type { Fiche } from '../../../../src/model/types';
import type { CampaignSnapshot } from '../store';
import { schoolsReader } from './directory';
import { ORIGIN_OF_HEAD } from './changes';

export function sqliteCampaignReader(db: Database.Database): (campaign: string) => CampaignSnapshot {
  // The origin is the sender of the fiche's first stored revision, as the pull tells the tablets.
  const latest = db.prepare(
    `SELECT r.record AS record, ${ORIGIN_OF_HEAD} AS origin
       FROM heads h JOIN revisions r ON r.seq = h.seq
      WHERE h.campaign = ? AND h.deleted = 0`,
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
