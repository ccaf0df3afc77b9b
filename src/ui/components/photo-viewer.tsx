// A photo at full size, in a modal dialog: the browser keeps the keyboard inside it and closes it on Échap.
import { useEffect, useRef } from 'preact/hooks';
import { usePhotoImage, type LoadPhotoImage } from './use-photo-image';
import { NOT_ON_DEVICE_TEXT, THUMBNAIL_ONLY_TEXT } from '../photo-text';

interface Props {
  sha256: string;
  description: string;
  load: LoadPhotoImage;
  onClose: () => void;
}

export function PhotoViewer({ sha256, description, load, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const image = usePhotoImage(load, sha256, 'full');
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    element.addEventListener('close', onClose);
    return () => element.removeEventListener('close', onClose);
  }, [onClose]);
  const titleId = `photo-agrandie-${sha256.slice(0, 12)}`;
  return (
    <dialog ref={dialog} class="photo-viewer" aria-labelledby={titleId}>
      {/* "Fermer" above the photo: on a small or zoomed screen the photo shrinks, the way out stays in view. */}
      <div class="photo-viewer-head">
        <p id={titleId} class="photo-viewer-title">{description}</p>
        <button type="button" class="button" onClick={() => dialog.current?.close()}>
          Fermer
        </button>
      </div>
      {image.state === 'shown' && image.size === 'thumbnail' && <p class="hint">{THUMBNAIL_ONLY_TEXT}</p>}
      {image.state === 'shown' ? (
        <img src={image.url} alt={description} />
      ) : (
        <p class="photo-placeholder">{image.state === 'loading' ? 'Chargement de la photo…' : NOT_ON_DEVICE_TEXT}</p>
      )}
    </dialog>
  );
}
