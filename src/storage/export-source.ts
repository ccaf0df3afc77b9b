// What the tablet's export reads: the directory, the campaign's fiches and where each came from. A fiche was made
// on this device unless the server said another device made it (pulled, its base's origin), or a backup brought it
// from another one and it is still waiting to be sent.
import type { DirectorySchool } from '../model/school';
import type { Fiche } from '../model/types';
import type { AuditDb } from './db';
import { listSchools } from './directory';
import { listCampaignFiches } from './fiche-queries';

export interface DeviceExportSource {
  directory: DirectorySchool[];
  fiches: Fiche[];
  deviceOf: Map<string, string>;
}

export async function readExportSource(db: AuditDb, campaign: string, deviceId: string): Promise<DeviceExportSource> {
  return db.transaction('r', [db.schools, db.fiches, db.outbox, db.bases], async () => {
    const [directory, fiches, imported] = await Promise.all([
      listSchools(db),
      listCampaignFiches(db, campaign),
      db.outbox.filter((entry) => entry.importedFrom !== undefined).toArray(),
    ]);
    const bases = await db.bases.bulkGet(fiches.map((f) => f.id));
    const deviceOf = new Map(fiches.map((f, i) => [f.id, bases[i]?.origin ?? deviceId]));
    for (const entry of imported) if (entry.importedFrom && deviceOf.has(entry.id)) deviceOf.set(entry.id, entry.importedFrom);
    return { directory, fiches, deviceOf };
  });
}
