// ZXing-C++ in WebAssembly, for browsers without a BarcodeDetector that reads our formats (every desktop, iPads).
// WARNING: lazy chunk. Only decode-barcode.ts imports this module, through import(): neither its code nor its wasm
// (about 1 MB) is fetched before the first scan. The service worker keeps both once fetched (sw/sw.ts).
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { ZXING_FORMATS, type Pixels } from './formats';

// The wasm comes from the app's own origin, where Vite put it, never from the CDN the package defaults to: the tablet
// is often offline, and the CSP allows nothing else.
prepareZXingModule({
  overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
});

/**
 * Fetches and compiles the wasm, once. Rejects when it cannot be fetched or compiled (offline before the first scan,
 * a CSP without 'wasm-unsafe-eval'). The package keeps a failed load as it keeps a module: it is dropped (with the
 * overrides kept, whichever are set: ours, or the bytes a Node test gives) so that the next scan fetches it again.
 */
export async function loadZXing(): Promise<void> {
  try {
    await prepareZXingModule({ fireImmediately: true });
  } catch (error) {
    prepareZXingModule({ equalityFn: () => false });
    throw error;
  }
}

/** The texts of the valid codes found in an image file (the wasm decodes PNG, JPEG…) or in pixels. */
export async function readCodes(source: Blob | Pixels): Promise<string[]> {
  // One sticker per photo: stop at the first code. tryHarder (rotations, downscaling) suits a photo taken by hand.
  // Its types say ImageData; it reads data, width and height only (its README: "duck-typed"), which Pixels has.
  const results = await readBarcodes(source as Blob | ImageData, { formats: ZXING_FORMATS, tryHarder: true, maxNumberOfSymbols: 1 });
  return results.filter((result) => result.isValid).map((result) => result.text);
}
