// Heads from the server written into the device, each decided by reconcile.ts, in the caller's transaction: taken,
// merged into a new local revision queued to be pushed, or held "À arbitrer". A user's choice on a held fiche is
// written here too. Every write of a fiche goes with its base, its outbox entry and its arbitration, so a crash at any
// point leaves the device either before or after, never between.
import type { AuditDb, Base } from './db';
import type { Head } from '../model/sync-protocol';
import type { Author, Fiche } from '../model/types';
import { validateFiche } from '../model/validate';
import { baseOf, chosen, heldConflicts, mergedRevision, reconcile } from '../model/merge/reconcile';
import type { DeleteNotice, FieldConflict } from '../model/merge/merge';
import { InvalidRecordError } from './fiches';
import { announceSaved } from './saved';

/** Who merges on this device, with which référentiel: the envelope of a merged revision. */
export interface Merger {
  author: Author;
  referentialVersion: string;
  now?: Date;
}

export type HeadOutcome = 'skipped' | 'taken' | 'merged' | 'arbitrate';

export const NOTICES: Record<DeleteNotice, string> = {
  'deleted-here-kept-by-edit-there': 'supprimée sur cette tablette, modifiée sur une autre : la fiche est conservée avec ces modifications',
  'deleted-there-kept-by-edit-here': "supprimée sur une autre tablette : vos modifications l'ont conservée",
};

/** The tables a head's write touches: every caller's transaction spans them. */
export const headTables = (db: AuditDb) => [db.fiches, db.outbox, db.bases, db.arbitrations, db.notices];

/** Writes one head; runs inside the caller's transaction over `headTables`. Returns what became of it and, when the
 * device's copy changed, the fiche as it now is (to announce once committed). */
export async function writeHead(db: AuditDb, head: Head, merger: Merger): Promise<{ outcome: HeadOutcome; fiche?: Fiche }> {
  const id = head.record.id;
  const [base, local, entry, held] = await Promise.all([db.bases.get(id), db.fiches.get(id), db.outbox.get(id), db.arbitrations.get(id)]);
  if (held && held.head.rev >= head.rev) return { outcome: 'skipped' };
  const now = merger.now ?? new Date();
  // A base without its record is the device's fiche itself, while nothing was edited; if an edit went unrecorded
  // (never through saveRevision), no base is known: the merge then asks about every field both sides filled.
  const known = base && !base.record ? (entry ? { ...base, record: undefined } : { ...base, record: local }) : base;
  const decision = reconcile({ head, base: known, local, unsent: entry !== undefined, author: merger.author, referentialVersion: merger.referentialVersion, now });
  switch (decision.kind) {
    case 'skip':
      return { outcome: 'skipped' };
    case 'take':
      await Promise.all([db.fiches.put(decision.fiche), db.bases.put(keepOrigin(decision.base, base)), db.outbox.delete(id), db.arbitrations.delete(id)]);
      await tell(db, id, decision.notice, now);
      return { outcome: 'taken', fiche: decision.fiche };
    case 'merged':
      await queueMerged(db, decision.fiche, keepOrigin(decision.base, base));
      await tell(db, id, decision.notice, now);
      return { outcome: 'merged', fiche: decision.fiche };
    case 'arbitrate':
      await db.arbitrations.put({ id, head, at: now.toISOString() });
      return { outcome: 'arbitrate' };
  }
}

/** A new base (an acknowledged push, or a head that does not name its origin) keeps the device that made the fiche. */
export function keepOrigin(next: Base, previous: Base | undefined): Base {
  return next.origin || !previous?.origin ? next : { ...next, origin: previous.origin };
}

async function tell(db: AuditDb, ficheId: string, notice: DeleteNotice | null, now: Date): Promise<void> {
  if (notice) await db.notices.add({ ficheId, message: NOTICES[notice], at: now.toISOString() });
}

async function queueMerged(db: AuditDb, fiche: Fiche, base: Base): Promise<void> {
  await Promise.all([
    db.fiches.put(fiche),
    db.bases.put(base),
    db.outbox.put({ id: fiche.id, rev: fiche.rev, record: fiche, queuedAt: fiche.updatedAt }),
    db.arbitrations.delete(fiche.id),
  ]);
}

/** A fiche held "À arbitrer": the fields in conflict between the device's copy and the head, computed as they are now. */
export interface HeldFiche {
  local: Fiche;
  head: Head;
  conflicts: FieldConflict[];
}

export async function heldFiche(db: AuditDb, id: string): Promise<HeldFiche | undefined> {
  return db.transaction('r', [db.fiches, db.bases, db.arbitrations], async () => {
    const [held, local, base] = await Promise.all([db.arbitrations.get(id), db.fiches.get(id), db.bases.get(id)]);
    if (!held || !local || local.kind !== held.head.record.kind) return undefined;
    const conflicts = heldConflicts(base?.record ?? null, local, held.head.record, new Date());
    return { local, head: held.head, conflicts };
  });
}

/**
 * The user's choice for a held fiche, per conflicting path ('local' where none is given): saved as a new local
 * revision on the head, queued to be pushed, the arbitration closed, and announced once committed. Refused
 * (InvalidRecordError) if the choices make an invalid fiche, with nothing written.
 */
export async function resolveHeld(db: AuditDb, id: string, choices: Readonly<Record<string, 'local' | 'head'>>, merger: Merger): Promise<Fiche> {
  const fiche = await db.transaction('rw', headTables(db), async () => {
    const [held, local, base] = await Promise.all([db.arbitrations.get(id), db.fiches.get(id), db.bases.get(id)]);
    if (!held || !local) throw new Error(`no arbitration for ${id}`);
    const head = held.head;
    const now = merger.now ?? new Date();
    const { data, deleted } = chosen(base?.record ?? null, local, head.record, choices, now);
    const checked = validateFiche(mergedRevision({ head, author: merger.author, referentialVersion: merger.referentialVersion, now }, local, data, deleted), { now });
    if (!checked.ok) throw new InvalidRecordError(checked.errors);
    await queueMerged(db, checked.value, keepOrigin(baseOf(head), base));
    return checked.value;
  });
  // The choice changed the fiche the screens show (the other tablet's values taken): they follow the disk (saved.ts).
  announceSaved(db, [fiche], 'sync');
  return fiche;
}
