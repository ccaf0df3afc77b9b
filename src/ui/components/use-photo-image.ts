// A photo's image as the page can show it: an object URL made from the Blob the device holds (or fetched for it),
// revoked as soon as the image is no longer shown, so that twenty thumbnails do not keep their memory for ever.
import { useEffect, useState } from 'preact/hooks';

export type PhotoImageSize = 'thumbnail' | 'full';

/** The image of the photo `sha256`, or null when neither the device nor (offline) the server can give it. */
export type LoadPhotoImage = (sha256: string, size: PhotoImageSize) => Promise<Blob | null>;

export type PhotoImage = { state: 'loading' } | { state: 'absent' } | { state: 'shown'; url: string };

export function usePhotoImage(load: LoadPhotoImage, sha256: string, size: PhotoImageSize): PhotoImage {
  const [image, setImage] = useState<PhotoImage>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let url: string | undefined;
    let cancelled = false;
    load(sha256, size).then(
      (blob) => {
        if (cancelled) return;
        if (!blob) return setImage({ state: 'absent' });
        url = URL.createObjectURL(blob);
        setImage({ state: 'shown', url });
      },
      (error: unknown) => {
        console.error('cannot read the photo', sha256, error);
        if (!cancelled) setImage({ state: 'absent' });
      },
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [load, sha256, size, attempt]);
  // A photo only the server holds: asked again when the tablet is back online.
  useEffect(() => {
    if (image.state !== 'absent') return;
    const retry = () => setAttempt((n) => n + 1);
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [image.state]);
  return image;
}
