// "Photos sur cet appareil" on the device screen: what the photos take, how many the server holds, the storage
// against its quota and the 80 % rule, and freeing the photos already sent (issue 17). The photos table is the app's
// own on fake-indexeddb; only the browser's storage estimate, which happy-dom lacks, is given.
import '../support/node-blob';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { DeviceScreen } from '../../src/ui/screens/device-screen';
import { setStorageEstimator } from '../../src/state/photo-space';
import { markUploaded, putPhotos } from '../../src/storage/photos';
import { freshDeviceDb } from '../support/db';
import { makeNewPhoto } from '../support/photos';

afterEach(() => {
  cleanup();
  setStorageEstimator(undefined);
});

/** A device holding `sent` images the server holds and `waiting` ones it does not: 50 ko each, a 256-byte thumbnail. */
async function deviceWith(sent: number, waiting: number, usage = 30 * 1024 * 1024, quota = 100 * 1024 * 1024) {
  const db = freshDeviceDb();
  const images = await Promise.all(Array.from({ length: sent + waiting }, () => makeNewPhoto(50 * 1024)));
  await db.transaction('rw', db.photos, () => putPhotos(db, images, new Date()));
  for (const photo of images.slice(0, sent)) await markUploaded(db, photo.sha256);
  setStorageEstimator(async () => ({ usage, quota }));
  render(<DeviceScreen />);
  return { db, section: within(screen.getByRole('region', { name: 'Photos sur cet appareil' })) };
}

const freeButton = (section: ReturnType<typeof within>) => section.getByRole('button', { name: 'Libérer les photos déjà envoyées' });

describe('DevicePhotos', () => {
  it('shows the photos, those waiting and those sent, the storage in % of its quota and the 80 % rule', async () => {
    const { section } = await deviceWith(2, 1);
    expect(await section.findByText('3 photos sur cet appareil : 151 ko.')).toBeTruthy();
    expect(section.getByText("En attente d'envoi au serveur : 1 photo (50 ko)")).toBeTruthy();
    expect(section.getByText("Déjà envoyées, encore entières sur l'appareil : 2 photos (100 ko)")).toBeTruthy();
    expect(section.getByText("Stockage de l'appareil : 30 % de l'espace accordé par le navigateur (30 Mo sur 100 Mo).")).toBeTruthy();
    expect(section.getByText(/^Au-delà de 80 % de cet espace, l'application refuse les nouvelles photos/)).toBeTruthy();
    expect(section.queryByText(/Les nouvelles photos sont refusées/)).toBeNull();
    expect(freeButton(section).getAttribute('aria-disabled')).toBe('false');
  });

  it('frees the photos already sent, keeping their thumbnails, and says what was freed', async () => {
    const { db, section } = await deviceWith(2, 1);
    fireEvent.click(await section.findByRole('button', { name: 'Libérer les photos déjà envoyées' }));
    expect(await section.findByText(/^2 photos libérées : 100 ko rendus à l'appareil\. Leurs miniatures restent dans les fiches/)).toBeTruthy();
    await waitFor(() => expect(section.getByText("Libérées (seule la miniature reste sur l'appareil) : 2 photos")).toBeTruthy());
    expect(section.getByText("Déjà envoyées, encore entières sur l'appareil : 0 photo")).toBeTruthy();
    const rows = await db.photos.toArray();
    expect(rows.filter((row) => row.blob).length).toBe(1);
    expect(rows.every((row) => row.thumbnail)).toBe(true);
    expect(freeButton(section).getAttribute('aria-disabled')).toBe('true');
  });

  it('keeps the button from freeing anything, and says why, when no photo sent is held whole', async () => {
    const { db, section } = await deviceWith(0, 2);
    const button = await section.findByRole('button', { name: 'Libérer les photos déjà envoyées' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    const reason = section.getByText("Rien à libérer : seules les photos déjà envoyées au serveur et encore entières sur l'appareil peuvent l'être.");
    expect(button.getAttribute('aria-describedby')).toBe(reason.id);
    fireEvent.click(button);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await db.photos.toArray()).every((row) => row.blob)).toBe(true);
    expect(section.queryByText(/libérées :/)).toBeNull();
  });

  it('says "moins de 1 %" of a quota barely used, not a "0 %" that would read as nothing stored', async () => {
    const { section } = await deviceWith(1, 0, 2 * 1024 * 1024, 10 * 1024 * 1024 * 1024);
    expect(await section.findByText(/^Stockage de l'appareil : moins de 1 % de l'espace accordé par le navigateur \(2 Mo sur/)).toBeTruthy();
  });

  it('says new photos are refused from 80 % of the quota on', async () => {
    const { section } = await deviceWith(1, 0, 80 * 1024 * 1024);
    expect(await section.findByText('Les nouvelles photos sont refusées : synchronisez, puis libérez les photos déjà envoyées.')).toBeTruthy();
  });

  it('says so when there is no photo, or the browser gives no figures', async () => {
    freshDeviceDb();
    setStorageEstimator(async () => undefined);
    render(<DeviceScreen />);
    const section = within(screen.getByRole('region', { name: 'Photos sur cet appareil' }));
    expect(await section.findByText('Aucune photo sur cet appareil.')).toBeTruthy();
    expect(section.getByText("Ce navigateur ne dit pas quel espace il accorde à l'application.")).toBeTruthy();
  });

  it('has no accessibility fault axe-core can find (WCAG 2.1 A and AA)', async () => {
    const { section } = await deviceWith(1, 1);
    await section.findByText(/photos sur cet appareil/);
    const result = await axe.run(screen.getByRole('region', { name: 'Photos sur cet appareil' }), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
