// Reads the code on an inventory sticker: with the browser's own BarcodeDetector where it reads all our formats
// (Chrome on Android tablets), else with ZXing in WebAssembly, loaded on the first scan and never before.
import { firstText, NATIVE_FORMATS, nativeCoversAll, type Pixels } from './formats';

export type { Pixels } from './formats';

/** A photo file, a camera frame, or pixels (an ImageData is one). */
export type ScanSource = Blob | ImageBitmap | Pixels;

/** The decoder could not be fetched: offline before it was ever used, most likely. */
export class DecoderUnavailable extends Error {
  constructor(options?: ErrorOptions) {
    super('barcode decoder unavailable', options);
    this.name = 'DecoderUnavailable';
  }
}

// The Barcode Detection API is not in TypeScript's DOM library yet: the little of it used here.
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

let native: Promise<BarcodeDetectorLike | null> | undefined;

/** The browser's detector when it reads every format we need; asked once. */
function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  return (native ??= (async () => {
    const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
    if (!Detector) return null;
    try {
      return nativeCoversAll(await Detector.getSupportedFormats()) ? new Detector({ formats: NATIVE_FORMATS }) : null;
    } catch (error) {
      console.warn('BarcodeDetector unusable', error);
      return null;
    }
  })());
}

type ZXing = typeof import('./zxing-reader');

/** The ZXing chunk and its wasm, fetched on the first call; a failure is not kept, so the next scan tries again. */
async function zxing(): Promise<ZXing> {
  try {
    const module = await import('./zxing-reader');
    await module.loadZXing();
    return module;
  } catch (error) {
    throw new DecoderUnavailable({ cause: error });
  }
}

const isBitmap = (source: ScanSource): source is ImageBitmap => typeof ImageBitmap !== 'undefined' && source instanceof ImageBitmap;
const isBlob = (source: ScanSource): source is Blob => source instanceof Blob;

/** An ImageBitmap's pixels, which the wasm reads (it takes files or RGBA pixels, not bitmaps). */
function pixelsOf(bitmap: ImageBitmap): Pixels {
  const { width, height } = bitmap;
  const canvas = typeof OffscreenCanvas === 'undefined' ? Object.assign(document.createElement('canvas'), { width, height }) : new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!context) throw new Error('no 2d context');
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, width, height);
}

/** What the browser's detector takes: anything but plain pixels, which it wants as an ImageData. */
function forDetector(source: ScanSource): ImageBitmapSource {
  if (isBlob(source) || isBitmap(source) || source instanceof ImageData) return source;
  return new ImageData(new Uint8ClampedArray(source.data), source.width, source.height);
}

/**
 * The text of the first code found in `source` (QR code, Code 128, Code 39, EAN-13, DataMatrix), fit for a one-line
 * field, or null when none is found (an image the decoder cannot open counts as one without a code). Rejects with
 * DecoderUnavailable when the decoder cannot be loaded.
 */
export async function decodeBarcode(source: ScanSource): Promise<string | null> {
  const detector = await nativeDetector();
  if (detector) {
    try {
      return firstText((await detector.detect(forDetector(source))).map((code) => code.rawValue));
    } catch (error) {
      console.warn('BarcodeDetector could not read the image', error);
      return null;
    }
  }
  const reader = await zxing();
  try {
    return firstText(await reader.readCodes(isBitmap(source) ? pixelsOf(source) : source));
  } catch (error) {
    console.warn('ZXing could not read the image', error);
    return null;
  }
}
