// Saving fiches. Every save is one transaction over fiches, outbox (and drafts): offline, the tablet is the only
// copy, so there must never be a fiche whose revision is not queued for sending, nor a queued revision that is
// not the fiche's state. A revision is validated here, at the last door before the disk.
import type { AuditDb } from './db';
import { getFiche } from './fiche-queries';
import { announceSaved } from './saved';
import { checkNewPhotos, putPhotos, withPhotos, type NewPhoto } from './photos';
import { REFERENTIAL_VERSION } from '../model/make';
import { validateFiche } from '../model/validate';
import type { Author, Fiche, FicheData, FicheKind, FieldError } from '../model/types';

export interface RevisionInput<K extends FicheKind = FicheKind> {
  id: string;
  kind: K;
  uai: string;
  campaign: string;
  data: FicheData<K>;
  author: Author;
  /** Defaults to the fiche's current state: an edit never deletes or restores by itself. */
  deleted?: boolean;
  /** The référentiel in force on the device (v1 as shipped unless the settings made a local version). */
  referentialVersion?: string;
}

export class InvalidRecordError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => e.message).join(' '));
    this.name = 'InvalidRecordError';
  }
}

export interface SaveOptions {
  now?: Date;
  /** Also removes the fiche's draft, in the same transaction: the revision now holds what was typed. */
  clearDraft?: boolean;
  /** Images of photos new in this revision, written in its transaction: both are on disk, or neither. Each must be
   * one the revision references (else PhotoMismatchError, and nothing is written). */
  photos?: readonly NewPhoto[];
}

/**
 * Writes the next revision of a fiche and queues it for sending, atomically, and announces it once committed
 * (saved.ts). Returns the fiche as stored; when nothing changed since the last revision, no revision is made, nothing
 * is announced and the stored fiche is returned. Opens its own transaction: the announce follows its commit.
 */
export async function saveRevision(db: AuditDb, input: RevisionInput, options: SaveOptions = {}): Promise<Fiche> {
  // Hashing is not IndexedDB work: done before the transaction, which would otherwise commit while it waits.
  if (options.photos?.length) await checkNewPhotos(input.data.photos, options.photos);
  const { fiche, written } = await db.transaction('rw', [db.fiches, db.outbox, db.drafts, db.bases, db.photos], () => writeRevision(db, input, options));
  if (written) announceSaved(db, [fiche]);
  return fiche;
}

async function writeRevision(db: AuditDb, input: RevisionInput, options: SaveOptions): Promise<{ fiche: Fiche; written: boolean }> {
  const now = options.now ?? new Date();
  const previous = await db.fiches.get(input.id);
  if (previous && previous.kind !== input.kind) throw new Error(`fiche ${input.id} is a ${previous.kind}`);
  const deleted = input.deleted ?? previous?.deleted ?? false;
  if (options.clearDraft) await db.drafts.delete(input.id);
  const photos = options.photos ?? [];
  if (previous && previous.deleted === deleted && sameData(previous.data, input.data)) {
    await putPhotos(db, photos, now);
    return { fiche: previous, written: false };
  }

  const checked = validateFiche(
    {
      id: input.id,
      kind: input.kind,
      uai: input.uai,
      campaign: input.campaign,
      rev: (previous?.rev ?? 0) + 1,
      updatedAt: now.toISOString(),
      // A fiche saved before this field existed has no creation time: it is not made up.
      ...(previous ? (previous.createdAt ? { createdAt: previous.createdAt } : {}) : { createdAt: now.toISOString() }),
      deleted,
      author: input.author,
      referentialVersion: input.referentialVersion ?? REFERENTIAL_VERSION,
      data: input.data,
    },
    { now },
  );
  if (!checked.ok) throw new InvalidRecordError(checked.errors);
  const fiche = checked.value;
  await putPhotos(db, photos, now);
  // A pulled head is its own base until the first edit: kept now, before the fiche moves away from it.
  const base = previous ? await db.bases.get(fiche.id) : undefined;
  if (base && !base.record) await db.bases.put({ ...base, record: previous });
  await db.fiches.put(fiche);
  // A draft left (values not valid yet) now starts from this revision: a sync later carries its typing onto the
  // fiche as it then is, against what is saved here (typed-draft.ts).
  // A new photo goes into that draft too: with it in the base and not in the typing, the draft would read as its removal.
  const added = (fiche.data.photos ?? []).filter((item) => photos.some((p) => p.sha256 === item.sha256));
  if (!options.clearDraft) {
    await db.drafts.where(':id').equals(fiche.id).modify((draft) => {
      draft.base = fiche.data;
      draft.data = withPhotos(draft.data, added);
    });
  }
  // A new edit replaces the queued one; a push still unanswered stays to be sent again first (db.ts, OutboxEntry.sent).
  const queued = await db.outbox.get(fiche.id);
  await db.outbox.put({
    id: fiche.id, rev: fiche.rev, record: fiche, queuedAt: fiche.updatedAt,
    ...(queued?.sent ? { sent: queued.sent } : {}),
  });
  return { fiche, written: true };
}

function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

async function setDeleted(db: AuditDb, id: string, author: Author, deleted: boolean, now?: Date): Promise<Fiche> {
  const previous = await getFiche(db, id);
  if (!previous) throw new Error(`no fiche ${id}`);
  const { kind, uai, campaign, data } = previous;
  // A draft, if any, is kept: it holds typing not yet in a revision, and comes back with an undo.
  return saveRevision(db, { id, kind, uai, campaign, data, author, deleted } as RevisionInput, { now });
}

/** Deletes a fiche by saving a tombstone revision: the fiche stays on disk and can be restored. */
export function deleteFiche(db: AuditDb, id: string, author: Author, now?: Date): Promise<Fiche> {
  return setDeleted(db, id, author, true, now);
}

/** Undoes a deletion with a new revision that is not deleted. */
export function restoreFiche(db: AuditDb, id: string, author: Author, now?: Date): Promise<Fiche> {
  return setDeleted(db, id, author, false, now);
}
