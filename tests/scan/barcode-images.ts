// Images of codes of known text for the decoder's tests, no camera needed: the crisp PNG ZXing's writer makes, and a
// photo-like version of the same code (a white sticker on a grey, unevenly lit, noisy surface, turned and scaled),
// drawn here pixel by pixel from the writer's module matrix. Node has no canvas; pixels are what ImageData holds.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule as prepareWriter, writeBarcode, type WriterOptions } from 'zxing-wasm/writer';
import { prepareZXingModule as prepareReader } from 'zxing-wasm/reader';
import type { Pixels } from '../../src/scan/formats';
import { mulberry32 } from '../fixtures/departement/prng';

const resolve = createRequire(import.meta.url).resolve;
const bytesOf = (path: string) => {
  const file = readFileSync(resolve(path));
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
};

// One ArrayBuffer each, kept: the package compares overrides by reference and compiles again for a new object.
const READER_WASM = bytesOf('zxing-wasm/reader/zxing_reader.wasm');
const WRITER_WASM = bytesOf('zxing-wasm/writer/zxing_writer.wasm');
prepareWriter({ overrides: { wasmBinary: WRITER_WASM } });

/**
 * The app's wasm, given as bytes. In the browser src/scan/zxing-reader.ts fetches it from the URL Vite gives, a
 * path on the web server that Node cannot fetch; so the tests hand the same file over through the package's own
 * hook, after the app's module has set its URL (importing it sets it; a failed load sets it again).
 */
export async function giveReaderWasmBytes(): Promise<void> {
  await import('../../src/scan/zxing-reader');
  prepareReader({ overrides: { wasmBinary: READER_WASM } });
}

// PDF417: a code the app does not look for.
export type WritableFormat = 'QRCode' | 'Code128' | 'Code39' | 'EAN13' | 'DataMatrix' | 'PDF417';

export interface WrittenCode {
  /** A PNG file of the code with its quiet zones, as a label printer would print it. */
  png: Blob;
  /** The code's modules, dark (0) or light (255), one byte each, quiet zones excluded. */
  modules: Pixels;
  /** Light modules the sticker leaves around the code: a linear code needs 10, a matrix code less. */
  quietZone: number;
}

const LINEAR: ReadonlySet<WritableFormat> = new Set(['Code128', 'Code39', 'EAN13']);

export async function writeCode(text: string, format: WritableFormat, options: WriterOptions = {}): Promise<WrittenCode> {
  const written = await writeBarcode(text, { format, scale: 4, ...options });
  if (written.error || !written.image) throw new Error(`writer: ${written.error}`);
  const { data, width, height } = written.symbol;
  return { png: written.image, modules: { data, width, height }, quietZone: LINEAR.has(format) ? 10 : 4 };
}

const random = mulberry32;

export interface PhotoOptions {
  width?: number;
  height?: number;
  /** Pixels per module. */
  scale: number;
  /** Turn of the sticker, in degrees. */
  angle: number;
  /** Where the sticker's centre is, as a fraction of the image's width and height. */
  at?: readonly [number, number];
  /**
   * Noise on every pixel, in grey levels either way (12 by default: a camera's sensor noise after its own denoising).
   * Matrix codes still read under 24; ZXing's linear readers, which binarise scan line by scan line, do not.
   */
  noise?: number;
  seed?: number;
}

/**
 * The code as a tablet's camera might see its sticker: a grey surface lit from one side, the white sticker turned by
 * `angle`, the ink not quite black, edges smoothed (4 samples a pixel) and noise on every pixel. RGBA pixels.
 */
export function photoOf(code: Pick<WrittenCode, 'modules' | 'quietZone'>, options: PhotoOptions): Pixels {
  const { width = 800, height = 600, scale, angle, at = [0.5, 0.5], noise = 12, seed = 17 } = options;
  const next = random(seed);
  const { modules, quietZone: margin } = code;
  const [cx, cy] = [at[0] * width, at[1] * height];
  const [cos, sin] = [Math.cos((-angle * Math.PI) / 180), Math.sin((-angle * Math.PI) / 180)];
  /** The grey level of the scene at a point of the image. */
  const shade = (x: number, y: number): number => {
    const dx = x - cx;
    const dy = y - cy;
    const u = (dx * cos - dy * sin) / scale + modules.width / 2;
    const v = (dx * sin + dy * cos) / scale + modules.height / 2;
    if (u < -margin || v < -margin || u >= modules.width + margin || v >= modules.height + margin) return 110; // the surface
    const inCode = u >= 0 && v >= 0 && u < modules.width && v < modules.height;
    const dark = inCode && modules.data[Math.floor(v) * modules.width + Math.floor(u)] === 0;
    return dark ? 45 : 225;
  };
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const sampled = (shade(x + 0.25, y + 0.25) + shade(x + 0.75, y + 0.25) + shade(x + 0.25, y + 0.75) + shade(x + 0.75, y + 0.75)) / 4;
      const light = 0.75 + 0.3 * (x / width); // lit from the right
      const grey = sampled * light + (next() * 2 - 1) * noise;
      const i = (y * width + x) * 4;
      data[i] = grey + 6; // a warm cast: not a grey-only image
      data[i + 1] = grey;
      data[i + 2] = grey - 6;
      data[i + 3] = 255;
    }
  }
  return { data, width, height };
}

/** The same surface and noise with no sticker on it. */
export function photoWithoutCode(width = 800, height = 600): Pixels {
  const nothing = { modules: { data: new Uint8ClampedArray(0), width: 0, height: 0 }, quietZone: 0 };
  return photoOf(nothing, { width, height, scale: 1, angle: 0, at: [-10, -10] });
}
