// A photo's image as the page can show it: an object URL of the image the device holds (or fetched for it), revoked
// as soon as the image is no longer shown, so that twenty thumbnails do not keep their memory for ever.
import { useEffect, useState } from 'preact/hooks';

export type PhotoImageSize = 'thumbnail' | 'full';

/**
 * An object URL of the photo `sha256` at the size asked for, or as near as the device and the network allow (`size`
 * says which came); undefined when neither the device nor (offline) the server can give it. The hook revokes it.
 */
export type LoadPhotoImage = (sha256: string, options: { size: PhotoImageSize }) => Promise<{ url: string; size: PhotoImageSize } | undefined>;

export type PhotoImage = { state: 'loading' } | { state: 'absent' } | { state: 'shown'; url: string; size: PhotoImageSize };

export function usePhotoImage(load: LoadPhotoImage, sha256: string, size: PhotoImageSize): PhotoImage {
  const [image, setImage] = useState<PhotoImage>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let url: string | undefined;
    let cancelled = false;
    load(sha256, { size }).then(
      (shown) => {
        // One that comes once the photo is off the screen is let go at once.
        if (cancelled) return void (shown && URL.revokeObjectURL(shown.url));
        if (!shown) return setImage({ state: 'absent' });
        url = shown.url;
        setImage({ state: 'shown', url: shown.url, size: shown.size });
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
