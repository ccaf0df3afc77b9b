// One fiche open in a form: what the form shows (`data`), its French errors by field, its autosave, and its photos
// (added with their image in one revision, taken off and put back like any field).
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import * as v from 'valibot';
import { getDraft } from '../storage/drafts';
import { typedData } from '../storage/typed-draft';
import { getFiche } from '../storage/fiche-queries';
import { onSaved } from '../storage/saved';
import { withPhotos, type NewPhoto } from '../storage/photos';
import { rebaseTyping } from '../model/merge/rebase-typing';
import { canonicalJson } from '../model/sync-protocol';
import { getAt, setAt } from '../model/paths';
import { MAX_PHOTOS, photoSchema } from '../model/schema';
import type { Author, FicheData, FicheKind, Photo, PhotoSubject } from '../model/types';
import { assertRoomForPhoto, isQuotaError, PhotoRefusedError, STORAGE_FULL_MESSAGE } from './photo-space';
import { Autosave } from './autosave';
import { validateData, type FicheRef } from './commit';
import { registerEditor, track } from './open-editors';
import { deviceDb } from './device-db';
import { currentAuthor } from './session';

/** What the user says of a photo when adding it; `takenAt` defaults to now. */
export interface PhotoMeta {
  subject: PhotoSubject;
  caption?: string | null;
  takenAt?: string;
}

/** A photo taken off the form, and where it was: what its undo puts back. */
export interface RemovedPhoto {
  photo: Photo;
  index: number;
}

const TOO_MANY = `Photo non enregistrée : une fiche porte ${MAX_PHOTOS} photos au plus. Retirez-en une pour en ajouter une autre.`;
const ALREADY_THERE = 'Cette photo figure déjà sur la fiche.';
const WRITE_FAILED = "Photo non enregistrée : l'écriture sur la tablette a échoué. Le reste de la fiche n'est pas touché ; réessayez.";

function photoItem(photo: NewPhoto, meta: PhotoMeta): Photo {
  const caption = meta.caption?.trim() ?? '';
  const { sha256, type, bytes } = photo;
  const item = { sha256, type, bytes, takenAt: meta.takenAt ?? new Date().toISOString(), subject: meta.subject, caption: caption === '' ? null : caption };
  const checked = v.safeParse(photoSchema, item);
  if (!checked.success) throw new PhotoRefusedError(`Photo non enregistrée : ${checked.issues.map((issue) => issue.message).join(' ; ')}.`);
  return checked.output;
}

/** Every failure to add a photo as the user reads it: the fiche's other fields are never affected. */
function refusalOf(error: unknown): PhotoRefusedError {
  if (error instanceof PhotoRefusedError) return error;
  if (isQuotaError(error)) return new PhotoRefusedError(STORAGE_FULL_MESSAGE);
  const known = error instanceof Error && ['PhotoMismatchError', 'InvalidRecordError'].includes(error.name);
  const refusal = new PhotoRefusedError(known ? `Photo non enregistrée : ${(error as Error).message}` : WRITE_FAILED);
  refusal.cause = error;
  return refusal;
}

export class FicheEditor<K extends FicheKind> {
  readonly data: Signal<FicheData<K>>;
  /** Messages by path relative to data (`computer.year`). */
  readonly errors: ReadonlySignal<ReadonlyMap<string, string>>;
  readonly autosave: Autosave<K>;
  private readonly unregister: () => void;
  private readonly unlisten: () => void;
  /** The fiche's data as last saved or received: what the form's typing is measured against. */
  private saved: FicheData<K>;

  /** `saved`: the fiche's data on the device, when the form opens on typing left in a draft (`initial`). */
  constructor(readonly ref: FicheRef<K>, author: Author, initial: FicheData<K>, isNew = false, saved: FicheData<K> = initial) {
    this.data = signal(initial);
    this.saved = saved;
    // A head from another tablet taken or merged while the form is open (sync flushes the forms first, so what was
    // typed is already a revision and merged there): the form shows it, typing since kept on top.
    this.unlisten = onSaved((fiches, _db, source) => {
      const fiche = fiches.find((f) => f.id === ref.id);
      if (!fiche) return;
      if (source === 'edit') this.saved = fiche.data as FicheData<K>;
      else this.receive(fiche.data as FicheData<K>);
    });
    this.errors = computed(
      () => new Map(validateData(ref.kind, this.data.value).map((e) => [e.path.replace(/^data\./, ''), e.message])),
    );
    this.autosave = new Autosave({ ref, author, initial, isNew, savedData: () => this.saved });
    this.unregister = registerEditor(this.autosave);
  }

