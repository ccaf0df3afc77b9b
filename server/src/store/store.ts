// What the server keeps, behind one small interface: routes and CLIs call only this, never SQL. The SQLite store
// (`sqlite/`, the default) and the PostgreSQL store (`pg/`, chosen by DATABASE_URL) implement the same methods.
//
// Every method returns a Promise and is one transaction on its own. better-sqlite3 answers synchronously, but
// PostgreSQL's Node drivers (pg, postgres) answer only asynchronously: a synchronous interface could not be
// implemented there. And since no transaction spans two calls, a caller never holds one open across an `await`;
// where a change must read and write together (the directory merge), the caller hands the store a pure function
// that the store runs inside the transaction.
import type { DirectorySchool } from '../../../src/model/school';
import type { Head, PushRecord } from '../../../src/model/sync-protocol';
import type { Fiche, PhotoType } from '../../../src/model/types';
import type { Role } from '../roles';
import type { SheetSlug } from '../../../src/export/sheet';

/** Who sent a batch and when: recorded on every revision and conflict it holds. */
export interface Sender {
  deviceId: string;
  tokenOwner: string;
  /** ISO 8601, the server's clock. */
  receivedAt: string;
}

/**
 * What became of a pushed record (sync.md v2). `invalid` and `forbidden` are decided before the store is asked,
 * except `unheld-base`: a `baseRev` above 0 for a fiche the store has never held, which the caller answers `invalid`
 * (path `baseRev`).
 */
export type PushOutcome =
  | { status: 'stored' | 'duplicate'; rev: number; seq: number }
  | { status: 'conflict'; head: Head }
  | { status: 'unheld-base' };

/** GET /api/v1/changes, as the store reads it. */
export interface ChangesQuery {
  campaign: string;
  /** Heads whose seq is above this one; 0 for every head. */
  since: number;
  /** The most heads answered. */
  limit: number;
  /**
   * Filters, a union: a fiche of a school whose directory circonscription label is one of `circonscriptions`, or
   * whose UAI is one of `uais`. Both empty: every fiche of the campaign.
   */
  circonscriptions: readonly string[];
  uais: readonly string[];
}

/** A token as the store holds it (never the token itself). */
export interface TokenRecord {
  /** A short, stable number that the CLI lists and revokes by; never reused. */
  id: number;
  owner: string;
  role: Role;
  /** ISO 8601, the server's clock. */
  createdAt: string;
  /** AAAA-MM-JJ: the last day it is valid, Paris time; null when it never expires. */
  expiresOn: string | null;
  /** ISO 8601; null while it is not revoked. */
  revokedAt: string | null;
}

export type NewToken = Pick<TokenRecord, 'owner' | 'role' | 'createdAt' | 'expiresOn'> & { hash: string };

/** Access tokens, by the SHA-256 of the token: the store never sees a token in clear. */
export interface TokenStore {
  /** Keeps a new token and answers its id. */
  add(token: NewToken): Promise<number>;
  /** The token with this hash, revoked or expired ones included, or null when there is none. */
  find(hash: string): Promise<TokenRecord | null>;
  /** Every token, by id. */
  list(): Promise<TokenRecord[]>;
  /**
   * Revokes the token `id` at `at` (ISO 8601) and answers it as it now is; a token already revoked keeps its first
   * revocation time. Null when there is no token `id`.
   */
  revoke(id: number, at: string): Promise<TokenRecord | null>;
  hasAny(): Promise<boolean>;
}

/**
 * The append-only history of every stored revision (with its device, token owner, arrival time and `seq`), each
 * fiche's head (its latest revision), and the conflicting copies kept aside.
 */
export interface RevisionStore {
  /**
   * Judges a batch of validated, normalised records in one transaction (all of it or nothing), one outcome per
   * record in order, each record judged against the heads left by the ones before it:
   * - `duplicate` when the revision made on `baseRev` (rev baseRev + 1) holds this same content (`contentOf`);
   * - `stored` when `baseRev` is the head's rev (or 0 for a fiche never held): the record, with `rev` = baseRev + 1
   *   and without `baseRev`, becomes the head, with a new `seq` above every seq given before;
   * - `unheld-base` when `baseRev` > 0 for a fiche never held;
   * - `conflict` otherwise (a stale or forged base): the head is answered, nothing is stored as a head, and the sent
   *   copy is kept aside once per content (sending it again changes nothing).
   */
  push(records: readonly PushRecord[], sender: Sender): Promise<PushOutcome[]>;
  /**
   * The heads of `query.campaign` in scope whose seq is above `query.since`, tombstones included, by seq, at most
   * `query.limit`. A store must never let a reader see a seq while a smaller one may still be committed: a cursor
   * would skip it (SQLite serialises writers; PostgreSQL will need to take care).
   */
  changes(query: ChangesQuery): Promise<Head[]>;
  /**
   * Every stored revision of the fiche `id` and every conflicting copy kept aside for it, each list oldest first,
   * read in one transaction; null when no revision of it is held.
   */
  history(id: string): Promise<FicheHistory | null>;
}

