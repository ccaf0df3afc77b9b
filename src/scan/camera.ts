// The tablet's back camera, for reading a sticker live: opened on demand, its frames decoded a few times a second
// until a code is found, and its tracks stopped when the scan ends (the camera's light goes out).
import { decodeBarcode } from './decode-barcode';

/** How often a frame is decoded: often enough to feel immediate, rarely enough for ZXing on a tablet's CPU. */
export const SCAN_INTERVAL_MS = 250;

/** Why the camera could not be opened: refused by the user (or the browser's policy), or none to open. */
export type CameraFailure = 'refused' | 'unavailable';

/** The back camera's stream, or why there is none. Never rejects. */
export async function openCamera(): Promise<MediaStream | CameraFailure> {
  if (!navigator.mediaDevices?.getUserMedia) return 'unavailable';
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: false, video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 } } });
  } catch (error) {
    console.warn('camera not opened', error);
    return error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'SecurityError') ? 'refused' : 'unavailable';
  }
}

export function stopCamera(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/**
 * Decodes the video's frames every SCAN_INTERVAL_MS, one at a time, until a code is read (its text is the answer) or
 * `signal` aborts (null). Rejects with DecoderUnavailable when the decoder cannot be loaded.
 */
export function scanVideo(video: HTMLVideoElement, signal: AbortSignal): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      clearTimeout(timer);
      resolve(null);
    };
    signal.addEventListener('abort', stop, { once: true });
    const tick = async () => {
      if (signal.aborted) return;
      try {
        const text = video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA ? await decodeFrame(video) : null;
        if (signal.aborted) return;
        if (text !== null) {
          signal.removeEventListener('abort', stop);
          resolve(text);
          return;
        }
        timer = setTimeout(() => void tick(), SCAN_INTERVAL_MS);
      } catch (error) {
        signal.removeEventListener('abort', stop);
        reject(error);
      }
    };
    void tick();
  });
}

async function decodeFrame(video: HTMLVideoElement): Promise<string | null> {
  const frame = await createImageBitmap(video);
  try {
    return await decodeBarcode(frame);
  } finally {
    frame.close();
  }
}
