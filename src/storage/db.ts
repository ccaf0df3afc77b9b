// The device's database: the school directory, the fiches (latest revision of each), the outbox of revisions
// not yet acknowledged by the server, and the drafts of forms being typed. The only module that defines Dexie tables.
import Dexie, { type EntityTable } from 'dexie';
import type { DirectorySchool } from '../model/school';
import type { ClassroomData, Fiche, FicheKind, FieldError, SchoolData } from '../model/types';
import { DEFAULT_DB_NAME } from './db-name';

export { DEFAULT_DB_NAME };

export interface OutboxEntry {
  /** The fiche's id: the outbox holds the latest unacknowledged revision of each fiche. */
  id: string;
  rev: number;
  record: Fiche;
  queuedAt: string;
  /** Set when the revision came in a backup from another device (its id); absent for an edit made here. */
  importedFrom?: string;
  /** Set when the server refused this revision (invalid) or holds another content for it (conflict): it stays,
   * visible, and is not sent again until a new edit replaces it. */
  refusal?: { status: 'invalid' | 'conflict'; errors: FieldError[]; at: string };
}

/** What a form holds right now, valid or not, written on every edit so that a killed tab loses nothing. */
export interface Draft {
  id: string;
  kind: FicheKind;
  uai: string;
  campaign: string;
  data: SchoolData | ClassroomData;
  editedAt: string;
}

export class AuditDb extends Dexie {
  schools!: EntityTable<DirectorySchool, 'uai'>;
  fiches!: EntityTable<Fiche, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'id'>;
  drafts!: EntityTable<Draft, 'id'>;

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    // Version 1 is released: change it only through a new version with a migration.
    this.version(1).stores({
      schools: 'uai, communeCode, circonscription, chefDeFile',
      fiches: 'id, [campaign+uai], updatedAt',
      outbox: 'id, queuedAt',
      drafts: 'id',
    });
  }
}

let shared: AuditDb | undefined;

/** The app's database, opened on first use. */
export function appDb(): AuditDb {
  shared ??= new AuditDb();
  return shared;
}