/** One stored revision of a fiche, with who sent it and when (sync.md "History kept"). */
export interface StoredRevision {
  rev: number;
  seq: number;
  deviceId: string;
  tokenOwner: string;
  /** ISO 8601, the server's clock. */
  receivedAt: string;
  /** The record as stored: with its `rev`, without `baseRev`. */
  record: Fiche;
}

/** A copy that conflicted with the head, kept aside (sync.md "Push", `conflict`). */
export interface KeptConflict {
  /** The head's rev when it arrived. */
  headRev: number;
  /** The rev it was made on; null for a copy kept by a v1 server, which did not say. */
  baseRev: number | null;
  deviceId: string;
  tokenOwner: string;
  /** ISO 8601, the server's clock. */
  receivedAt: string;
  /** The copy as kept: the validated, normalised record as sent (with its `baseRev`). */
  record: Record<string, unknown>;
}

export interface FicheHistory {
  id: string;
  /** By seq: the order they arrived in. */
  revisions: StoredRevision[];
  /** In the order they arrived. */
  conflicts: KeptConflict[];
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
  /** The head of each fiche of the campaign; tombstones left out. */
  fiches: Fiche[];
  /** The device that made each fiche: the sender of its first stored revision. */
  deviceOf: Map<string, string>;
  /** The data version of what was read: what `Store.exportVersion` answered at that same moment. */
  version: string;
}

/**
 * The export's read from another thread (the export worker): a read-only connection of its own, so that reading and
 * parsing every head never runs on the thread that answers requests.
 */
export interface CampaignReader {
  /** As `Store.readCampaign`: heads, directory and version read in one transaction. */
  readCampaign(campaign: string): Promise<CampaignSnapshot>;
  close(): Promise<void>;
}

/**
 * What the audit log keeps (issue 14): an administrator's act (tokens, directory import, backup, référentiel) or an export, each one entry, with when (ISO 8601, the
 * server's clock) and by whom: the system account that ran a CLI, or the owner of the token of a request.
 */
export type AuditEvent =
  | { kind: 'token-created'; at: string; by: string; token: { id: number; owner: string; role: Role; expiresOn: string | null } }
  | { kind: 'token-revoked'; at: string; by: string; token: { id: number; owner: string; role: Role } }
  | { kind: 'export'; at: string; by: string; campaign: string; format: 'xlsx' | 'csv'; sheet: SheetSlug | null }
  | { kind: 'directory-import'; at: string; by: string; files: string[]; kept: number; added: number; updated: number; closed: number; refused: number }
  | { kind: 'backup'; at: string; by: string; destination: string }
  /** `by`: the token's owner (PUT /api/v1/referential) or the system account (`npm run referential`), as `via` says. */
  | { kind: 'referential-published'; at: string; by: string; via: 'api' | 'cli'; version: string };

/**
 * The failed authentications (401) of one address in one minute: one entry however many there were, so that an
 * attack grows the log by a row a minute, not a row a request. Past `FAILED_AUTH_ADDRESSES_PER_MINUTE` addresses in a
 * minute, the others are counted together under the address `*`.
 */
export interface FailedAuthCount {
  kind: 'failed-auth';
  /** The minute's start, ISO 8601 (`2026-11-29T10:12:00.000Z`). */
  at: string;
  address: string;
  count: number;
}

export type AuditEntry = AuditEvent | FailedAuthCount;

/** The most addresses a minute's failed authentications are counted under, one row each; `*` counts the rest. */
export const FAILED_AUTH_ADDRESSES_PER_MINUTE = 100;
export const OTHER_ADDRESSES = '*';

export interface AuditQuery {
  /** ISO 8601: entries at or after it; all when absent. */
  since?: string;
  /** The most entries answered, the latest ones; all when absent. */
  limit?: number;
}

/** The audit log: append-only, except that a minute's count of failed authentications grows. */
export interface AuditStore {
  record(event: AuditEvent): Promise<void>;
  /** Counts one failed authentication from `address` in the minute of `at`. */
  failedAuth(address: string, at: Date): Promise<void>;
  /** The entries asked for, oldest first (a minute's count at its minute). */
  list(query?: AuditQuery): Promise<AuditEntry[]>;
}

/** What a backup holds, read back from the copy once it is written. */
export interface BackupSummary {
  /** Revisions, tokens and schools in the copy. */
  revisions: number;
  tokens: number;
  schools: number;
  schemaVersion: number;
  bytes: number;
}

/** A version of the référentiel published by an administrator (sync.md, `GET /api/v1/referential`). */
export interface PublishedReferential {
  /** Unique among the versions published: '2026.2'. */
  version: string;
  /** The référentiel as devices compute with it (its `version` field equals `version`). */
  referential: Record<string, unknown>;
  /** ISO 8601, the server's clock. */
  publishedAt: string;
  /** The administrator: the owner of the token, or the system account that ran the CLI. */
  publishedBy: string;
}

