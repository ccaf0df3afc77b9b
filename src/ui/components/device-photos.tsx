// "Photos sur cet appareil": how many, how much room they take, how many the server already holds, and the
// device's storage against its quota; the photos already sent can be freed from the tablet (kept on the server).
import { useEffect, useState } from 'preact/hooks';
import { count } from '../plural';
import { fileSize, percent } from '../format';

export interface PhotoSpaceView {
  count: number;
  bytes: number;
  /** Those the server holds (hash-checked): the ones that can be freed. */
  uploadedCount: number;
  uploadedBytes: number;
  /** The browser's estimate of the whole site's storage (null where it gives none). */
  usage: number | null;
  quota: number | null;
}

interface Props {
  load: () => Promise<PhotoSpaceView>;
  /** Frees the photos already sent from this device; gives the bytes freed. */
  free: () => Promise<number>;
  /** Past this share of the quota, new photos are refused (0.8). */
  limitRatio: number;
}

function freedText(bytes: number): string {
  if (bytes === 0) return "Aucune photo libérée : aucune n'était à la fois envoyée et encore sur l'appareil.";
  return `Photos libérées : ${fileSize(bytes)} rendus à l'appareil. Elles restent sur le serveur et s'afficheront dans leur fiche une fois connecté.`;
}

export function DevicePhotos({ load, free, limitRatio }: Props) {
  const [space, setSpace] = useState<PhotoSpaceView | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState('');
  const refresh = () =>
    load().then(setSpace, (error: unknown) => {
      console.error('cannot read the photos of the device', error);
      setFailed(true);
    });
  useEffect(() => void refresh(), []);
  if (failed) return <p class="warning">Les photos de l'appareil n'ont pas pu être lues. Rechargez la page.</p>;
  if (!space) return <p aria-busy="true">Lecture des photos de l'appareil…</p>;
  const unavailable = busy || space.uploadedCount === 0;
  const onFree = async () => {
    if (unavailable) return;
    setBusy(true);
    setResult('Libération des photos déjà envoyées…');
    try {
      const bytes = await free();
      setResult(freedText(bytes));
      await refresh();
    } catch (error) {
      console.error('cannot free the photos', error);
      setResult("Les photos n'ont pas pu être libérées ; elles restent sur l'appareil. Réessayez.");
    }
    setBusy(false);
  };
  const limit = percent(limitRatio, 1);
  return (
    <>
      <PhotoCounts space={space} />
      <StorageShare space={space} limitRatio={limitRatio} />
      <p>
        Au-delà de {limit} de cet espace, l'application refuse les nouvelles photos pour garder la place des fiches : libérez
        alors les photos déjà envoyées, qui restent sur le serveur.
      </p>
      {space.uploadedCount === 0 && (
        <p class="hint" id="liberer-photos-aide">
          Aucune photo de cet appareil n'est encore sur le serveur : il n'y a rien à libérer.
        </p>
      )}
      <div class="actions">
        <button type="button" class="button secondary" aria-disabled={unavailable} aria-describedby={space.uploadedCount === 0 ? 'liberer-photos-aide' : undefined} onClick={() => void onFree()}>
          Libérer les photos déjà envoyées
        </button>
      </div>
      <p role="status">{result}</p>
    </>
  );
}

function PhotoCounts({ space }: { space: PhotoSpaceView }) {
  if (space.count === 0) return <p>Aucune photo sur cet appareil.</p>;
  return (
    <p>
      {count(space.count, 'photo')} sur cet appareil ({fileSize(space.bytes)}), dont{' '}
      {space.uploadedCount === 0
        ? 'aucune déjà envoyée au serveur'
        : `${count(space.uploadedCount, 'déjà envoyée', 'déjà envoyées')} au serveur (${fileSize(space.uploadedBytes)})`}
      .
    </p>
  );
}

function StorageShare({ space, limitRatio }: { space: PhotoSpaceView; limitRatio: number }) {
  const { usage, quota } = space;
  if (usage === null || !quota) return <p>Ce navigateur ne dit pas quel espace il accorde à l'application.</p>;
  return (
    <>
      <p>
        Stockage de l'appareil : {percent(usage, quota)} de l'espace accordé par le navigateur ({fileSize(usage)} sur {fileSize(quota)}).
      </p>
      {usage / quota > limitRatio && (
        <p class="warning">Les nouvelles photos sont refusées : synchronisez, puis libérez les photos déjà envoyées.</p>
      )}
    </>
  );
}
