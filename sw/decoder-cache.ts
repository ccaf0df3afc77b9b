/// <reference lib="webworker" />
// The barcode decoder (src/scan/zxing-reader.ts: a JS chunk and about 1 MB of wasm) is left out of the precache, so
// that installing the app does not download what most visits never use. It is kept here instead the first time a
// scan fetches it, and served from this cache ever after, offline too. Its names carry a hash of their content, so
// a file kept is never stale; when a new version brings a new name, the old file of that kind is dropped.
import type { RouteHandlerCallback, RouteMatchCallback } from 'workbox-core';

export const DECODER_CACHE = 'tne13-lecteur-codes';

/** `/assets/zxing-reader-<hash>.js` (the chunk) and `/assets/zxing_reader-<hash>.wasm`, as Vite names them. */
const DECODER_FILE = /^\/assets\/zxing[-_]reader-[\w-]+\.(js|wasm)$/;

export const isDecoderFile: RouteMatchCallback = ({ url, sameOrigin }) => sameOrigin && DECODER_FILE.test(url.pathname);

const kindOf = (url: string) => new URL(url).pathname.split('.').pop();

/** Cache first; on a miss, the network, and what it answers well is kept in place of the older file of its kind. */
export const decoderFromCache: RouteHandlerCallback = async ({ request }) => {
  const cache = await caches.open(DECODER_CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) {
    const kind = kindOf(request.url);
    const older = (await cache.keys()).filter((key) => key.url !== request.url && kindOf(key.url) === kind);
    await Promise.all([cache.put(request, response.clone()), ...older.map((key) => cache.delete(key))]);
  }
  return response;
};
