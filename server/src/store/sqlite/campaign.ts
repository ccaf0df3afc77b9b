// One campaign as the consolidated export reads it: the head of each fiche (tombstones left out; v1's school fiches
// under a non-derived id are no heads), the device that made each fiche, and the directory, in one read transaction;
// and the data version the export is cached by: the campaign's last head seq and the directory's fingerprint.
import Database from 'better-sqlite3';
import type { DirectorySchool } from '../../../../src/model/school';
import type { Fiche } from '../../../../src/model/types';
import type { CampaignReader, CampaignSnapshot } from '../store';
import { directoryFingerprint, schoolRecordsReader } from './directory';
import { ORIGIN_OF_HEAD } from '../head-row';

const BUSY_TIMEOUT_MS = 5_000;

/** Every stored revision gets a seq above all before it, so a new head of the campaign raises its largest seq. */
function lastSeqReader(db: Database.Database): (campaign: string) => number {
  const lastSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM heads WHERE campaign = ?').pluck();
  return (campaign) => lastSeq.get(campaign) as number;
}

const versionOf = (lastSeq: number, directory: string): string => `${lastSeq}.${directory}`;

export function sqliteCampaignReader(db: Database.Database): (campaign: string) => CampaignSnapshot {
  // The origin is the sender of the fiche's first stored revision, as the pull tells the tablets.
  const latest = db.prepare(
    `SELECT r.record AS record, ${ORIGIN_OF_HEAD} AS origin
       FROM heads h JOIN revisions r ON r.seq = h.seq
      WHERE h.campaign = ? AND h.deleted = 0`,
  );
  const readSchools = schoolRecordsReader(db);
  const lastSeq = lastSeqReader(db);
  // DEFERRED: a read transaction, so fiches, directory and version come from the same moment.
  return db.transaction((campaign: string): CampaignSnapshot => {
    const fiches: Fiche[] = [];
    const deviceOf = new Map<string, string>();
    for (const row of latest.all(campaign) as Array<{ record: string; origin: string }>) {
      const fiche = JSON.parse(row.record) as Fiche;
      fiches.push(fiche);
      deviceOf.set(fiche.id, row.origin);
    }
    const schools = readSchools();
    const version = versionOf(lastSeq(campaign), directoryFingerprint(schools));
    return { directory: schools.map((record) => JSON.parse(record) as DirectorySchool), fiches, deviceOf, version };
  }).deferred;
}

/**
 * The export version on the server's own connection, as `sqliteCampaignReader` computes it. The directory's
 * fingerprint (a few milliseconds for 1,200 schools) is kept until the directory may have changed: a replacement
 * committed here (`directoryReplaced`) or any commit by another connection (`PRAGMA data_version`, e.g. `npm run import`).
 */
export function sqliteExportVersion(db: Database.Database): { exportVersion: (campaign: string) => string; directoryReplaced: () => void } {
  const lastSeq = lastSeqReader(db);
  const readSchools = schoolRecordsReader(db);
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let replacements = 0;
  let memo: { at: string; fingerprint: string } | null = null;
  const exportVersion = db.transaction((campaign: string): string => {
    const at = `${dataVersion.get() as number}.${replacements}`;
    if (memo?.at !== at) memo = { at, fingerprint: directoryFingerprint(readSchools()) };
    return versionOf(lastSeq(campaign), memo.fingerprint);
  }).deferred;
  return { exportVersion, directoryReplaced: () => (replacements += 1) };
}

/** A read-only connection to the file at `path`, for the export worker (WAL: readers never wait for the writer). */
export function openSqliteCampaignReader(path: string): CampaignReader {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const readCampaign = sqliteCampaignReader(db);
  return {
    async readCampaign(campaign) {
      return readCampaign(campaign);
    },
    async close() {
      db.close();
    },
  };
}
