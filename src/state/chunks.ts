// A chunk of the app fetched after the first screen (the database, sync, the gaps engine). The service worker
// precaches every chunk, but a first visit can lose the network before it has: such a chunk is then fetched again
// when the network comes back, rather than the app saying it cannot start; meanwhile `chunkAwaited` lets the screen
// that waits for it say so. Any other failure is the caller's.
import { signal } from '@preact/signals';

/** A chunk could not be fetched and is awaited until the network comes back. */
export const chunkAwaited = signal(false);
const waiting = new Set<() => void>();

/** "Réessayer": every awaited chunk is fetched again now. */
export function retryChunks(): void {
  for (const resolve of [...waiting]) resolve();
}

/** Whether `error` is a chunk that could not be fetched (Chromium, Firefox and Safari word it differently). */
export function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(error.message)
  );
}

/** How long to wait before fetching a chunk again when the browser says nothing of the network. */
export const CHUNK_RETRY_MS = 5000;

/** Resolves when the browser says the network is back, after CHUNK_RETRY_MS, or on "Réessayer". */
export function networkBack(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      globalThis.removeEventListener?.('online', done);
      waiting.delete(done);
      resolve();
    };
    const timer = setTimeout(done, CHUNK_RETRY_MS);
    globalThis.addEventListener?.('online', done);
    waiting.add(done);
  });
}

/** `load()` (an `import()`), again each time the network may be back, until the chunk arrives. */
export async function importChunk<T>(load: () => Promise<T>, retryWhen: () => Promise<void> = networkBack): Promise<T> {
  for (;;) {
    try {
      const chunk = await load();
      chunkAwaited.value = false;
      return chunk;
    } catch (error) {
      if (!isChunkLoadError(error)) throw error;
      chunkAwaited.value = true;
      await retryWhen();
    }
  }
}
