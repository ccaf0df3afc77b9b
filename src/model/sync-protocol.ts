// The sync protocol v1 (shared/spec/sync.md): the request and answers of POST /api/v1/sync, shared by the device
// and the reference server. Field names and statuses are a contract.
import type { Fiche, FieldError } from './types';

export const SYNC_PROTOCOL = 1;
export const BATCH_MAX_RECORDS = 500;
export const BATCH_MAX_BYTES = 1_048_576;

export interface SyncRequest {
  protocol: typeof SYNC_PROTOCOL;
  deviceId: string;
  batchId: string;
  records: Fiche[];
}

export type SyncStatus = 'stored' | 'duplicate' | 'superseded' | 'conflict' | 'invalid';

export interface SyncResult {
  id: string;
  rev: number;
  status: SyncStatus;
  errors?: FieldError[];
}

export interface SyncResponse {
  batchId: string;
  serverTime: string;
  results: SyncResult[];
}

/** Body of every whole-request error (400, 401, 413, 415, 429, 503…). */
export interface SyncError {
  error: string;
  message: string;
}

/** Statuses after which the device may forget the revision (sync.md, "Nothing lost"). */
export const ACKNOWLEDGING: ReadonlySet<SyncStatus> = new Set(['stored', 'duplicate', 'superseded']);

/** A JSON text of a value with object keys sorted at every depth: how "the same content" is compared. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
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
