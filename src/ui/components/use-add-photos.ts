// Photos picked are added one after another (a batch picked while another is prepared waits for it): each is
// prepared, then stored with the fiche. What is under way is said in a status; what failed, in French, file by file.
// A refusal (the fiche holds 20 photos, the device is short of space) stops the batch: the next ones would be too.
// The limit itself is the store's to enforce (add refuses); the form only disables its inputs at 20.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PhotoSubject } from '../../model/types';
import { count } from '../plural';
import { isPhotoError, isPhotoRefused, photoErrorText } from '../photo-text';

type Prepare<P> = (file: File) => Promise<P>;
type Add<P> = (photo: P, meta: { subject: PhotoSubject; caption: null }) => Promise<void>;

const preparingText = (done: number, total: number) =>
  total === 1 ? 'Préparation de la photo…' : `Préparation de la photo ${done + 1} sur ${total}…`;

function notAddedText(left: number): string {
  return `${count(left, 'photo non ajoutée', 'photos non ajoutées')}.`;
}

export function useAddPhotos<P>(subject: PhotoSubject, prepare: Prepare<P>, add: Add<P>) {
  const [status, setStatus] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const queue = useRef(Promise.resolve());
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  const show = (update: () => void) => mounted.current && update();

  const addAll = async (files: File[], chosen: PhotoSubject) => {
    const failures: string[] = [];
    let added = 0;
    const named = (file: File, message: string) => (files.length > 1 ? `« ${file.name} » : ${message}` : message);
    for (const [done, file] of files.entries()) {
      show(() => setStatus(preparingText(done, files.length)));
      try {
        await add(await prepare(file), { subject: chosen, caption: null });
        added += 1;
      } catch (error) {
        if (!isPhotoRefused(error) && !isPhotoError(error)) console.error('cannot add the photo', error);
        failures.push(named(file, photoErrorText(error)));
        if (isPhotoRefused(error)) {
          if (done + 1 < files.length) failures.push(notAddedText(files.length - done - 1));
          break;
        }
      }
    }
    show(() => {
      setStatus(added === 0 ? '' : added === 1 ? 'Photo ajoutée.' : `${count(added, 'photo ajoutée', 'photos ajoutées')}.`);
      setErrors((previous) => [...previous, ...failures]);
    });
  };

  return {
    status,
    errors,
    onFiles: (input: HTMLInputElement) => {
      const files = [...(input.files ?? [])];
      input.value = ''; // the same photo can be picked again
      if (files.length === 0) return;
      setErrors([]);
      const chosen = subject;
      queue.current = queue.current.then(() => addAll(files, chosen));
    },
  };
}
