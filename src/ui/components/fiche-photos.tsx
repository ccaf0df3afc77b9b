// The photos of a fiche (classroom or school): taken with the tablet's camera or picked from its gallery, each
// prepared (resized, compressed) before it is stored, then shown as a thumbnail with its subject and caption, and
// deleted with an undo like a classroom. Props only: the screens give it the fiche's editor and the photo pipeline.
import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_PHOTOS } from '../../model/schema';
import type { PhotoSubject } from '../../model/types';
import { photoCountText, photoName, PHOTOS_FULL_TEXT, restoreErrorText } from '../photo-text';
import { PhotoCard, type PhotoItem } from './photo-card';
import { PhotoPicker } from './photo-picker';
import type { LoadPhotoImage } from './use-photo-image';
import { useAddPhotos } from './use-add-photos';
import './fiche-photos.css';

export interface FichePhotosProps<Prepared, Undo> {
  photos: readonly PhotoItem[];
  /** The fiche's French messages by path (`photos.2.caption`). */
  errors: ReadonlyMap<string, string>;
  /** Sets a field of the fiche by path (`photos.2.caption`), as the form's other fields do. */
  set: (path: string, value: unknown, editedAt?: number) => void;
  /** Resizes and compresses a picked file (in a worker); throws PhotoError with a French message. */
  prepare: (file: File) => Promise<Prepared>;
  /** Stores a prepared photo with the fiche; throws PhotoRefusedError (French message) when there is no room. */
  add: (photo: Prepared, meta: { subject: PhotoSubject; caption: null }) => Promise<void>;
  /** Takes the photo off the fiche; gives what its undo needs (undefined: it was not on the fiche). */
  remove: (sha256: string) => Promise<Undo | undefined>;
  restore: (undo: Undo) => Promise<void>;
  load: LoadPhotoImage;
}

export function FichePhotos<Prepared, Undo>(props: FichePhotosProps<Prepared, Undo>) {
  const { photos, errors, set, load } = props;
  const [subject, setSubject] = useState<PhotoSubject>('general');
  const adding = useAddPhotos(subject, props.prepare, props.add);
  const removal = useRemoval(props.remove, props.restore);
  const full = photos.length >= MAX_PHOTOS;
  return (
    <div class="fiche-photos">
      <p class="photo-count" tabIndex={-1} ref={removal.countRef}>
        {photoCountText(photos.length)}
      </p>
      <PhotoPicker subject={subject} onSubject={setSubject} onFiles={adding.onFiles} full={full} />
      {full && (
        <p class="hint" id="photos-pleines">
          {PHOTOS_FULL_TEXT}
        </p>
      )}
      <p role="status" class="photo-status">
        {adding.status}
      </p>
      {(adding.errors.length > 0 || removal.error) && (
        <div role="alert" class="field-error">
          {[...adding.errors, removal.error].filter(Boolean).map((message, i) => (
            <p key={i}>{message}</p>
          ))}
        </div>
      )}
      {photos.length > 0 && (
        <ul class="photo-list">
          {photos.map((photo, index) =>
            photo.sha256 === null ? null : (
              <PhotoCard
                key={photo.sha256}
                photo={{ ...photo, sha256: photo.sha256 }}
                n={index + 1}
                index={index}
                captionError={errors.get(`photos.${index}.caption`)}
                load={load}
                onSubject={(value) => set(`photos.${index}.subject`, value)}
                onCaption={(value, editedAt) => set(`photos.${index}.caption`, value, editedAt)}
                onRemove={() => void removal.remove(photo.sha256 as string, photoName(index + 1, photo.subject))}
              />
            ),
          )}
        </ul>
      )}
      <div role="status" class="toast-region">
        {removal.deleted && (
          <p class="toast">
            {capitalized(removal.deleted.name)} supprimée.{' '}
            <button type="button" class="button secondary" ref={removal.undoRef} onClick={() => void removal.undo()}>
              Annuler la suppression
            </button>
          </p>
        )}
      </div>
    </div>
  );
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The photo just deleted, while its undo is offered (the last one only, like a classroom's). The keyboard goes to
 * "Annuler la suppression" once the photo's own button is gone, then to the count once the photo is back.
 */
function useRemoval<Undo>(remove: (sha256: string) => Promise<Undo | undefined>, restore: (undo: Undo) => Promise<void>) {
  const [deleted, setDeleted] = useState<{ undo: Undo; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const countRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => void (deleted && undoRef.current?.focus()), [deleted]);
  return {
    deleted,
    error,
    undoRef,
    countRef,
    remove: async (sha256: string, name: string) => {
      setError(null);
      try {
        const undo = await remove(sha256);
        if (undo !== undefined) setDeleted({ undo, name });
      } catch (failure) {
        console.error('cannot delete the photo', failure);
        setError(`La ${name} n'a pas pu être supprimée. Réessayez.`);
      }
    },
    undo: async () => {
      if (!deleted) return;
      setDeleted(null);
      try {
        await restore(deleted.undo);
        countRef.current?.focus();
      } catch (failure) {
        console.error('cannot restore the photo', failure);
        setError(restoreErrorText(deleted.name, failure));
      }
    },
  };
}
