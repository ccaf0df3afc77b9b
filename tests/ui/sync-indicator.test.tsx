// The header's sync indicator: what waits, in words that tell new work from deletions, and a calm first start.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { del, set } from 'idb-keyval';
import { SyncIndicator } from '../../src/ui/sync-indicator';
import { outboxState, refreshOutboxState, startSync, syncNotices, syncView, type FicheSyncState } from '../../src/state/sync';
import { fireEvent } from '@testing-library/preact';
import { saveRevision } from '../../src/storage/fiches';
import { makeClassroomData } from '../../src/model/make';
import { freshDeviceDb } from '../support/db';

afterEach(async () => {
  cleanup();
  outboxState.value = new Map();
  syncNotices.value = [];
  syncView.value = { phase: 'idle', lastSyncAt: null, message: null };
  await del('sync');
});

const pending = (deleted: boolean): FicheSyncState => ({ state: 'pending', deleted });
const status = () => screen.getAllByRole('status')[0]?.textContent;

describe('SyncIndicator', () => {
  it('counts deleted classrooms apart from the fiches waiting: "2 fiches et 1 suppression en attente d\'envoi"', () => {
    outboxState.value = new Map([
      ['a', pending(false)],
      ['b', pending(false)],
      ['c', pending(true)],
    ]);
    render(<SyncIndicator />);
    expect(status()).toBe("2 fiches et 1 suppression en attente d'envoi");
  });

  it('does not say everything is sent while a fiche waits for a choice, and links it to the arbitration screen', () => {
    outboxState.value = new Map([['a', { state: 'arbitrate' }]]);
    syncView.value = { phase: 'idle', lastSyncAt: null, message: null };
    render(<SyncIndicator />);
    expect(status()).toBe('Le reste est envoyé · 1 fiche à arbitrer');
    expect(screen.getByRole('link', { name: '1 fiche à arbitrer' }).getAttribute('href')).toBe('#/arbitrage');
  });

  it('says a deletion alone waits as a deletion, not as a fiche', () => {
    outboxState.value = new Map([['c', pending(true)]]);
    render(<SyncIndicator />);
    expect(status()).toBe("1 suppression en attente d'envoi");
  });

  it('says at first start, calmly, that sync is not set up yet, with a link to the Appareil screen', async () => {
    render(<SyncIndicator />);
    freshDeviceDb();
    startSync();
    expect(await screen.findByText('Synchronisation pas encore réglée : les fiches restent sur cette tablette.', { exact: false })).toBeTruthy();
    expect(status()).toBe("Aucune fiche en attente d'envoi");
    expect(screen.getByRole('link', { name: 'Régler la synchronisation' }).getAttribute('href')).toBe('#/appareil');
    expect(screen.queryByText(/Envoi impossible/)).toBeNull();
    expect(document.querySelector('.sync-indicator')?.className).toBe('sync-indicator sync-unconfigured');
  });

  it('asks to correct a stored server address that cannot be read, before sending anything', async () => {
    await set('sync', { endpoint: 'http://tne13.exemple.fr/tne13/', token: 'jeton' });
    render(<SyncIndicator />);
    freshDeviceDb();
    startSync();
    expect(await screen.findByText("Envoi impossible : l'adresse du serveur de synchronisation est à corriger.", { exact: false })).toBeTruthy();
    expect(screen.getByRole('link', { name: "Corriger l'adresse" }).getAttribute('href')).toBe('#/appareil');
  });

  it('tells what a merge decided (a classroom deleted here and edited on another tablet is kept) until the user has read it', async () => {
    const db = freshDeviceDb();
    const id = crypto.randomUUID();
    await saveRevision(db, { id, kind: 'classroom', uai: '0130569Y', campaign: '2026-2027', data: makeClassroomData({ label: 'CE1' }), author: { name: 'Camille Martin', role: 'erun' } });
    await db.notices.add({ ficheId: id, message: 'supprimée sur cette tablette, modifiée sur une autre : la fiche est conservée avec ces modifications', at: new Date().toISOString() });
    await refreshOutboxState();
    render(<SyncIndicator />);
    expect(screen.getByText('Classe CE1 : supprimée sur cette tablette, modifiée sur une autre : la fiche est conservée avec ces modifications.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: "J'ai compris" }));
    await expect.poll(() => screen.queryByText(/Classe CE1 :/)).toBeNull();
    expect(await db.notices.count()).toBe(0);
  });
});
