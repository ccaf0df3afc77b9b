// Writing and merging device backups. An import is one transaction: it writes all of the plan or nothing.
import type { AuditDb } from './db';
import { announceSaved } from './saved';
import { base64ToBytes, bytesToBase64, planImport, BACKUP_FORMAT, BACKUP_VERSION, type DeviceBackup, type ImportPlan } from '../model/backup';
import type { Fiche } from '../model/types';
import { putPhotos, sha256Of, type NewPhoto, type StoredPhoto } from './photos';

/** Every fiche, the revisions unsent and the images the server does not hold yet that a fiche names, read at one moment. */
export async function exportBackup(db: AuditDb, deviceId: string, settings: DeviceBackup['settings'], now = new Date()): Promise<DeviceBackup> {
  const { fiches, unsent, waiting } = await db.transaction('r', [db.fiches, db.outbox, db.photos], async () => ({
    fiches: await db.fiches.toArray(),
    unsent: (await db.outbox.toArray()).map(({ id, rev }) => ({ id, rev })),
    waiting: await db.photos.filter((row) => row.blob !== undefined && row.uploadedAt === undefined).toArray(),
  }));
  const named = new Set(fiches.flatMap((fiche) => (fiche.data.photos ?? []).map((p) => p.sha256)));
  // Read outside the transaction: reading a blob is not IndexedDB work, and the transaction would end while it waits.
  const photos = await Promise.all(
    waiting.filter((row) => named.has(row.sha256)).map(async (row: StoredPhoto) => ({
      sha256: row.sha256, type: row.type, base64: bytesToBase64(new Uint8Array(await (row.blob as Blob).arrayBuffer())),
    })),
  );
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now.toISOString(), deviceId, fiches, unsent, photos, settings };
}

/** A backup whose image does not hash to its name: refused whole, like a file with an invalid fiche. */
export class BackupPhotoError extends Error {
  constructor(index: number) {
    super(`Photo n° ${index + 1} de la sauvegarde abîmée : son contenu ne correspond pas à son empreinte. Rien n'a été importé.`);
    this.name = 'BackupPhotoError';
  }
}

async function photosOf(backup: DeviceBackup): Promise<NewPhoto[]> {
  return Promise.all(
    (backup.photos ?? []).map(async ({ sha256, type, base64 }, index) => {
      const blob = new Blob([base64ToBytes(base64)], { type });
      if ((await sha256Of(blob)) !== sha256) throw new BackupPhotoError(index);
      return { sha256, type, bytes: blob.size, blob };
    }),
  );
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
  const photos = await photosOf(backup);
  const result = await mergeBackup(db, backup, photos, now);
  announceSaved(db, result.take, 'backup');
  return result;
}

function mergeBackup(db: AuditDb, backup: DeviceBackup, photos: readonly NewPhoto[], now: Date): Promise<ImportResult> {
  const unsent = new Set(backup.unsent.map((e) => `${e.id}:${e.rev}`));
  // The images with the fiches that name them: a fiche taken never names an image this tablet lacks.
  return db.transaction('rw', [db.fiches, db.outbox, db.photos], async () => {
    await putPhotos(db, photos, now);
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