  /**
   * Opens a fiche as it was last typed: its draft if one is left (carried onto the fiche if a sync changed it since),
   * else its latest revision, else `empty`. Its revisions are signed by the auditor of the moment it opened.
   */
  static open<K extends FicheKind>(ref: FicheRef<K>, empty: FicheData<K>) {
    return track(
      (async () => {
        const [db, author] = [deviceDb(), currentAuthor()];
        const [draft, fiche] = await Promise.all([getDraft(db, ref.id), getFiche(db, ref.id)]);
        const saved = (fiche?.data ?? empty) as FicheData<K>;
        const initial = (draft ? typedData(draft, fiche) : saved) as FicheData<K>;
        return new FicheEditor(ref, author, structuredClone(initial), !draft && !fiche, structuredClone(saved));
      })(),
    );
  }

  get(path: string): unknown {
    return getAt(this.data.value, path);
  }

  set(path: string, value: unknown, editedAt?: number): void {
    this.data.value = setAt(this.data.value, path, value);
    this.autosave.edit(this.data.value, editedAt);
  }

  /**
   * Adds a photo to the fiche: its image and the revision that references it are committed together at once, after
   * what is already queued and with the typing pending (never through a draft first, which must not name an image
   * not on disk). Resolves with the item once both are on disk. Rejects with PhotoRefusedError (French) when the fiche
   * has 20 photos, holds this one already, the tablet's storage is past 80 % of its quota or the write fails for want
   * of space: nothing else of the fiche is affected.
   */
  async addPhoto(photo: NewPhoto, meta: PhotoMeta): Promise<Photo> {
    try {
      const item = photoItem(photo, meta);
      const shown = this.data.value.photos ?? [];
      if (shown.some((p) => p.sha256 === item.sha256)) throw new PhotoRefusedError(ALREADY_THERE);
      if (shown.length >= MAX_PHOTOS) throw new PhotoRefusedError(TOO_MANY);
      await assertRoomForPhoto();
      // Checked again on the data the revision is made of, should another photo be added meanwhile.
      const change = (data: FicheData<K>): FicheData<K> => {
        const photos = data.photos ?? [];
        if (photos.some((p) => p.sha256 === item.sha256)) return data; // carried onto typing after the commit: already there
        if (photos.length >= MAX_PHOTOS) throw new PhotoRefusedError(TOO_MANY);
        return withPhotos(data, [item]);
      };
      await this.autosave.commitChange(change, [photo], () => {
        this.data.value = change(this.data.value);
      });
      return item;
    } catch (error) {
      throw refusalOf(error);
    }
  }

  /** Takes a photo off the form (an ordinary edit); its image stays on the tablet, so the undo works offline. */
  removePhoto(sha256: string): RemovedPhoto | undefined {
    const photos = this.data.value.photos ?? [];
    const index = photos.findIndex((p) => p.sha256 === sha256);
    const photo = photos[index];
    if (!photo) return undefined;
    this.set('photos', photos.filter((_, i) => i !== index));
    return { photo, index };
  }

  /** Undoes removePhoto: the photo back at its place (or last, if fewer are left). Refused past 20 photos. */
  restorePhoto(removed: RemovedPhoto): void {
    const photos = this.data.value.photos ?? [];
    if (photos.some((p) => p.sha256 === removed.photo.sha256)) return;
    if (photos.length >= MAX_PHOTOS) throw new PhotoRefusedError(TOO_MANY);
    const next = [...photos];
    next.splice(Math.min(removed.index, next.length), 0, removed.photo);
    this.set('photos', next);
  }

  /** The fiche changed under the form (sync, backup): what was typed since the last save is merged onto it. */
  private receive(incoming: FicheData<K>): void {
    const typed = this.data.value;
    const saved = this.saved;
    this.saved = incoming;
    if (canonicalJson(typed) === canonicalJson(saved)) {
      this.data.value = structuredClone(incoming);
      return;
    }
    const merged = rebaseTyping(this.ref.kind, saved, typed, incoming);
    this.data.value = merged;
    this.autosave.edit(merged);
  }

  /** Commits what is pending, then lets the editor go. */
  close(): Promise<void> {
    this.unregister();
    this.unlisten();
    return track(this.autosave.flush().then(() => this.autosave.dispose()));
  }
}

export { flushAllEditors } from './open-editors';
