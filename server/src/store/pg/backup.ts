// A PostgreSQL database is backed up with PostgreSQL's own tools, which copy it consistently while the servers run
// and restore it into any cluster: the store does not write a file of its own.
import type { BackupSummary } from '../store';

export const PG_BACKUP_REFUSAL =
  'La base PostgreSQL se sauvegarde avec les outils de PostgreSQL, pas avec « npm run backup » : ' +
  'utilisez pg_dump (par exemple « pg_dump --format=custom --file=tne13.dump "$DATABASE_URL" », ' +
  'restauration avec pg_restore), ou la sauvegarde de votre hébergeur PostgreSQL.';

export async function pgBackup(): Promise<BackupSummary> {
  throw new Error(PG_BACKUP_REFUSAL);
}
