// The page the photo tests and the benchmark drive in Chromium, built with Vite as the app is (the photo worker
// bundled from its `new Worker(new URL(…))`): it makes the fixtures, runs the pipeline in the page or through the
// real worker, and describes the results in plain data the test reads back (bytes as base64, colours of corners).
import type { CompressOptions, CompressTrace } from '../../../src/photos/compress';
import { PhotoError } from '../../../src/photos/photo-error';
import { preparePhoto } from '../../../src/state/photo-client';
import { MAKE_FIXTURE, type FixtureName, type Rgb } from './fixtures';

export interface FixtureInfo {
  type: string;
  bytes: number;
  base64: string;
}

export interface Outcome {
  ok: true;
  type: string;
  bytes: number;
  width: number;
  height: number;
  sha256: string;
  base64: string;
  /** The photo as the page decodes it back. */
  decoded: { width: number; height: number; corners: { topLeft: Rgb; topRight: Rgb; bottomLeft: Rgb; bottomRight: Rgb }; centre: Rgb };
  thumbnail: { type: string; bytes: number; width: number; height: number };
  /** From the call to the result, as the page saw it. */
  elapsedMs: number;
  trace?: CompressTrace;
}

export interface Failure {
  ok: false;
  name: string;
  message: string;
  isPhotoError: boolean;
}

const fixtures = new Map<FixtureName, Blob>();

async function base64(blob: Blob): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
  return url.slice(url.indexOf(',') + 1);
}

async function makeFixture(name: FixtureName): Promise<FixtureInfo> {
  const blob = fixtures.get(name) ?? (await MAKE_FIXTURE[name]());
  fixtures.set(name, blob);
  return { type: blob.type, bytes: blob.size, base64: await base64(blob) };
}

/** The mean colour of a square of 2 % of the picture, its top-left corner at fractions (fx, fy) of it. */
function meanColour(g: OffscreenCanvasRenderingContext2D, width: number, height: number, fx: number, fy: number): Rgb {
  const side = Math.max(2, Math.round(Math.min(width, height) * 0.02));
  const x = Math.min(width - side, Math.round(fx * width));
  const y = Math.min(height - side, Math.round(fy * height));
  const px = g.getImageData(x, y, side, side).data;
  const sum = [0, 0, 0];
  for (let i = 0; i < px.length; i += 4) for (let c = 0; c < 3; c += 1) sum[c] = (sum[c] as number) + (px[i + c] as number);
  return sum.map((s) => Math.round(s / (px.length / 4))) as Rgb;
}

async function describeDecoded(blob: Blob): Promise<Outcome['decoded']> {
  const bitmap = await createImageBitmap(blob);
  const { width, height } = bitmap;
  const g = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
  g.drawImage(bitmap, 0, 0);
  bitmap.close();
  const at = (fx: number, fy: number) => meanColour(g, width, height, fx, fy);
  return {
    width,
    height,
    corners: { topLeft: at(0.01, 0.01), topRight: at(0.97, 0.01), bottomLeft: at(0.01, 0.97), bottomRight: at(0.97, 0.97) },
    centre: at(0.49, 0.49),
  };
}

async function outcome(run: () => Promise<{ photo: Awaited<ReturnType<typeof preparePhoto>>; trace?: CompressTrace }>): Promise<Outcome | Failure> {
  const start = performance.now();
  try {
    const { photo, trace } = await run();
    const elapsedMs = performance.now() - start;
    const thumbnail = await createImageBitmap(photo.thumbnail);
    const result: Outcome = {
      ok: true,
      type: photo.type,
      bytes: photo.bytes,
      width: photo.width,
      height: photo.height,
      sha256: photo.sha256,
      base64: await base64(photo.blob),
      decoded: await describeDecoded(photo.blob),
      thumbnail: { type: photo.thumbnail.type, bytes: photo.thumbnail.size, width: thumbnail.width, height: thumbnail.height },
      elapsedMs,
      trace,
    };
    thumbnail.close();
    return result;
  } catch (error) {
    const e = error as Error;
    return { ok: false, name: e.name, message: e.message, isPhotoError: error instanceof PhotoError };
  }
}

const fixture = (name: FixtureName) => {
  const blob = fixtures.get(name);
  if (!blob) throw new Error(`fixture ${name} not made yet`);
  return blob;
};

export const photoTest = {
  makeFixture,
  /** The pipeline run in this page, with its trace. */
  inPage: (name: FixtureName, options?: CompressOptions) =>
    outcome(async () => (await import('../../../src/photos/compress')).compressPhotoTraced(fixture(name), options)),
  /** The app's way: preparePhoto, through the photo worker and Comlink. */
  inWorker: (name: FixtureName) => outcome(async () => ({ photo: await preparePhoto(fixture(name)) })),
  /** Milliseconds from the call of preparePhoto to its result, and the bytes: what the benchmark reads. */
  timeInWorker: async (name: FixtureName) => {
    const start = performance.now();
    const photo = await preparePhoto(fixture(name));
    return { ms: performance.now() - start, bytes: photo.bytes };
  },
};

export type PhotoTestApi = typeof photoTest;

(globalThis as unknown as { photoTest: PhotoTestApi }).photoTest = photoTest;
