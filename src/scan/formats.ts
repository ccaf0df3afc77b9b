// What a scan looks for and what it gives back, in plain data: the symbologies inventory stickers carry, under the
// names each decoder knows them by, and the text a code yields once it is fit for a one-line field.
import { trimText } from '../model/text';

/** The symbologies read, each under its Barcode Detection API name and its ZXing-C++ name. */
export const SCAN_FORMATS = [
  { native: 'qr_code', zxing: 'QRCode' },
  { native: 'code_128', zxing: 'Code128' },
  { native: 'code_39', zxing: 'Code39' },
  { native: 'ean_13', zxing: 'EAN13' },
  { native: 'data_matrix', zxing: 'DataMatrix' },
] as const;

/** Pixels as ImageData holds them (RGBA, row after row): an ImageData is one, and so is what a Node test makes. */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export type NativeFormat = (typeof SCAN_FORMATS)[number]['native'];
export type ZXingFormat = (typeof SCAN_FORMATS)[number]['zxing'];

export const NATIVE_FORMATS: NativeFormat[] = SCAN_FORMATS.map((f) => f.native);
export const ZXING_FORMATS: ZXingFormat[] = SCAN_FORMATS.map((f) => f.zxing);

/**
 * True when a browser's BarcodeDetector reads every format we need. Chrome on Android reads them all; a detector
 * that misses one (Code 39 or DataMatrix on some systems) would leave that sticker unread, so ZXing is used instead.
 */
export function nativeCoversAll(supported: readonly string[]): boolean {
  return NATIVE_FORMATS.every((format) => supported.includes(format));
}

// C0 and C1 controls (a GS1 group separator, a line break in a QR code): an input of one line cannot show them.
const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);

/** The text a code carries, as the inventory field takes it: a run of controls as a space, trimmed; null if empty. */
export function scannedText(raw: string): string | null {
  let shown = '';
  let afterControl = false;
  for (const char of raw) {
    const control = isControl(char.charCodeAt(0));
    if (!control) shown += char;
    else if (!afterControl) shown += ' ';
    afterControl = control;
  }
  const text = trimText(shown);
  return text === '' ? null : text;
}

/** The first code that yields any text: a sticker has one code, and a photo of two stickers takes the first found. */
export function firstText(raws: readonly string[]): string | null {
  for (const raw of raws) {
    const text = scannedText(raw);
    if (text !== null) return text;
  }
  return null;
}
