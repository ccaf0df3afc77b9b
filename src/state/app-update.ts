// The service worker's registration and the offer of a new version: never forced, and applied only after every
// open form is on disk, so that an update never loses a draft.
import { signal } from '@preact/signals';
import type { Workbox } from 'workbox-window';
import { flushAllEditors } from './open-editors';

export const updateWaiting = signal(false);
let workbox: Workbox | undefined;

/** workbox-window comes in its own chunk, fetched alongside the first screen's. */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const { Workbox } = await import('workbox-window');
  workbox = new Workbox('/sw.js');
  workbox.addEventListener('waiting', () => (updateWaiting.value = true));
  await workbox.register();
}

/** Saves what is being typed, lets the new service worker take over, then reloads into the new version. */
export async function applyUpdate(): Promise<void> {
  if (!workbox) return;
  await flushAllEditors();
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}

export function dismissUpdate(): void {
  updateWaiting.value = false;
}