/** The référentiels published, the latest in force. Append-only: a correction is a new version. */
export interface ReferentialStore {
  /** The latest version published, or null when none was (the server then serves its territory's default). */
  current(): Promise<PublishedReferential | null>;
  /** Every version published, oldest first. */
  list(): Promise<PublishedReferential[]>;
  /** Keeps `entry` as the latest version; 'version-taken' (and nothing kept) when that version was published before. */
  publish(entry: PublishedReferential): Promise<'published' | 'version-taken'>;
}

/**
 * Failed authentications per address and minute as the 429 rule counts them (sync.md "Whole-request answers"),
 * held in the store so that every instance of the server sees the same counts. Not the audit log: no cap on
 * addresses, and minutes past are forgotten.
 */
export interface ThrottleStore {
  /** Counts one failure of `address` in the minute of `at`; answers that minute's count for it, every instance included. */
  addFailure(address: string, at: Date): Promise<number>;
  /** The failures of `address` in the minute of `at`, every instance included. */
  failures(address: string, at: Date): Promise<number>;
  /** Forgets the minutes before the one of `at`. */
  forgetBefore(at: Date): Promise<void>;
}

/** What is known of a held photo without reading it. */
export interface AttachmentInfo {
  type: PhotoType;
  /** Its size in bytes. */
  bytes: number;
}

/**
 * The photos devices upload (sync.md v2, `PUT /api/v1/attachments/<sha256>`), each under the SHA-256 of its bytes, in
 * lowercase hex. The caller has checked that the bytes hash to the name and are of the type (attachments.ts); the
 * store keeps them durably before it answers, never shows a half-written photo under its name, and never changes
 * one: a name stands for one content. No photo is deleted by the protocol (a fiche's older revisions still name it).
 */
export interface AttachmentStore {
  /** Keeps the image; 'created' when new, 'held' when these bytes were already kept (idempotent). */
  put(sha256: string, type: PhotoType, bytes: Uint8Array): Promise<'created' | 'held'>;
  /** The image, or undefined when it is not held (a name that is no SHA-256 included). */
  get(sha256: string): Promise<{ type: PhotoType; bytes: Uint8Array } | undefined>;
  /** Which of these hashes are held. */
  held(sha256s: readonly string[]): Promise<Set<string>>;
  /**
   * The type and size of those of these hashes that are held, in one call however many: a pushed batch's photos are
   * checked against them (sync.ts) without reading any image.
   */
  info(sha256s: readonly string[]): Promise<Map<string, AttachmentInfo>>;
}

/** How a store is opened, beyond its location. */
export interface StoreOptions {
  /**
   * The folder photos are kept in (TNE13_ATTACHMENTS_DIR: a shared mount, say), whatever the store; absent, SQLite keeps
   * them beside its file and PostgreSQL in its database.
   */
  attachmentsDir?: string;
}

export interface Store {
  readonly tokens: TokenStore;
  readonly revisions: RevisionStore;
  readonly directory: DirectoryStore;
  readonly audit: AuditStore;
  readonly referentials: ReferentialStore;
  readonly throttle: ThrottleStore;
  readonly attachments: AttachmentStore;
  /** Heads and directory read in one transaction, whatever devices send meanwhile. */
  readCampaign(campaign: string): Promise<CampaignSnapshot>;
  /**
   * Writes a copy of the whole store, as it is at one moment, into the file `destination` (new, or empty), while
   * others go on reading and writing; checks the copy and answers what it holds. The caller chooses the file. A store
   * whose database has tools of its own for that (PostgreSQL: pg_dump) rejects, in French, naming them.
   */
  backup(destination: string): Promise<BackupSummary>;
  /**
   * The data version of `campaign`'s export: changes whenever a head of the campaign or the directory changes, and
   * only then (another campaign's heads and the tokens leave it as it is). Cheap, no fiche is read: the exports are
   * cached and revalidated (ETag) by it.
   */
  exportVersion(campaign: string): Promise<string>;
  /**
   * What `openCampaignReader` opens from another thread: the SQLite file, or the PostgreSQL URL (password included:
   * never printed); null when nothing else can (':memory:').
   */
  readonly readerLocation: string | null;
  /** Resolves when the store answers a trivial query (GET /api/v1/health). */
  ping(): Promise<void>;
  /**
   * Commits a small write of no meaning to the data, durably, and rejects when the store cannot write (full disk,
   * read-only file): GET /api/v1/health says "ok" only when devices' fiches can be stored.
   */
  probeWrite(): Promise<void>;
  /**
   * Moves what the write-ahead log holds into the database and shrinks the log to nothing, without waiting: when a
   * reader or a writer of another connection is in the way, it is left for the next call. Run periodically by the
   * server; a store without such a log does nothing.
   */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}
