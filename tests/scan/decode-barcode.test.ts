// The decoder on generated images of known text, through ZXing's wasm (Node has no BarcodeDetector, nor has desktop
// Chromium): the crisp PNG a label printer makes, and a photo of the sticker, turned, scaled, unevenly lit and noisy.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { prepareZXingModule } from 'zxing-wasm/reader';
import { decodeBarcode, DecoderUnavailable } from '../../src/scan/decode-barcode';
import { giveReaderWasmBytes, photoOf, photoWithoutCode, writeCode, type PhotoOptions, type WritableFormat } from './barcode-images';

beforeEach(giveReaderWasmBytes);

const CODES: ReadonlyArray<readonly [WritableFormat, string]> = [
  ['QRCode', 'INV-2024-00123'],
  ['Code128', 'MAT-13-004512'],
  ['DataMatrix', 'ECOLE0130569Y/PC-07'],
  ['Code39', 'TNE13-0042'],
  ['EAN13', '3760123456784'],
];

describe('decodeBarcode on a PNG file (a Blob), as the file input gives it', () => {
  for (const [format, text] of CODES) {
    it(`reads the ${format} of "${text}"`, async () => {
      const { png } = await writeCode(text, format);
      expect(png.type).toBe('image/png');
      expect(await decodeBarcode(png)).toBe(text);
    });
  }
});

describe('decodeBarcode on a photo of the sticker (pixels, as a camera frame gives them)', () => {
  // Turned by hand, small in a larger frame, off centre. Linear codes are read along scan lines that must cross every
  // bar: they are turned less, and matrix codes get twice the noise.
  const PHOTOS: ReadonlyArray<readonly [WritableFormat, string, PhotoOptions]> = [
    ['QRCode', 'INV-2024-00123', { scale: 5.5, angle: 23, at: [0.4, 0.55], noise: 24 }],
    ['DataMatrix', 'ECOLE0130569Y/PC-07', { scale: 6.5, angle: -31, at: [0.6, 0.45], noise: 24 }],
    ['Code128', 'MAT-13-004512', { scale: 2.6, angle: 7, at: [0.5, 0.6] }],
    ['Code39', 'TNE13-0042', { scale: 2.6, angle: -5, at: [0.45, 0.5] }],
    ['EAN13', '3760123456784', { scale: 3.2, angle: 4, at: [0.55, 0.4] }],
  ];
  for (const [format, text, placement] of PHOTOS) {
    it(`reads the ${format} turned ${placement.angle}° at ${placement.scale} px a module, noise ±${placement.noise ?? 12}, in an 800×600 frame`, async () => {
      const code = await writeCode(text, format);
      expect(await decodeBarcode(photoOf(code, placement))).toBe(text);
    });
  }

  it('reads a QR code turned upside down (a tablet held the other way)', async () => {
    const code = await writeCode('INV-2024-00123', 'QRCode');
    expect(await decodeBarcode(photoOf(code, { scale: 5, angle: 180 }))).toBe('INV-2024-00123');
  });
});

describe('decodeBarcode when there is nothing to read', () => {
  it('answers null for a photo without a code', async () => {
    expect(await decodeBarcode(photoWithoutCode())).toBeNull();
  });

  it('answers null for a file that is not an image', async () => {
    expect(await decodeBarcode(new Blob(['pas une image'], { type: 'image/png' }))).toBeNull();
  });

  it('answers null for a code in a format it does not look for (a PDF417)', async () => {
    const { png } = await writeCode('INV-2024-00123', 'PDF417');
    expect(await decodeBarcode(png)).toBeNull();
  });
});

describe('decodeBarcode when the decoder cannot be loaded', () => {
  /** A web server for the wasm that fails every request (as the network does offline) until it is told to serve. */
  async function wasmServer() {
    let requests = 0;
    let online = false;
    const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
    const server = createServer((_request, response) => {
      requests += 1;
      if (online) response.writeHead(200, { 'content-type': 'application/wasm' }).end(wasm);
      else response.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return { url: `http://127.0.0.1:${port}/zxing_reader.wasm`, requests: () => requests, goOnline: () => void (online = true) };
  }

  it('rejects with DecoderUnavailable, then fetches the wasm again on the next scan rather than keep the failure', async () => {
    const wasm = await wasmServer();
    // One set of overrides for both scans, as in the app, where the wasm's address never changes.
    prepareZXingModule({ overrides: { locateFile: () => wasm.url } });
    const { png } = await writeCode('INV-2024-00123', 'QRCode');

    await expect(decodeBarcode(png)).rejects.toBeInstanceOf(DecoderUnavailable);
    const afterFailure = wasm.requests();
    expect(afterFailure).toBeGreaterThan(0);
    wasm.goOnline();
    expect(await decodeBarcode(png)).toBe('INV-2024-00123');
    expect(wasm.requests()).toBeGreaterThan(afterFailure);
  });
});

describe('decodeBarcode on text a one-line field cannot hold as is', () => {
  it('turns a line break into a space and trims the ends', async () => {
    const { png } = await writeCode('  SALLE 12\nPC-3  ', 'QRCode');
    expect(await decodeBarcode(png)).toBe('SALLE 12 PC-3');
  });
});
