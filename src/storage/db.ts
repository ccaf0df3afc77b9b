// The device's database: the school directory, the fiches (latest state of each), the outbox of edits not yet
// acknowledged by the server, the drafts of forms being typed, the sync's state (bases, arbitrations, cursor) and
// the images of the photos. The only module that defines Dexie tables.
import Dexie, { type EntityTable } from 'dexie';
import type { DirectorySchool } from '../model/school';
import type { ClassroomData, Fiche, FicheKind, FieldError, PhotoType, SchoolData } from '../model/types';
import type { Head, PushRecord } from '../model/sync-protocol';
import type { Base } from '../model/merge/reconcile';
import { DEFAULT_DB_NAME } from './db-name';
import { migrateToV2 } from './migrate-v2';

export type { Base };

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
  refusal?: { status: 'invalid' | 'forbidden'; errors: FieldError[]; at: string };
  /** The state last pushed whose answer never came (dropped, reset, a restart): pushed again as it was, on its base,
   * before any later edit, so that `duplicate` says whether the server stored it. A later edit pushed in its place
   * would meet the device's own stored revision as a `conflict` and collide with itself ("À arbitrer"). */
  sent?: { rev: number; record: PushRecord };
}

/** A fiche whose edit collides with the server's head on some field: held, not sent, until the user chooses. */
export interface Arbitration {
  id: string;
  /** The head to merge with; the conflicts are computed again from it, the base and the fiche as they are now. */
  head: Head;
  at: string;
}

/** Something the user should know about a merge ("supprimée sur une autre tablette : vos modifications l'ont conservée"). */
export interface SyncNotice {
  seq?: number;
  ficheId: string;
  message: string;
  at: string;
}

/** Small state of the sync kept with the data it describes (the pull's cursor, written with each page). */
export interface Meta {
  key: string;
  value: string;
}

/** What a form holds right now, valid or not, written on every edit so that a killed tab loses nothing. */
export interface Draft {
  id: string;
  kind: FicheKind;
  uai: string;
  campaign: string;
  data: SchoolData | ClassroomData;
  /** The fiche's data the typing started from (absent in drafts written before it was kept): a fiche that changed
   * since, through a sync, gets the typing carried onto it rather than replaced by it (typed-draft.ts). */
  base?: SchoolData | ClassroomData;
  editedAt: string;
}

/**
 * A photo's image on the device, by the SHA-256 of its bytes (what the fiches reference and the server stores it
 * under). `blob` goes once the server holds it and the user frees the space; the thumbnail stays, for the form.
 */
export interface StoredPhoto {
  sha256: string;
  type: PhotoType;
  /** Of the full image (blob.size), also once the blob is freed. */
  bytes: number;
  blob?: Blob;
  thumbnail?: Blob;
  /** When the server answered that it holds the image (PUT 200/201, or it came from a GET): never uploaded again. */
  uploadedAt?: string;
  storedAt: string;
}

export class AuditDb extends Dexie {
  schools!: EntityTable<DirectorySchool, 'uai'>;
  fiches!: EntityTable<Fiche, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'id'>;
  drafts!: EntityTable<Draft, 'id'>;
  bases!: EntityTable<Base, 'id'>;
  arbitrations!: EntityTable<Arbitration, 'id'>;
  notices!: EntityTable<SyncNotice, 'seq'>;
  meta!: EntityTable<Meta, 'key'>;
  photos!: EntityTable<StoredPhoto, 'sha256'>;

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    // Version 1 is released: change it only through a new version with a migration.
    this.version(1).stores({
      schools: 'uai, communeCode, circonscription, chefDeFile',
      fiches: 'id, [campaign+uai], updatedAt',
      outbox: 'id, queuedAt',
      drafts: 'id',
    });
    // Version 2 (sync v2): the base of each fiche edited here, fiches "À arbitrer", merge notices, the pull's
    // cursor; school fiches renamed to their derived id and fleets given ids (migrate-v2.ts).
    this.version(2)
      .stores({ bases: 'id', arbitrations: 'id', notices: '++seq, ficheId', meta: 'key' })
      .upgrade((tx) => migrateToV2(tx));
    // Version 3 (issue 17): the images of the fiches' photos. Indexed by `uploadedAt` only: a row without it is not in
    // that index, so "the photos the server holds" is one range, and the rest are read by the hashes a fiche names.
    this.version(3).stores({ photos: 'sha256, uploadedAt' });
  }
}

let shared: AuditDb | undefined;

/** The app's database, opened on first use. */
export function appDb(): AuditDb {
  shared ??= new AuditDb();
  return shared;
}
