// The photo pipeline, run in the photo worker: a photo as the camera or the gallery gives it (3 to 12 megapixels,
// 2 to 6 MB, with EXIF saying where it was taken) becomes what the tablet stores and sends: turned upright, at most
// 1,600 px on its longest side, a JPEG of at most 300,000 bytes, a small thumbnail and its SHA-256, its name on the
// server. Drawing the photo on a canvas and encoding the canvas keeps pixels only: EXIF with its GPS position, maker
// notes and comments do not survive it, which is how the place a photo was taken stays off the server.
//
// JPEG, not WebP, though Chromium's WebP is about a fifth smaller at the same quality setting (on the test's camera
// fixture at 1,600 px and 0.6: 296 kB in JPEG, 231 kB in WebP): Safari on an iPad cannot encode WebP from a canvas
// (it answers a PNG), and the export names the photos `.jpg`. One format from every tablet is worth more than the
// bytes, which the budget caps anyway.
import type { PhotoType } from '../model/types';
import { estimateBytes, fitQuality, JPEG_START_QUALITY, type Encoded } from './fit-quality';
import { PhotoError, UNREADABLE_PHOTO, UNSUPPORTED_BROWSER } from './photo-error';

/** The longest side of a stored photo: a label or a VPI's model stays readable, a fiche's photos stay small. */
export const PHOTO_MAX_SIDE_PX = 1600;
/** The largest stored photo: 20 photos of a fiche stay under 6 MB on the tablet and on the wire. */
export const PHOTO_TARGET_BYTES = 300_000;
/** The longest side of a thumbnail: sharp at 160 CSS px on a 2× screen. */
export const THUMBNAIL_MAX_SIDE_PX = 320;
const THUMBNAIL_QUALITY = 0.7;
/**
 * A photo still too big at the floor quality is made smaller, to fit at this quality (a smaller photo looks better
 * than a blockier one), aiming this far under the budget so that one encode is likely to be enough.
 */
const SHRUNK_QUALITY = 0.7;
const SHRINK_AIM = 0.85;
const MAX_ROUNDS = 6;

export interface CompressedPhoto {
  blob: Blob;
  type: PhotoType;
  bytes: number;
  width: number;
  height: number;
  /** A small JPEG (longest side ~320 px) for the form's thumbnails. */
  thumbnail: Blob;
  /** Lowercase hex SHA-256 of `blob`'s bytes: the photo's name on the server. */
  sha256: string;
}

export interface CompressOptions {
  /** The longest side, in px (PHOTO_MAX_SIDE_PX). */
  maxSidePx?: number;
  /** The largest photo, in bytes (PHOTO_TARGET_BYTES). */
  maxBytes?: number;
}

/** What a photo cost: how long it took to decode and every encode tried, to keep their number small. */
export interface CompressTrace {
  decodeMs: number;
  encodes: Array<{ width: number; height: number; quality: number; bytes: number; ms: number }>;
}

export async function compressPhoto(input: Blob, options?: CompressOptions): Promise<CompressedPhoto> {
  return (await compressPhotoTraced(input, options)).photo;
}

export async function compressPhotoTraced(input: Blob, options: CompressOptions = {}): Promise<{ photo: CompressedPhoto; trace: CompressTrace }> {
  const maxSide = options.maxSidePx ?? PHOTO_MAX_SIDE_PX;
  const maxBytes = options.maxBytes ?? PHOTO_TARGET_BYTES;
  if (typeof OffscreenCanvas === 'undefined' || typeof createImageBitmap === 'undefined') throw new PhotoError(UNSUPPORTED_BROWSER);
  const decodeStart = performance.now();
  const bitmap = await decode(input);
  const trace: CompressTrace = { decodeMs: performance.now() - decodeStart, encodes: [] };
  try {
    let size = fitWithin(bitmap.width, bitmap.height, maxSide);
    let start = JPEG_START_QUALITY;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const canvas = draw(bitmap, size.width, size.height);
      const { fit, tried } = await fitQuality((quality) => encodeTraced(canvas, quality, trace), { maxBytes, start });
      if (fit) return { photo: await finish(canvas, fit.result), trace };
      // Bytes grow about as the pixel count: shrink the area by as much as SHRUNK_QUALITY would overshoot.
      const shrink = Math.min(0.9, Math.sqrt((maxBytes * SHRINK_AIM) / estimateBytes(tried, SHRUNK_QUALITY)));
      size = { width: Math.max(1, Math.round(size.width * shrink)), height: Math.max(1, Math.round(size.height * shrink)) };
      start = SHRUNK_QUALITY;
    }
    throw new Error(`no encoding of the photo fits in ${maxBytes} bytes`);
  } finally {
    bitmap.close();
  }
}

async function decode(input: Blob): Promise<ImageBitmap> {
  try {
    // EXIF Orientation applied: a photo taken with the tablet held upright comes out upright, with no EXIF left to say so.
    return await createImageBitmap(input, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoError(UNREADABLE_PHOTO);
  }
}

/** The size of a `width`×`height` image scaled down (never up) to `maxSide` on its longest side. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function draw(source: CanvasImageSource, width: number, height: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new PhotoError(UNSUPPORTED_BROWSER);
  // JPEG has no transparency: a PNG's transparent parts come out white, as on the page, not black.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, width, height);
  return canvas;
}

async function encode(canvas: OffscreenCanvas, quality: number): Promise<Blob> {
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  // A browser that cannot encode the type asked for answers a PNG rather than failing.
  if (blob.type !== 'image/jpeg') throw new PhotoError(UNSUPPORTED_BROWSER);
  return blob;
}

async function encodeTraced(canvas: OffscreenCanvas, quality: number, trace: CompressTrace): Promise<Encoded<Blob>> {
  const start = performance.now();
  const blob = await encode(canvas, quality);
  trace.encodes.push({ width: canvas.width, height: canvas.height, quality, bytes: blob.size, ms: performance.now() - start });
  return { quality, bytes: blob.size, result: blob };
}

async function finish(canvas: OffscreenCanvas, blob: Blob): Promise<CompressedPhoto> {
  const small = fitWithin(canvas.width, canvas.height, THUMBNAIL_MAX_SIDE_PX);
  const thumbnail = await encode(draw(canvas, small.width, small.height), THUMBNAIL_QUALITY);
  return {
    blob,
    type: 'image/jpeg',
    bytes: blob.size,
    width: canvas.width,
    height: canvas.height,
    thumbnail,
    sha256: await sha256Hex(blob),
  };
}

/** Lowercase hex SHA-256 of a blob's bytes. */
export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
