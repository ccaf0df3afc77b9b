// A fiche's photos wired to its editor: prepared in the photo worker, stored with a revision of the fiche, shown
// from the tablet or fetched from the server, taken off and put back like any field.
import type { FicheEditor } from '../../state/fiche-editor';
import { preparePhoto } from '../../state/photo-client';
import { photoUrl } from '../../state/photo-view';
import type { FicheKind } from '../../model/types';
import { FichePhotos } from '../components/fiche-photos';

export function PhotosField<K extends FicheKind>({ editor }: { editor: FicheEditor<K> }) {
  return (
    <FichePhotos
      photos={editor.data.value.photos ?? []}
      errors={editor.errors.value}
      set={(path, value, editedAt) => editor.set(path, value, editedAt)}
      prepare={preparePhoto}
      add={async (photo, meta) => void (await editor.addPhoto(photo, meta))}
      remove={async (sha256) => editor.removePhoto(sha256)}
      restore={async (removed) => editor.restorePhoto(removed)}
      load={photoUrl}
    />
  );
}
