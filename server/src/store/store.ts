// What the server keeps, behind one small interface: routes and CLIs call only this, never SQL. The SQLite store
// (`sqlite/`) implements it today; the PostgreSQL store of issue 16 will implement the same methods.
//
// Every method returns a Promise and is one transaction on its own. better-sqlite3 answers synchronously, but
// PostgreSQL's Node drivers (pg, postgres) answer only asynchronously: a synchronous interface could not be
// implemented there. And since no transaction spans two calls, a caller never holds one open across an `await`;
// where a change must read and write together (the directory merge), the caller hands the store a pure function
// that the store runs inside the transaction.
import type { DirectorySchool } from '../../../src/model/school';
import type { Fiche } from '../../../src/model/types';

/** Who sent a batch and when: recorded on every revision and conflict it holds. */
export interface Sender {
  deviceId: string;
  tokenOwner: string;
  /** ISO 8601, the server's clock. */
  receivedAt: string;
}

/** A record that passed validation: the validated fiche, and the record as sent in canonical JSON (compared as is). */
export interface ValidRevision {
  fiche: Fiche;
  record: string;
}

/** What became of a valid revision (sync.md); `invalid` is decided before the store is asked. */
export type StoredStatus = 'stored' | 'duplicate' | 'superseded' | 'conflict';

export interface TokenOwner {
  owner: string;
  createdAt: string;
}

/** Access tokens, by the SHA-256 of the token: the store never sees a token in clear. */
export interface TokenStore {
  add(hash: string, owner: string, createdAt: string): Promise<void>;
  /** The owner of the token with this hash, or null when there is none. */
  ownerOf(hash: string): Promise<string | null>;
  list(): Promise<TokenOwner[]>;
  hasAny(): Promise<boolean>;
}

/** The append-only history of every revision sent, and the copies that conflicted with a held one. */
export interface RevisionStore {
  /**
   * Appends a batch in one transaction (all of it or nothing) and answers one status per revision, in order: a
   * held (id, rev) with the same record is a duplicate, with another record a conflict (kept aside once per
   * content); a revision below the highest held for its fiche is superseded, else stored.
   */
  append(revisions: readonly ValidRevision[], sender: Sender): Promise<StoredStatus[]>;
}

/** A change of the directory, computed from what is held: a pure function, run inside the store's transaction. */
export type DirectoryChange<T extends { schools: readonly DirectorySchool[] }> = (
  current: readonly DirectorySchool[],
  hasFiches: (uai: string) => boolean,
) => T;

export interface DirectoryStore {
  /** Every school, closed ones included, by UAI. */
  list(): Promise<DirectorySchool[]>;
  /**
   * Makes the directory `change(…).schools`, reading what it needs (the directory, the UAIs that fiches hang on)
   * and writing in one transaction: a failure leaves the previous directory whole, and no fiche can arrive between
   * the read and the write. Answers what `change` returned.
   */
  replace<T extends { schools: readonly DirectorySchool[] }>(change: DirectoryChange<T>): Promise<T>;
}

/** One campaign as the consolidated export reads it, taken at one moment. */
export interface CampaignSnapshot {
  directory: DirectorySchool[];
  /** The latest revision of each fiche of the campaign; tombstones left out. */
  fiches: Fiche[];
  /** The device that made each fiche: the sender of the first revision received (a later, lower rev changes nothing). */
  deviceOf: Map<string, string>;
}

export interface Store {
  readonly tokens: TokenStore;
  readonly revisions: RevisionStore;
  readonly directory: DirectoryStore;
  /** Fiches and directory read in one transaction, whatever devices send meanwhile. */
  readCampaign(campaign: string): Promise<CampaignSnapshot>;
  /** Resolves when the store answers a trivial query (GET /api/v1/health). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
