// A small modal dialog that reads a sticker's code: the live camera when the browser lets us have it, and always a
// photo to take (or pick), decoded once. It answers the code's text, or is closed (Escape, "Fermer") with nothing.
// Mounted when opened, unmounted when closed: unmounting stops the camera.
import { useEffect, useRef, useState } from 'preact/hooks';
import { openCamera, scanVideo, stopCamera } from '../../scan/camera';
import { decodeBarcode, DecoderUnavailable } from '../../scan/decode-barcode';

export const SCAN_MESSAGES = {
  aim: "Visez le code-barres ou le QR code de l'étiquette : il est lu dès qu'il est net.",
  starting: 'Ouverture de la caméra…',
  reading: 'Lecture de la photo…',
  noCode: 'Aucun code lu sur cette photo : réessayez ou saisissez le numéro.',
  offline: "Le lecteur de codes n'est pas encore disponible hors ligne : saisissez le numéro.",
  notLoaded: "Le lecteur de codes n'a pas pu être chargé : réessayez ou saisissez le numéro.",
  refused: "L'accès à la caméra a été refusé : photographiez l'étiquette ci-dessous ou saisissez le numéro.",
  noCamera: "Aucune caméra n'est accessible : photographiez l'étiquette ci-dessous ou saisissez le numéro.",
} as const;

interface Props {
  /** The dialog's title, which says what is scanned ("Scanner le numéro d'inventaire"). */
  title: string;
  onScanned: (text: string) => void;
  onClose: () => void;
}

/** The decoder did not arrive: offline before its first use, most often; else the server or the browser refused it. */
const unavailable = () => (navigator.onLine ? SCAN_MESSAGES.notLoaded : SCAN_MESSAGES.offline);

type Camera = 'starting' | 'on' | 'refused' | 'unavailable';

const CAMERA_STATUS: Record<Camera, string> = {
  starting: SCAN_MESSAGES.starting,
  on: SCAN_MESSAGES.aim,
  refused: SCAN_MESSAGES.refused,
  unavailable: SCAN_MESSAGES.noCamera,
};

/** The live camera: opened when the dialog mounts, decoded until a code is read, stopped when it unmounts. */
function useCamera(video: { current: HTMLVideoElement | null }, onScanned: (text: string) => void, onUnavailable: () => void): Camera {
  const [camera, setCamera] = useState<Camera>('starting');
  useEffect(() => {
    const ended = new AbortController();
    let stream: MediaStream | undefined;
    void (async () => {
      const opened = await openCamera();
      if (typeof opened === 'string') return setCamera(opened);
      stream = opened;
      if (ended.signal.aborted || !video.current) return stopCamera(opened);
      video.current.srcObject = opened;
      setCamera('on');
      try {
        const text = await scanVideo(video.current, ended.signal);
        if (text !== null) onScanned(text);
      } catch (error) {
        if (!(error instanceof DecoderUnavailable)) throw error;
        onUnavailable();
      }
    })();
    return () => {
      ended.abort();
      if (stream) stopCamera(stream);
    };
  }, []);
  return camera;
}

export function ScanDialog({ title, onScanned, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  // The camera's loop outlives a render: it calls whichever onScanned is current when it reads a code.
  const scanned = useRef(onScanned);
  scanned.current = onScanned;
  const camera = useCamera(video, (text) => scanned.current(text), () => setMessage(unavailable()));

  useEffect(() => {
    const element = dialog.current;
    // A modal dialog: the page behind is inert, Tab stays inside, and the first control takes the focus.
    if (element && !element.open) element.showModal();
  }, []);

  const readPhoto = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file || reading) return;
    setReading(true);
    setMessage(null);
    try {
      const text = await decodeBarcode(file);
      if (text !== null) return onScanned(text);
      setMessage(SCAN_MESSAGES.noCode);
      input.value = ''; // the same photo taken again is a change
    } catch (error) {
      if (!(error instanceof DecoderUnavailable)) throw error;
      setMessage(unavailable());
    } finally {
      setReading(false);
    }
  };

  const status = reading ? SCAN_MESSAGES.reading : CAMERA_STATUS[camera];
  return (
    <dialog
      ref={dialog}
      class="scan-dialog"
      aria-labelledby="scan-titre"
      // Escape: the browser's cancel, or the key itself where a dialog has no cancel (happy-dom). Either closes it here.
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="scan-titre">{title}</h2>
      <p role="status" class="hint">{status}</p>
      {/* The camera's image: seen, not heard; what it finds is said through the field it fills. */}
      <video ref={video} class="scan-video" hidden={camera !== 'on'} muted playsInline autoPlay aria-label="Image de la caméra" />
      <div class="field">
        <label class="file-button">
          <input id="scan-photo" type="file" accept="image/*" capture="environment" aria-describedby="scan-photo-aide" onChange={(event) => void readPhoto(event.currentTarget)} />
          <span class="button">Photographier l'étiquette</span>
        </label>
        <p class="hint" id="scan-photo-aide">Ou choisissez une photo de l'étiquette déjà prise.</p>
      </div>
      {message && (
        <p role="alert" class="field-error">
          {message}
        </p>
      )}
      <div class="actions">
        <button type="button" class="button secondary" onClick={onClose}>
          Fermer
        </button>
      </div>
    </dialog>
  );
}
