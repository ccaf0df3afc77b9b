// The photo pipeline in Chromium (Node has no createImageBitmap nor OffscreenCanvas) on images drawn and encoded
// there at test time, the same on every run: a 12-megapixel camera JPEG held upright (EXIF Orientation 6) with the
// place it was taken (GPS), a portrait photo, a PNG with transparency, a small photo, and a file that is no image.
// What comes out is checked from Node, on its bytes: size, frame header, segments, hash.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser';
import { PHOTO_MAX_SIDE_PX, PHOTO_TARGET_BYTES, THUMBNAIL_MAX_SIDE_PX } from '../../src/photos/compress';
import { UNREADABLE_PHOTO } from '../../src/photos/photo-error';
import { servePhotoPage, type PhotoPageServer } from './support/photo-page-server';
import type { Failure, Outcome, PhotoTestApi } from './support/photo-page';
import { BLUE, RED, type FixtureName } from './support/fixtures';
import { ascii, containsBytes, FIXTURE_CAMERA_MAKE, FIXTURE_LATITUDE_BYTES, jpegDimensions, jpegSegments } from './support/exif';

type Rgb = readonly [number, number, number];
type Options = Parameters<PhotoTestApi['inPage']>[1];

let served: PhotoPageServer;
let browser: Browser;

