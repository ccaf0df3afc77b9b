// "Récupérer les fiches du serveur" against a scripted server: the whole campaign in scope pulled again from the start
// (whatever the cursor says), how many fiches came, why none did, and a restore asked while a sync runs.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { del, set } from 'idb-keyval';
import { SyncRestore } from '../../src/ui/screens/sync-restore';
import { restoreFromServer, startSync, syncNow, syncView } from '../../src/state/sync';
import { auditor, campaign } from '../../src/state/session';
import { makeClassroomFiche } from '../../src/model/make';
import type { Head } from '../../src/model/sync-protocol';
import type { AuditDb } from '../../src/storage/db';
import { freshDeviceDb } from '../support/db';

const ENDPOINT = 'http://serveur.test/api/v1/sync';
const HEADS: Head[] = [1, 2, 3].map((seq) => ({ rev: 1, seq, record: makeClassroomFiche({ uai: '0134939Y', rev: 1, data: { label: `Classe ${seq}` } }) }));
let db: AuditDb;

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

/** The server: healthy or not, its heads paged by seq; each GET of changes says its `since` (null: from the start). */
function serve(options: { healthy?: boolean; gate?: Promise<void> } = {}) {
  const sinces: Array<string | null> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname.endsWith('/health')) {
        if (options.healthy === false) throw new TypeError('Failed to fetch');
        return json({ status: 'ok' });
      }
      if (url.pathname.endsWith('/changes')) {
        const since = url.searchParams.get('since');
        sinces.push(since);
        if (sinces.length > 1 && options.gate) await options.gate;
        const changes = HEADS.filter((head) => head.seq > Number(since ?? 0));
        return json({ changes, cursor: String(changes.at(-1)?.seq ?? since ?? '0'), more: false });
      }
      return new Response(null, { status: 304 }); // the directory: unchanged
    }),
  );
  return sinces;
}

/** The device with its token saved and sync started; resolves once its first sync has pulled everything. */
async function syncedDevice(sinces: Array<string | null>) {
  await set('sync', { endpoint: ENDPOINT, token: 'jeton' });
  startSync();
  await waitFor(() => expect(sinces).toEqual([null]));
  await waitFor(() => expect(syncView.value.phase).toBe('idle'));
  expect(await db.fiches.count()).toBe(3);
}

beforeEach(() => {
  db = freshDeviceDb();
  auditor.value = { name: 'Camille Martin', role: 'erun' };
  campaign.value = '2026-2027';
  syncView.value = { phase: 'idle', lastSyncAt: null, message: null };
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await del('sync');
});

const button = () => screen.getByRole('button', { name: 'Récupérer les fiches du serveur' });
const status = () => screen.getByRole('status').textContent;

describe('SyncRestore', () => {
  it('pulls every fiche of the campaign again, though the cursor had them all, and says how many came', async () => {
    const sinces = serve();
    await syncedDevice(sinces);
    render(<SyncRestore />);
    fireEvent.click(button());
    expect(status()).toBe('Récupération des fiches du serveur en cours…');
    expect(button().getAttribute('aria-disabled')).toBe('true');
    await waitFor(() => expect(status()).toBe('3 fiches reçues du serveur.'));
    expect(sinces).toEqual([null, null]);
    expect(await db.fiches.count()).toBe(3);
    expect(button().getAttribute('aria-disabled')).toBe('false');
  });

  it('says why nothing came when the server cannot be reached', async () => {
    serve({ healthy: false });
    await set('sync', { endpoint: ENDPOINT, token: 'jeton' });
    startSync();
    render(<SyncRestore />);
    await waitFor(() => expect(syncView.value.phase).toBe('offline'));
    fireEvent.click(button());
    await waitFor(() => expect(status()).toBe('Fiches non récupérées : serveur injoignable. Réessayez une fois la tablette connectée au réseau.'));
  });

  it('is unavailable while a sync runs, and says so', async () => {
    render(<SyncRestore />);
    syncView.value = { phase: 'syncing', lastSyncAt: null, message: null };
    await waitFor(() => expect(button().getAttribute('aria-disabled')).toBe('true'));
    expect(status()).toBe('Synchronisation en cours : le bouton sera disponible dans un instant.');
    fireEvent.click(button());
    expect(status()).toBe('Synchronisation en cours : le bouton sera disponible dans un instant.');
  });

  it('asked while a sync runs, waits for it, then pulls from the start', async () => {
    let open = () => undefined as void;
    const sinces = serve({ gate: new Promise<void>((resolve) => (open = resolve)) });
    await syncedDevice(sinces);
    const running = syncNow();
    await waitFor(() => expect(sinces).toEqual([null, '3']));
    const restored = restoreFromServer();
    open();
    await running;
    expect(await restored).toEqual({ ok: true, received: 3 });
    expect(sinces).toEqual([null, '3', null]);
  });
});
