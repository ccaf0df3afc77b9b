// preparePhoto where there is neither Worker nor OffscreenCanvas (Node, as an old browser): the pipeline runs in this
// thread and says in French that this browser cannot take photos, rather than failing on a missing name. The pipeline
// itself, and preparePhoto through its worker, run in Chromium: tests/photos/compress.e2e.ts.
import { describe, expect, it } from 'vitest';
import { PhotoError, preparePhoto } from '../../src/state/photo-client';
import { UNSUPPORTED_BROWSER } from '../../src/photos/photo-error';

describe('preparePhoto without Worker nor OffscreenCanvas', () => {
  it('rejects with a PhotoError the user can read', async () => {
    expect(typeof Worker).toBe('undefined');
    expect(typeof OffscreenCanvas).toBe('undefined');
    const error = await preparePhoto(new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoError);
    expect((error as PhotoError).message).toBe(UNSUPPORTED_BROWSER);
  });
});
