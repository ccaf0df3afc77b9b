// One 12-megapixel photo from a tablet's camera (4000×3000, EXIF Orientation 6 and GPS, about 4.3 MB: the test
// fixture of tests/photos) prepared as the app prepares it, in headless Chromium: preparePhoto, through the photo
// worker and Comlink, timed from the call to the result, which is what the user waits for before the thumbnail shows.
// The first call starts the worker; the others find it running. Then the same photo once in the page, to show where
// the time goes (decode, encodes of the quality search).
import { launchBrowser } from '../tests/e2e/support/browser';
import { servePhotoPage } from '../tests/photos/support/photo-page-server';
import type { PhotoTestApi } from '../tests/photos/support/photo-page';
import { describe } from './stats';
import { machine } from './machine';

const RUNS = 5;

const served = await servePhotoPage();
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(served.url);
  await page.waitForFunction(() => 'photoTest' in globalThis);
  const fixture = await page.evaluate(() => (globalThis as unknown as { photoTest: PhotoTestApi }).photoTest.makeFixture('camera'));
  const runs: Array<{ ms: number; bytes: number }> = [];
  for (let i = 0; i < RUNS; i += 1) {
    runs.push(await page.evaluate(() => (globalThis as unknown as { photoTest: PhotoTestApi }).photoTest.timeInWorker('camera')));
  }
  const traced = await page.evaluate(() => (globalThis as unknown as { photoTest: PhotoTestApi }).photoTest.inPage('camera'));
  console.log(`photo compression, Chromium ${browser.version()} (a 4000×3000 JPEG of ${(fixture.bytes / 1e6).toFixed(1)} MB with EXIF)`);
  console.log(`  preparePhoto through the worker, call to result: ${describe(runs.map((r) => r.ms))}`);
  console.log(`  the first of them, the worker started by it: ${(runs[0]?.ms ?? Number.NaN).toFixed(2)} ms`);
  console.log(`  output: ${[...new Set(runs.map((r) => r.bytes))].join(', ')} bytes`);
  if (traced.ok && traced.trace) {
    const { decodeMs, encodes } = traced.trace;
    const steps = encodes.map((e) => `${e.width}×${e.height} q${e.quality} ${e.bytes} B ${e.ms.toFixed(0)} ms`).join('; ');
    console.log(`  in the page, once: decode ${decodeMs.toFixed(0)} ms, ${encodes.length} encodes (the first draws the resize): ${steps}`);
  }
} finally {
  await browser.close();
  await served.close();
}
console.log(`  machine: ${machine()}`);
