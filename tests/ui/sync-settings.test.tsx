// The sync settings of the Appareil screen: the server's address as a user pastes it.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { del, get, set } from 'idb-keyval';
import { SyncSettings } from '../../src/ui/screens/sync-settings';

afterEach(async () => {
  cleanup();
  await del('sync');
});

const address = () => screen.getByLabelText('Adresse du serveur de synchronisation') as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Enregistrer et synchroniser' }));
const EXPECTED = "Adresse du serveur de synchronisation : écrivez l'adresse en entier, avec http:// ou https:// au début, comme https://tne13.exemple.fr/ (saisi : « 192.168.1.20:4173 »).";

describe('SyncSettings', () => {
  it('takes the server address as pasted and shows the endpoint it becomes', async () => {
    render(<SyncSettings />);
    type('Adresse du serveur de synchronisation', 'http://192.168.1.20:4173/');
    type("Jeton d'accès", ' jeton-de-test ');
    save();
    expect(await screen.findByText('Réglages de synchronisation enregistrés : les fiches seront envoyées à http://192.168.1.20:4173/api/v1/sync.')).toBeTruthy();
    expect(address().value).toBe('http://192.168.1.20:4173/api/v1/sync');
    expect(await get('sync')).toEqual({ endpoint: 'http://192.168.1.20:4173/api/v1/sync', token: 'jeton-de-test' });
  });

  it('says what is expected for an address it cannot read, keeps what was typed and saves nothing', async () => {
    render(<SyncSettings />);
    type('Adresse du serveur de synchronisation', '192.168.1.20:4173');
    type("Jeton d'accès", 'jeton-de-test');
    save();
    expect(await screen.findByText(EXPECTED)).toBeTruthy();
    expect(address().getAttribute('aria-invalid')).toBe('true');
    expect(address().value).toBe('192.168.1.20:4173');
    expect((screen.getByLabelText("Jeton d'accès") as HTMLInputElement).value).toBe('jeton-de-test');
    expect(await get('sync')).toBeUndefined();
  });

  it('takes the message away as soon as the address is fixed', async () => {
    render(<SyncSettings />);
    type('Adresse du serveur de synchronisation', '192.168.1.20:4173');
    save();
    await screen.findByText(EXPECTED);
    type('Adresse du serveur de synchronisation', 'http://192.168.1.20:4173');
    expect(screen.queryByText(EXPECTED)).toBeNull();
    expect(address().getAttribute('aria-invalid')).toBeNull();
  });

  it('shows a base address kept by an older version as the endpoint it is used as', async () => {
    await set('sync', { endpoint: 'http://192.168.1.20:4173/', token: 'jeton' });
    render(<SyncSettings />);
    await waitFor(() => expect(address().value).toBe('http://192.168.1.20:4173/api/v1/sync'));
  });
});
