// The quality search on encoders whose sizes are known: exponential curves, and the sizes Chromium's JPEG encoder
// gave for the camera fixture resized to 1,600 px (tests/photos/support/photo-page.ts), between which sizes are
// read on a log scale. What the browser really encodes is tests/photos/compress.e2e.ts.
import { describe, expect, it } from 'vitest';
import { estimateBytes, fitQuality, JPEG_FLOOR_QUALITY, JPEG_START_QUALITY, type Encoded, type Fit } from '../../src/photos/fit-quality';

const MEASURED: ReadonlyArray<readonly [quality: number, bytes: number]> = [
  [0.4, 215_734], [0.5, 255_252], [0.6, 295_817], [0.7, 355_626], [0.8, 448_431], [0.85, 527_335], [0.9, 666_744],
];

/** The camera fixture's size at `quality`, log-linear between the measured points. */
function measured(quality: number): number {
  const i = Math.max(1, MEASURED.findIndex(([q]) => q >= quality));
  const [q0, b0] = MEASURED[i - 1] as readonly [number, number];
  const [q1, b1] = MEASURED[i] as readonly [number, number];
  return Math.round(b0 * Math.exp(((quality - q0) / (q1 - q0)) * Math.log(b1 / b0)));
}

const exponential = (bytesAtZero: number, slope: number) => (quality: number) => Math.round(bytesAtZero * Math.exp(slope * quality));

function makeEncoder(size: (quality: number) => number) {
  return async (quality: number): Promise<Encoded<string>> => ({ quality, bytes: size(quality), result: `q${quality}` });
}

/** What any search must give: a fit under the budget, the best of those tried, nothing better left untried nearby. */
function expectSoundFit(result: Fit<string>, maxBytes: number) {
  const { fit, tried } = result;
  expect(fit).toBeDefined();
  if (!fit) return;
  expect(fit.bytes).toBeLessThanOrEqual(maxBytes);
  expect(tried.filter((e) => e.bytes <= maxBytes && e.quality > fit.quality)).toEqual([]);
  const closestOver = Math.min(...tried.filter((e) => e.bytes > maxBytes).map((e) => e.quality));
  expect(fit.bytes >= maxBytes * 0.9 || closestOver - fit.quality <= 0.04 + 1e-9).toBe(true);
}

describe('fitQuality', () => {
  it('takes the first encode when it fits', async () => {
    const result = await fitQuality(makeEncoder(measured), { maxBytes: 600_000 });
    expect(result.tried.map((e) => e.quality)).toEqual([JPEG_START_QUALITY]);
    expect(result.fit?.result).toBe('q0.85');
  });

  it('fits the camera fixture under 300,000 bytes in two encodes', async () => {
    const result = await fitQuality(makeEncoder(measured), { maxBytes: 300_000 });
    expectSoundFit(result, 300_000);
    expect(result.tried).toHaveLength(2);
    expect(result.fit?.quality).toBeGreaterThanOrEqual(0.55);
  });

  it.each([
    ['a steep curve', exponential(8_000, 5)],
    ['a flat curve', exponential(150_000, 1)],
    ['a curve steeper than assumed near the top', (q: number) => Math.round(100_000 * Math.exp(q) + 900_000 * Math.exp(12 * (q - 0.85)))],
  ])('finds a sound fit in at most 5 encodes on %s', async (_, curve) => {
    for (const maxBytes of [100_000, 200_000, 300_000]) {
      if (curve(JPEG_FLOOR_QUALITY) > maxBytes) continue;
      const result = await fitQuality(makeEncoder(curve), { maxBytes });
      expectSoundFit(result, maxBytes);
      expect(result.tried.length).toBeLessThanOrEqual(5);
    }
  });

  it('says there is no fit when even the floor quality is too big, having tried the floor', async () => {
    const result = await fitQuality(makeEncoder(measured), { maxBytes: 200_000 });
    expect(result.fit).toBeUndefined();
    expect(result.tried.at(-1)?.quality).toBe(JPEG_FLOOR_QUALITY);
    expect(result.tried.length).toBeLessThanOrEqual(3);
  });

  it('starts where it is told', async () => {
    const result = await fitQuality(makeEncoder(measured), { maxBytes: 400_000, start: 0.7 });
    expect(result.tried.map((e) => e.quality)).toEqual([0.7]);
  });
});

describe('estimateBytes', () => {
  it('reads an exponential curve exactly from two encodes', () => {
    const curve = exponential(50_000, 2.5);
    const tried = [0.5, 0.85].map((quality) => ({ quality, bytes: curve(quality), result: null }));
    expect(estimateBytes(tried, 0.7)).toBeCloseTo(curve(0.7), -1);
  });

  it('estimates from a single encode with the assumed slope, higher above it and lower below', () => {
    const tried = [{ quality: 0.5, bytes: 300_000, result: null }];
    expect(estimateBytes(tried, 0.7)).toBeGreaterThan(300_000);
    expect(estimateBytes(tried, 0.4)).toBeLessThan(300_000);
  });
});
