// One photo of a fiche: its thumbnail (opened larger on a press), its subject, its caption, and its deletion.
import { useRef, useState } from 'preact/hooks';
import type { PhotoSubject } from '../../model/types';
import { NOT_ON_DEVICE_TEXT, photoDescription } from '../photo-text';
import { TextField } from './text-field';
import { usePhotoImage, type LoadPhotoImage } from './use-photo-image';
import { PhotoViewer } from './photo-viewer';
import { PhotoSubjectOptions } from './photo-picker';

/** A photo as the fiche's form holds it (its fields may read as null while the form is typed, see FormData). */
export interface PhotoItem {
  sha256: string | null;
  subject: PhotoSubject | null;
  caption: string | null;
}

interface Props {
  photo: PhotoItem & { sha256: string };
  /** Its place in the fiche, from 1: "Photo n° 3". */
  n: number;
  /** The field ids and error paths of the fiche (`photos.2.caption`). */
  index: number;
  captionError: string | undefined;
  load: LoadPhotoImage;
  onSubject: (subject: PhotoSubject) => void;
  onCaption: (caption: string | null, editedAt: number) => void;
  onRemove: () => void;
}

export function PhotoCard({ photo, n, index, captionError, load, onSubject, onCaption, onRemove }: Props) {
  const id = `champ-photos-${index}`;
  return (
    <li class="photo-card">
      <fieldset class="photo-fields">
        <legend>Photo n° {n}</legend>
        <Thumbnail photo={photo} n={n} load={load} />
        <div class="field">
          <label htmlFor={`${id}-subject`}>Sujet</label>
          <select id={`${id}-subject`} value={photo.subject ?? ''} onChange={(e) => onSubject(e.currentTarget.value as PhotoSubject)}>
            {photo.subject === null && <option value="">Non renseigné</option>}
            <PhotoSubjectOptions />
          </select>
        </div>
        <TextField id={`${id}-caption`} label="Légende" value={photo.caption} onChange={onCaption} error={captionError} nullable />
        <button type="button" class="button danger" onClick={onRemove}>
          Supprimer <span class="visually-hidden">la photo n° {n}</span>
        </button>
      </fieldset>
    </li>
  );
}

function Thumbnail({ photo, n, load }: Pick<Props, 'photo' | 'n' | 'load'>) {
  const image = usePhotoImage(load, photo.sha256, 'thumbnail');
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const description = photoDescription(n, photo.subject, photo.caption);
  if (image.state === 'loading') return <p class="photo-thumb photo-placeholder">Chargement de la photo…</p>;
  if (image.state === 'absent') return <p class="photo-thumb photo-placeholder">{NOT_ON_DEVICE_TEXT}</p>;
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button type="button" class="photo-thumb" ref={button} onClick={() => setOpen(true)}>
        <span class="visually-hidden">Agrandir : </span>
        <img src={image.url} alt={description} />
      </button>
      {open && <PhotoViewer sha256={photo.sha256} description={description} load={load} onClose={close} />}
    </>
  );
}
