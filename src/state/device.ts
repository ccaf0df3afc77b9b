// The device backup file: export, and import merged by id and rev. The fiches an import takes reach the campaign's
// fiches and the gaps as one batch announced by the store (storage/saved.ts).
import { BackupPhotoError, exportBackup, importBackup } from '../storage/backup';
import { getDeviceId } from '../storage/prefs';
import { readBackup } from '../model/backup';
import { auditor, campaign } from './session';
import { referential } from './referential';
import { deviceDb } from './device-db';
import { saveFile } from './download';
import { fileStamp } from '../export/paris-time';

export async function downloadBackup(): Promise<string> {
  const deviceId = await getDeviceId();
  const backup = await exportBackup(deviceDb(), deviceId, { auditor: auditor.value, campaign: campaign.value, referential: referential.value });
  // Paris time, as the export's files: a backup made at 00:30 in Paris is named after that day.
  const name = `tne13-sauvegarde-${deviceId.slice(0, 8)}-${fileStamp(new Date(backup.exportedAt))}.json`;
  saveFile([JSON.stringify(backup)], name, 'application/json');
  return name;
}

export type ImportReport =
  | { ok: true; added: number; updated: number; skipped: number; conflicts: Array<{ id: string; rev: number }> }
  | { ok: false; message: string };

export async function importBackupFile(text: string): Promise<ImportReport> {
  const reading = readBackup(text);
  if (!reading.ok) return reading;
  let result: Awaited<ReturnType<typeof importBackup>>;
  try {
    result = await importBackup(deviceDb(), reading.backup);
  } catch (error) {
    if (error instanceof BackupPhotoError) return { ok: false, message: error.message };
    throw error;
  }
  return {
    ok: true,
    added: result.added,
    updated: result.take.length - result.added,
    skipped: result.skipped.length,
    conflicts: result.conflicts.map(({ id, rev }) => ({ id, rev })),
  };
}
