// Writing and merging device backups. An import is one transaction: it writes all of the plan or nothing.
import type { AuditDb } from './db';
import { announceSaved } from './saved';
import { planImport, BACKUP_FORMAT, BACKUP_VERSION, type DeviceBackup, type ImportPlan } from '../model/backup';
import type { Fiche } from '../model/types';

export async function exportBackup(db: AuditDb, deviceId: string, settings: DeviceBackup['settings'], now = new Date()): Promise<DeviceBackup> {
  return db.transaction('r', [db.fiches, db.outbox], async () => ({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    deviceId,
    fiches: await db.fiches.toArray(),
    unsent: (await db.outbox.toArray()).map(({ id, rev }) => ({ id, rev })),
    settings,
  }));
}

export interface ImportResult extends ImportPlan {
  /** Of `take`: the fiches the device did not hold at all. */
  added: number;
}

/**
 * Merges a backup by id and rev. A fiche taken from it replaces an older revision; if the other device had not
 * sent that revision, it joins this device's outbox, so that it is sent from here. The fiches taken are announced
 * as one batch once the transaction has committed (saved.ts).
 */
export async function importBackup(db: AuditDb, backup: DeviceBackup, now = new Date()): Promise<ImportResult> {
  const result = await mergeBackup(db, backup, now);
  announceSaved(db, result.take, 'backup');
  return result;
}

function mergeBackup(db: AuditDb, backup: DeviceBackup, now: Date): Promise<ImportResult> {
  const unsent = new Set(backup.unsent.map((e) => `${e.id}:${e.rev}`));
  return db.transaction('rw', [db.fiches, db.outbox], async () => {
    const ids = backup.fiches.map((f) => f.id);
    const held = new Map<string, Fiche>();
    for (const fiche of await db.fiches.bulkGet(ids)) if (fiche) held.set(fiche.id, fiche);
    // An unsent revision of this device (or of another backup) is never overwritten by this one.
    const editedHere = new Set<string>();
    for (const entry of await db.outbox.bulkGet(ids)) if (entry && entry.importedFrom !== backup.deviceId) editedHere.add(entry.id);
    const plan = planImport(backup.fiches, held, editedHere);
    await db.fiches.bulkPut(plan.take);
    const queued = plan.take.filter((f) => unsent.has(`${f.id}:${f.rev}`));
    await db.outbox.bulkPut(
      queued.map((record) => ({ id: record.id, rev: record.rev, record, queuedAt: now.toISOString(), importedFrom: backup.deviceId })),
    );
    return { ...plan, added: plan.take.filter((f) => !held.has(f.id)).length };
  });
}
