// The device's storage: asking the browser to keep the data, and how much of it is used.
import { signal } from '@preact/signals';
import { onRevision } from './audits';

export interface StorageStatus {
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

/** Above this share of the quota, the device screen warns that data is at risk. */
export const STORAGE_WARNING_RATIO = 0.8;

export const storageStatus = signal<StorageStatus | null>(null);

export async function refreshStorageStatus(): Promise<void> {
  const storage = navigator.storage as StorageManager | undefined;
  const estimate = storage?.estimate ? await storage.estimate() : {};
  storageStatus.value = {
    persisted: storage?.persisted ? await storage.persisted() : null,
    usage: estimate.usage ?? null,
    quota: estimate.quota ?? null,
  };
}

/** Asks the browser, once the first fiche is saved, to keep this site's data even when space runs low. */
export function persistOnFirstSave(): () => void {
  const stop = onRevision(() => {
    stop();
    void navigator.storage?.persist?.().then(() => refreshStorageStatus());
  });
  return stop;
}
