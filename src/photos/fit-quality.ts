// The JPEG quality that brings a photo under its byte budget, found in few encodes: each one of a 1,600-px photo
// costs tens of milliseconds, more on a tablet. The size of a JPEG grows about exponentially with its quality, so the
// next quality tried is read off a straight line through the logarithms of the sizes already seen, kept inside the
// bracket of what fits and what does not; a fit within a few percent of the budget is taken at once.

export interface Encoded<T> {
  quality: number;
  bytes: number;
  /** The encoding itself (a Blob in the app). */
  result: T;
}

export interface FitOptions {
  maxBytes: number;
  /** The first quality tried: a photo that fits at it is taken as is. */
  start?: number;
  /** The lowest quality worth keeping: below it a smaller photo looks better than a blockier one. */
  floor?: number;
  /** Qualities closer than this are not told apart. */
  precision?: number;
}

export interface Fit<T> {
  /** The best encoding that fits; undefined when even the floor does not (the photo must be made smaller). */
  fit: Encoded<T> | undefined;
  /** Every encoding made, in order. */
  tried: Encoded<T>[];
}

export const JPEG_START_QUALITY = 0.85;
export const JPEG_FLOOR_QUALITY = 0.5;
const PRECISION = 0.04;
/** A fit this close to the budget is taken: more encodes would gain a few percent of bytes, invisibly. */
const GOOD_ENOUGH = 0.9;
/** Where the interpolation aims, just under the budget, so that its guess lands inside rather than just over. */
const AIM = 0.95;
/**
 * How fast ln(bytes) grows with the quality where fewer than two sizes are known: Chromium's encoder on a detailed
 * photograph resized to 1,600 px gave 1.5 between 0.5 and 0.6, 2.3 between 0.6 and 0.85.
 */
const LOG_SLOPE = 2.2;
const MAX_ENCODES = 6;

export async function fitQuality<T>(encode: (quality: number) => Promise<Encoded<T>>, options: FitOptions): Promise<Fit<T>> {
  const { maxBytes, start = JPEG_START_QUALITY, floor = JPEG_FLOOR_QUALITY, precision = PRECISION } = options;
  const tried: Encoded<T>[] = [];
  const attempt = async (quality: number) => {
    const encoded = await encode(round(quality));
    tried.push(encoded);
    return encoded;
  };
  let over = await attempt(start);
  if (over.bytes <= maxBytes) return { fit: over, tried };
  let fit: Encoded<T> | undefined;
  while (tried.length < MAX_ENCODES) {
    const low = fit?.quality ?? floor;
    if (over.quality - low <= precision) break;
    const guess = fit ? interpolate(fit, over, maxBytes * AIM) : over.quality + Math.log((maxBytes * AIM) / over.bytes) / LOG_SLOPE;
    // Inside the bracket, and a step away from either end so that every encode narrows it.
    const quality = Math.min(over.quality - precision / 2, Math.max(fit ? low + precision / 2 : floor, guess));
    const encoded = await attempt(quality);
    if (encoded.bytes <= maxBytes) {
      fit = encoded;
      if (encoded.bytes >= maxBytes * GOOD_ENOUGH) break;
    } else {
      over = encoded;
      if (!fit && encoded.quality <= floor) break;
    }
  }
  return { fit, tried };
}

/**
 * The bytes an encoding at `quality` would take, read off the encodings `tried` (of the same picture): on the line
 * through the logarithms of the two farthest apart, or of the one with LOG_SLOPE.
 */
export function estimateBytes(tried: readonly Encoded<unknown>[], quality: number): number {
  const sorted = [...tried].sort((a, b) => a.quality - b.quality);
  const low = sorted[0];
  const high = sorted[sorted.length - 1];
  if (!low || !high) throw new Error('nothing tried to estimate from');
  const slope = high.quality > low.quality ? (Math.log(high.bytes) - Math.log(low.bytes)) / (high.quality - low.quality) : LOG_SLOPE;
  return low.bytes * Math.exp((quality - low.quality) * (slope > 0 ? slope : LOG_SLOPE));
}

/** The quality at which ln(bytes) reaches ln(target) on the line through `a` and `b`. */
function interpolate(a: Encoded<unknown>, b: Encoded<unknown>, target: number): number {
  const slope = (Math.log(b.bytes) - Math.log(a.bytes)) / (b.quality - a.quality);
  if (!Number.isFinite(slope) || slope <= 0) return (a.quality + b.quality) / 2;
  return a.quality + (Math.log(target) - Math.log(a.bytes)) / slope;
}

/** Qualities on a grid of 0.01: encoders round finer ones anyway, and traces read better. */
const round = (quality: number) => Math.round(quality * 100) / 100;
