// The device backup file: export, and import merged by id and rev.
import type { AuditDb } from '../storage/db';
import { exportBackup, importBackup } from '../storage/backup';
import { getDeviceId } from '../storage/prefs';
import { readBackup } from '../model/backup';
import { auditor, campaign } from './session';
import { referential } from './referential';
import { loadCampaignFiches } from './audits';
import { recomputeGaps } from './gaps';
import { saveFile } from './download';
import { fileStamp } from '../export/paris-time';

export async function downloadBackup(db: AuditDb): Promise<string> {
  const deviceId = await getDeviceId();
  const backup = await exportBackup(db, deviceId, { auditor: auditor.value, campaign: campaign.value, referential: referential.value });
  // Paris time, as the export's files: a backup made at 00:30 in Paris is named after that day.
  const name = `tne13-sauvegarde-${deviceId.slice(0, 8)}-${fileStamp(new Date(backup.exportedAt))}.json`;
  saveFile([JSON.stringify(backup)], name, 'application/json');
  return name;
}

export type ImportReport =
  | { ok: true; added: number; updated: number; skipped: number; conflicts: Array<{ id: string; rev: number }> }
  | { ok: false; message: string };

export async function importBackupFile(db: AuditDb, text: string): Promise<ImportReport> {
  const reading = readBackup(text);
  if (!reading.ok) return reading;
  const result = await importBackup(db, reading.backup);
  await loadCampaignFiches(db, campaign.value);
  void recomputeGaps();
  return {
    ok: true,
    added: result.added,
    updated: result.take.length - result.added,
    skipped: result.skipped.length,
    conflicts: result.conflicts.map(({ id, rev }) => ({ id, rev })),
  };
}
