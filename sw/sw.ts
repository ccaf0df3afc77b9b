/// <reference lib="webworker" />
// The service worker: precache the app shell, serve it for every navigation, keep the barcode decoder once it is
// used, never touch the API.
// Updates wait for the page to ask (SKIP_WAITING): an update is offered, never forced. The first install takes
// control of the page that installed it (clientsClaim), so that a first visit left open works offline without a reload.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { decoderFromCache, isDecoderFile } from './decoder-cache';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
clientsClaim();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));
// The barcode decoder, kept on first use rather than precached (decoder-cache.ts).
registerRoute(isDecoderFile, decoderFromCache);

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