beforeAll(async () => {
  served = await servePhotoPage();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

/** The test page, `watch` called before it loads. */
async function openPage(watch?: (page: Page) => void): Promise<Page> {
  const page = await browser.newPage();
  watch?.(page);
  await page.goto(served.url);
  await page.waitForFunction(() => 'photoTest' in globalThis);
  return page;
}

const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

async function makeFixture(page: Page, name: FixtureName): Promise<Uint8Array> {
  const info = await page.evaluate((n) => (globalThis as unknown as { photoTest: PhotoTestApi }).photoTest.makeFixture(n), name);
  return bytesOf(info.base64);
}

function inPage(page: Page, name: FixtureName, options?: Options): Promise<Outcome | Failure> {
  return page.evaluate(([n, o]) => (globalThis as unknown as { photoTest: PhotoTestApi }).photoTest.inPage(n, o), [name, options] as const);
}

function inWorker(page: Page, name: FixtureName): Promise<Outcome | Failure> {
  return page.evaluate((n) => (globalThis as unknown as { photoTest: PhotoTestApi }).photoTest.inWorker(n), name);
}

function succeeded(result: Outcome | Failure): Outcome {
  if (!result.ok) throw new Error(`the pipeline failed: ${result.name}: ${result.message}`);
  return result;
}

/** Within a JPEG's error of `expected`, channel by channel. */
function expectColour(actual: Rgb, expected: Rgb) {
  expect(actual.map((c, i) => Math.abs(c - (expected[i] as number))).every((d) => d <= 30), `${actual} is not ${expected}`).toBe(true);
}

const isMarker = (rgb: Rgb) => [RED, BLUE].some((m) => rgb.every((c, i) => Math.abs(c - (m[i] as number)) <= 30));

/** What every photo the pipeline gives must be: a JPEG within the limits, its bytes those it says, nothing but pixels. */
function expectStoredPhoto(result: Outcome): Uint8Array {
  const bytes = bytesOf(result.base64);
  expect(result.type).toBe('image/jpeg');
  expect(bytes.length).toBe(result.bytes);
  expect(result.bytes).toBeLessThanOrEqual(PHOTO_TARGET_BYTES);
  expect(Math.max(result.width, result.height)).toBeLessThanOrEqual(PHOTO_MAX_SIDE_PX);
  expect(jpegDimensions(bytes)).toEqual({ width: result.width, height: result.height });
  expect(result.decoded).toMatchObject({ width: result.width, height: result.height });
  expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  // Chromium's canvas writes a JFIF APP0 and its sRGB colour profile (APP2): no APP1 (EXIF, XMP), no other APPn,
  // no comment.
  const metadata = jpegSegments(bytes).filter((s) => (s.marker >= 0xe0 && s.marker <= 0xef) || s.marker === 0xfe);
  expect(metadata.map((s) => `${s.marker.toString(16)} ${s.name}`)).toEqual(['e0 JFIF', 'e2 ICC_PROFILE']);
  expect(containsBytes(bytes, ascii('Exif'))).toBe(false);
  expect(containsBytes(bytes, FIXTURE_LATITUDE_BYTES)).toBe(false);
  expect(containsBytes(bytes, ascii(FIXTURE_CAMERA_MAKE))).toBe(false);
  expect(result.thumbnail.type).toBe('image/jpeg');
  return bytes;
}

/** The fixture carries what the pipeline must drop: else the checks above could not fail. */
function expectCameraMetadata(input: Uint8Array) {
  expect(jpegSegments(input).filter((s) => s.marker === 0xe1).map((s) => s.name)).toEqual(['Exif']);
  expect(containsBytes(input, FIXTURE_LATITUDE_BYTES)).toBe(true);
  expect(containsBytes(input, ascii(FIXTURE_CAMERA_MAKE))).toBe(true);
}

describe('compressPhoto, in the page', () => {
  let page: Page;
  const inputs = new Map<FixtureName, Uint8Array>();

  beforeAll(async () => {
    page = await openPage();
    for (const name of ['camera', 'portrait', 'png', 'small', 'text'] as const) inputs.set(name, await makeFixture(page, name));
  });

  it('makes a 12-megapixel camera JPEG held upright (Orientation 6, GPS) an upright JPEG under 300,000 bytes, without its metadata', async () => {
    const input = inputs.get('camera') as Uint8Array;
    expect(jpegDimensions(input)).toEqual({ width: 4000, height: 3000 });
    expect(input.length).toBeGreaterThan(3_000_000); // as heavy as a camera's photo
    expectCameraMetadata(input);

    const result = succeeded(await inPage(page, 'camera'));
    expectStoredPhoto(result);
    // Turned a quarter clockwise: 3000×4000-shaped, the stored top-left corner (red) now top right, the
    // bottom-right (blue) bottom left.
    expect(result.height).toBe(PHOTO_MAX_SIDE_PX);
    expect(result.width).toBe(1200);
    expectColour(result.decoded.corners.topRight, RED);
    expectColour(result.decoded.corners.bottomLeft, BLUE);
    expect(isMarker(result.decoded.corners.topLeft) || isMarker(result.decoded.corners.bottomRight)).toBe(false);
    expect(result.thumbnail).toMatchObject({ width: 240, height: THUMBNAIL_MAX_SIDE_PX });
    // The first encode is over the budget (the fixture is as hard as a detailed photograph); the search is short.
    const encodes = result.trace?.encodes ?? [];
    expect(encodes[0]?.bytes).toBeGreaterThan(PHOTO_TARGET_BYTES);
    expect(encodes.length).toBeLessThanOrEqual(3);
  });

  it('keeps a portrait photo portrait, its corners where they were, without its metadata', async () => {
    const input = inputs.get('portrait') as Uint8Array;
    expect(jpegDimensions(input)).toEqual({ width: 3000, height: 4000 });
    expectCameraMetadata(input);

    const result = succeeded(await inPage(page, 'portrait'));
    expectStoredPhoto(result);
    expect([result.width, result.height]).toEqual([1200, 1600]);
    expectColour(result.decoded.corners.topLeft, RED);
    expectColour(result.decoded.corners.bottomRight, BLUE);
  });

  it('gives a PNG white where it is transparent, a JPEG has no transparency', async () => {
    const result = succeeded(await inPage(page, 'png'));
    expectStoredPhoto(result);
    expect(result.width / result.height).toBeCloseTo(4 / 3, 2);
    expect(result.decoded.centre.every((c) => c >= 245)).toBe(true);
    expectColour(result.decoded.corners.topLeft, RED);
  });

  it('never enlarges a small photo', async () => {
    const result = succeeded(await inPage(page, 'small'));
    expectStoredPhoto(result);
    expect([result.width, result.height]).toEqual([800, 600]);
    expect(result.thumbnail).toMatchObject({ width: THUMBNAIL_MAX_SIDE_PX, height: 240 });
    expect(result.trace?.encodes).toHaveLength(1);
  });

  it('makes a photo smaller when even a low quality is too big for the budget', async () => {
    const maxBytes = 40_000;
    const result = succeeded(await inPage(page, 'camera', { maxBytes }));
    expect(result.bytes).toBeLessThanOrEqual(maxBytes);
    expect(result.height).toBeLessThan(PHOTO_MAX_SIDE_PX);
    expect(result.width / result.height).toBeCloseTo(3 / 4, 2);
    expectColour(result.decoded.corners.topRight, RED);
  });

  it('refuses a file that is not an image with a PhotoError the user can read', async () => {
    expect(await inPage(page, 'text')).toEqual({ ok: false, name: 'PhotoError', message: UNREADABLE_PHOTO, isPhotoError: true });
    expect(UNREADABLE_PHOTO).toBe("Ce fichier n'est pas une image lisible : choisissez une photo JPEG, PNG ou WebP.");
  });
});

describe('preparePhoto, through the photo worker', () => {
  let page: Page;
  const workers: string[] = [];
  const scripts: string[] = [];

  beforeAll(async () => {
    page = await openPage((opening) => {
      opening.on('worker', (worker) => workers.push(worker.url()));
      opening.on('request', (request) => void (request.url().endsWith('.js') && scripts.push(request.url())));
    });
    await makeFixture(page, 'camera');
    await makeFixture(page, 'text');
  });

  it('starts the worker on the first photo only, and gives what the pipeline gives in the page, byte for byte', async () => {
    expect(scripts.length).toBeGreaterThan(0); // the page's own were seen
    expect(workers).toEqual([]);
    expect(scripts.filter((url) => url.includes('photo.worker'))).toEqual([]);

    const result = succeeded(await inWorker(page, 'camera'));
    expect(workers).toHaveLength(1);
    expect(workers[0]).toMatch(/photo\.worker-[\w-]+\.js$/);
    expectStoredPhoto(result);
    expect([result.width, result.height]).toEqual([1200, 1600]);
    expectColour(result.decoded.corners.topRight, RED);
    // The same encoder on the same pixels: the worker runs this very pipeline.
    const here = succeeded(await inPage(page, 'camera'));
    expect(result.sha256).toBe(here.sha256);

    succeeded(await inWorker(page, 'camera'));
    expect(workers).toHaveLength(1); // one worker for every photo
  });

  it('gives back a PhotoError with its French message across the worker boundary', async () => {
    expect(await inWorker(page, 'text')).toEqual({ ok: false, name: 'PhotoError', message: UNREADABLE_PHOTO, isPhotoError: true });
  });
});
