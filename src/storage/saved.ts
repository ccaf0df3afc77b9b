// The revisions written to a device database, announced once their transaction has committed: the state follows
// the disk from here (state/audits.ts) rather than every caller telling it what it saved. A transaction that fails
// announces nothing, so the screens never show a revision the disk does not hold.
import type { AuditDb } from './db';
import type { Fiche } from '../model/types';

/** Where revisions came from: an edit on this device, the sync (a head taken or merged, an arbitration), a backup. */
export type SavedSource = 'edit' | 'sync' | 'backup';

export type SavedListener = (fiches: readonly Fiche[], db: AuditDb, source: SavedSource) => void;

const listeners = new Set<SavedListener>();

/** Calls `listener` after every committed write of revisions (one save, or a backup's batch); returns the unsubscribe. */
export function onSaved(listener: SavedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** For this folder's writers, after their transaction resolved. A listener's failure never fails the save. */
export function announceSaved(db: AuditDb, fiches: readonly Fiche[], source: SavedSource = 'edit'): void {
  if (fiches.length === 0) return;
  for (const listener of listeners) {
    try {
      listener(fiches, db, source);
    } catch (error) {
      console.error('a listener of saved revisions failed', error);
    }
  }
}
