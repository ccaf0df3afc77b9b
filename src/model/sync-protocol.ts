// The sync protocol v2 (shared/spec/sync.md): the push (POST /api/v1/sync) and the pull (GET /api/v1/changes),
// shared by the device and the reference server. Field names and statuses are a contract.
import type { Fiche, FieldError } from './types';

export const SYNC_PROTOCOL = 2;
export const BATCH_MAX_RECORDS = 500;
export const BATCH_MAX_BYTES = 1_048_576;
/** The most changes one pull page may hold (`limit`), and the page size the device asks for. */
export const CHANGES_MAX_LIMIT = 1000;
export const CHANGES_PAGE = 500;

/**
 * A fiche as pushed: the fiche's latest state without `rev` (the server numbers revisions), on the head it was made
 * on (`baseRev`, 0 for a fiche the server has never held).
 */
export type PushRecord = Omit<Fiche, 'rev'> & { baseRev: number };

export interface SyncRequest {
  protocol: typeof SYNC_PROTOCOL;
  deviceId: string;
  batchId: string;
  records: PushRecord[];
}

export type SyncStatus = 'stored' | 'duplicate' | 'conflict' | 'invalid' | 'forbidden';

/** A fiche's head on the server: its latest stored revision, numbered by the server. */
export interface Head {
  rev: number;
  seq: number;
  /** The stored record, with its `rev`, without `baseRev`. */
  record: Fiche;
  /** The device that made the fiche (the sender of its first stored revision): a tablet's export marks "Doublon
   * possible" by it, as the server's does. Absent from a server that does not say it. */
  origin?: string;
}

export interface SyncResult {
  id: string;
  status: SyncStatus;
  /** `stored`, `duplicate`: the rev the revision got, and its seq. */
  rev?: number;
  seq?: number;
  /** `conflict`: the head the device must merge with. */
  head?: Head;
  /** `invalid` (and `forbidden`, one message): why, in French. */
  errors?: FieldError[];
}

export interface SyncResponse {
  batchId: string;
  serverTime: string;
  results: SyncResult[];
}

/** GET /api/v1/changes: the heads changed since a cursor, in seq order. */
export interface ChangesResponse {
  changes: Head[];
  /** Opaque: sent back as `since`. */
  cursor: string;
  /** True when the page is full: ask again at once. */
  more: boolean;
}

/** Body of every whole-request error (400, 401, 403, 413, 415, 429, 503…). */
export interface SyncError {
  error: string;
  message: string;
}

/** Statuses after which the device may forget the edit it sent (sync.md, "Nothing lost"). */
export const ACKNOWLEDGING: ReadonlySet<SyncStatus> = new Set(['stored', 'duplicate']);

/** The record pushed for a fiche's state: without the device's `rev`, on the head it was built on. */
export function pushRecordOf(fiche: Fiche, baseRev: number): PushRecord {
  const { rev: _rev, ...rest } = fiche;
  return { ...rest, baseRev };
}

/** The derived id of a school's fiche in a campaign: every tablet auditing the school writes the same fiche. */
export function schoolFicheId(campaign: string, uai: string): string {
  return `ecole-${campaign}-${uai}`;
}

/** A JSON text of a value with object keys sorted at every depth: how "the same content" is compared. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/**
 * The content of a revision as sync.md compares it for `duplicate`: the normalised record without `rev` and
 * `baseRev` (id, kind, uai, campaign, updatedAt, deleted, author, referentialVersion, data…).
 */
export function contentOf(record: object): string {
  const { rev: _rev, baseRev: _baseRev, ...content } = record as { rev?: unknown; baseRev?: unknown };
  return canonicalJson(content);
}

/**
 * A pushed record's `contentOf` and its canonical JSON once stored at a rev, the keys sorted once for both: the
 * server computes the one for every record of a batch and the other for every record it stores.
 */
export function canonicalRevision(record: PushRecord): { content: string; storedAt(rev: number): string } {
  const { rev: _rev, baseRev: _baseRev, ...content } = record as PushRecord & { rev?: unknown };
  const sorted = sortKeys(content) as Record<string, unknown>;
  return {
    content: JSON.stringify(sorted),
    // Only the top level takes a new key: the values below are sorted already.
    storedAt: (rev) => JSON.stringify(sortedTopLevel({ ...sorted, rev })),
  };
}

function sortedTopLevel(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, value[key]]),
  );
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value as Record<string, unknown>)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
