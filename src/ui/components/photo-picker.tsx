// The two ways to add a photo, each a file input that looks like a button: the camera (`capture`, one photo) and the
// gallery (several at once), with the subject the next photos get.
import { PHOTO_SUBJECT_LABELS } from '../../model/labels';
import { PHOTO_SUBJECTS } from '../../model/schema';
import type { PhotoSubject } from '../../model/types';

interface Props {
  subject: PhotoSubject;
  onSubject: (subject: PhotoSubject) => void;
  onFiles: (input: HTMLInputElement) => void;
  /** The fiche holds its 20 photos: the inputs are disabled, and `photos-pleines` says why. */
  full: boolean;
}

export function PhotoPicker({ subject, onSubject, onFiles, full }: Props) {
  const describedBy = full ? 'photos-pleines' : undefined;
  const change = (event: Event & { currentTarget: HTMLInputElement }) => onFiles(event.currentTarget);
  return (
    <div class="photo-picker">
      <div class="field">
        <label htmlFor="photos-sujet">Sujet des photos ajoutées</label>
        <select id="photos-sujet" value={subject} onChange={(e) => onSubject(e.currentTarget.value as PhotoSubject)}>
          <PhotoSubjectOptions />
        </select>
      </div>
      <div class="actions">
        <label class="file-button">
          <input type="file" accept="image/*" capture="environment" disabled={full} aria-describedby={describedBy} onChange={change} />
          <span class="button">Prendre une photo</span>
        </label>
        <label class="file-button">
          <input type="file" accept="image/*" multiple disabled={full} aria-describedby={describedBy} onChange={change} />
          <span class="button secondary">Choisir dans la galerie</span>
        </label>
      </div>
    </div>
  );
}

/** The subjects a photo may have, as a select's options (the picker's, and each photo's). */
export function PhotoSubjectOptions() {
  return (
    <>
      {PHOTO_SUBJECTS.map((s) => (
        <option key={s} value={s}>
          {PHOTO_SUBJECT_LABELS[s]}
        </option>
      ))}
    </>
  );
}
