// A chunk that could not be fetched (a first visit that lost the network) is fetched again; other failures are not.
import { describe, expect, it, vi } from 'vitest';
import { chunkAwaited, importChunk, isChunkLoadError, retryChunks } from '../../src/state/chunks';

const CHROMIUM = new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1/assets/db-xu4YHnvm.js');

describe('importChunk', () => {
  it('fetches a chunk again each time the network may be back, until it arrives', async () => {
    let attempts = 0;
    let waits = 0;
    const load = async () => {
      attempts += 1;
      if (attempts < 3) throw CHROMIUM;
      return { appDb: 'la base' };
    };
    expect(await importChunk(load, async () => void (waits += 1))).toEqual({ appDb: 'la base' });
    expect([attempts, waits]).toEqual([3, 2]);
  });

  it('gives any other failure to its caller at once', async () => {
    let waits = 0;
    const failing = importChunk(async () => Promise.reject(new Error('QuotaExceededError')), async () => void (waits += 1));
    await expect(failing).rejects.toThrow('QuotaExceededError');
    expect(waits).toBe(0);
  });
});

describe('isChunkLoadError', () => {
  it('knows the words of Chromium, Firefox and Safari, and nothing else', () => {
    expect(isChunkLoadError(CHROMIUM)).toBe(true);
    expect(isChunkLoadError(new TypeError('error loading dynamically imported module: /assets/sync.js'))).toBe(true);
    expect(isChunkLoadError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isChunkLoadError(new TypeError("Cannot read properties of undefined (reading 'open')"))).toBe(false);
    expect(isChunkLoadError(new Error('Failed to fetch dynamically imported module'))).toBe(false);
  });
});

describe('chunkAwaited', () => {
  it('says a chunk is awaited from its first failure to its arrival, and "Réessayer" fetches it again at once', async () => {
    let attempts = 0;
    const loading = importChunk(async () => {
      attempts += 1;
      if (attempts === 1) throw CHROMIUM;
      return 'sync';
    });
    await vi.waitFor(() => expect(chunkAwaited.value).toBe(true));
    retryChunks(); // long before CHUNK_RETRY_MS
    expect(await loading).toBe('sync');
    expect(chunkAwaited.value).toBe(false);
    expect(attempts).toBe(2);
  });
});
