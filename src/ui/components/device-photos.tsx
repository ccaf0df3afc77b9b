// "Photos sur cet appareil": how many, how much room they take, how many the server already holds, and the
// device's storage against its quota; the photos already sent can be freed from the tablet (kept on the server).
import { useEffect, useState } from 'preact/hooks';
import { count } from '../plural';
import { fileSize, percent } from '../format';

interface Part {
  count: number;
  bytes: number;
}

export interface PhotoSpaceView extends Part {
  /** Full images the server holds: the ones that can be freed. */
  uploaded: Part;
  /** Full images the server does not hold yet: they leave only with a sync. */
  waiting: Part;
  /** The browser's estimate of the whole site's storage (null where it gives none). */
  usage: number | null;
  quota: number | null;
}

interface Props {
  load: () => Promise<PhotoSpaceView>;
  /** Drops from this device the full images the server holds (their thumbnails stay); gives what was freed. */
  free: () => Promise<Part>;
  /** From this share of the quota on, new photos are refused (0.8). */
  limitRatio: number;
}

function freedText({ count: n, bytes }: Part): string {
  if (n === 0) return "Aucune photo libérée : aucune n'était à la fois envoyée et encore entière sur l'appareil.";
  return (
    `${count(n, 'photo libérée', 'photos libérées')} : ${fileSize(bytes)} rendus à l'appareil. Leurs miniatures restent dans ` +
    'les fiches ; en grand, elles viennent du serveur une fois connecté.'
  );
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
  const unavailable = busy || space.uploaded.count === 0;
  const onFree = async () => {
    if (unavailable) return;
    setBusy(true);
    setResult('Libération des photos déjà envoyées…');
    try {
      setResult(freedText(await free()));
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
      {space.uploaded.count === 0 && (
        <p class="hint" id="liberer-photos-aide">
          Rien à libérer : seules les photos déjà envoyées au serveur et encore entières sur l'appareil peuvent l'être.
        </p>
      )}
      <div class="actions">
        <button type="button" class="button secondary" aria-disabled={unavailable} aria-describedby={space.uploaded.count === 0 ? 'liberer-photos-aide' : undefined} onClick={() => void onFree()}>
          Libérer les photos déjà envoyées
        </button>
      </div>
      <p role="status">{result}</p>
    </>
  );
}

function PhotoCounts({ space }: { space: PhotoSpaceView }) {
  if (space.count === 0) return <p>Aucune photo sur cet appareil.</p>;
  const freed = space.count - space.uploaded.count - space.waiting.count;
  const part = (label: string, { count: n, bytes }: Part) => (
    <li>
      {label} : {count(n, 'photo')}
      {n > 0 && ` (${fileSize(bytes)})`}
    </li>
  );
  return (
    <>
      <p>
        {count(space.count, 'photo')} sur cet appareil : {fileSize(space.bytes)}.
      </p>
      <ul>
        {part("En attente d'envoi au serveur", space.waiting)}
        {part("Déjà envoyées, encore entières sur l'appareil", space.uploaded)}
        {freed > 0 && <li>Libérées (seule la miniature reste sur l'appareil) : {count(freed, 'photo')}</li>}
      </ul>
    </>
  );
}

/** "30 %"; "moins de 1 %" rather than a "0 %" that would read as nothing stored. */
function shareText(usage: number, quota: number): string {
  return usage > 0 && usage / quota < 0.005 ? 'moins de 1 %' : percent(usage, quota);
}

function StorageShare({ space, limitRatio }: { space: PhotoSpaceView; limitRatio: number }) {
  const { usage, quota } = space;
  if (usage === null || !quota) return <p>Ce navigateur ne dit pas quel espace il accorde à l'application.</p>;
  return (
    <>
      <p>
        Stockage de l'appareil : {shareText(usage, quota)} de l'espace accordé par le navigateur ({fileSize(usage)} sur {fileSize(quota)}).
      </p>
      {usage / quota >= limitRatio && (
        <p class="warning">Les nouvelles photos sont refusées : synchronisez, puis libérez les photos déjà envoyées.</p>
      )}
    </>
  );
}
