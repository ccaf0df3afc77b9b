// The gap summary computed last on this device, with the fingerprint of what it came from (idb-keyval, one get and
// one set): state/gaps.ts shows it at once on the next start when that fingerprint still matches, never otherwise.
import { get, set } from 'idb-keyval';

const SAVED_SUMMARY_KEY = 'gapSummary';

export interface SavedSummary<T> {
  key: string;
  summary: T;
}

export function getSavedSummary<T>(): Promise<SavedSummary<T> | undefined> {
  return get<SavedSummary<T>>(SAVED_SUMMARY_KEY);
}

export function saveSummary<T>(saved: SavedSummary<T>): Promise<void> {
  return set(SAVED_SUMMARY_KEY, saved);
}
