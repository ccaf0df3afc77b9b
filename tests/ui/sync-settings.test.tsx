// The sync settings of the Appareil screen: the server's address as a user pastes it, what the tablet receives (the
// whole département or chosen circonscriptions), and the restore button once a token is saved.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { del, get, set } from 'idb-keyval';
import { SyncSettings } from '../../src/ui/screens/sync-settings';
import { schools } from '../../src/state/directory';
import { makeDirectorySchool } from '../../src/model/make';

beforeEach(() => {
  schools.value = [
    makeDirectorySchool({ uai: '0134939Y', circonscription: 'Marseille 09 – Mazargues' }),
    makeDirectorySchool({ uai: '0130569Y', circonscription: 'Marseille 02 – Joliette' }),
    makeDirectorySchool({ uai: '0131790A', circonscription: 'Marseille 10 – Saint-Loup' }),
  ];
});
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

describe('SyncSettings: what this tablet receives', () => {
  const reach = (name: string) => screen.getByRole('radio', { name }) as HTMLInputElement;
  const circonscription = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;

  it('receives the whole département by default, and offers no circonscription to tick', async () => {
    render(<SyncSettings />);
    await waitFor(() => expect(reach('Tout le département').checked).toBe(true));
    expect(screen.getByRole('group', { name: 'Fiches reçues par cette tablette' })).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Circonscriptions reçues' })).toBeNull();
    expect(screen.getByText('Cette tablette reçoit les fiches de tout le département.')).toBeTruthy();
  });

  it('offers the directory’s circonscriptions in order, and keeps those ticked at once, with the server settings', async () => {
    await set('sync', { endpoint: 'http://192.168.1.20:4173/api/v1/sync', token: 'jeton' });
    render(<SyncSettings />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Certaines circonscriptions' }));
    const group = screen.getByRole('group', { name: 'Circonscriptions reçues' });
    expect([...group.querySelectorAll('label')].map((label) => label.textContent)).toEqual(['Marseille 02 – Joliette', 'Marseille 09 – Mazargues', 'Marseille 10 – Saint-Loup']);
    expect(screen.getByText("Cochez au moins une circonscription : tant qu'aucune ne l'est, la tablette reçoit tout le département.")).toBeTruthy();

    fireEvent.click(circonscription('Marseille 09 – Mazargues'));
    await waitFor(async () => expect(await get('sync')).toEqual({ endpoint: 'http://192.168.1.20:4173/api/v1/sync', token: 'jeton', circonscriptions: ['Marseille 09 – Mazargues'] }));
    expect(screen.getByText('Cette tablette reçoit les fiches de la circonscription Marseille 09 – Mazargues.')).toBeTruthy();
    fireEvent.click(circonscription('Marseille 02 – Joliette'));
    await waitFor(async () => expect((await get('sync')).circonscriptions).toEqual(['Marseille 02 – Joliette', 'Marseille 09 – Mazargues']));
    expect(screen.getByText('Cette tablette reçoit les fiches de 2 circonscriptions.')).toBeTruthy();
  });

  it('shows the choice kept, and goes back to the whole département', async () => {
    await set('sync', { endpoint: '', token: 'jeton', circonscriptions: ['Marseille 10 – Saint-Loup'] });
    render(<SyncSettings />);
    await waitFor(() => expect(reach('Certaines circonscriptions').checked).toBe(true));
    expect(circonscription('Marseille 10 – Saint-Loup').checked).toBe(true);
    expect(circonscription('Marseille 09 – Mazargues').checked).toBe(false);

    fireEvent.click(reach('Tout le département'));
    await waitFor(async () => expect(await get('sync')).toEqual({ endpoint: '', token: 'jeton' }));
    expect(screen.queryByRole('group', { name: 'Circonscriptions reçues' })).toBeNull();
  });

  it('still offers a circonscription kept that the directory no longer names, so that it can be unticked', async () => {
    await set('sync', { endpoint: '', token: 'jeton', circonscriptions: ['Ancienne circonscription'] });
    render(<SyncSettings />);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Ancienne circonscription' }));
    await waitFor(async () => expect(await get('sync')).toEqual({ endpoint: '', token: 'jeton' }));
  });

  it('keeps the circonscriptions chosen when the address and the token are saved again', async () => {
    await set('sync', { endpoint: '', token: 'ancien', circonscriptions: ['Marseille 09 – Mazargues'] });
    render(<SyncSettings />);
    await waitFor(() => expect((screen.getByLabelText("Jeton d'accès") as HTMLInputElement).value).toBe('ancien'));
    type("Jeton d'accès", 'nouveau');
    save();
    await screen.findByText(/^Réglages de synchronisation enregistrés/);
    expect(await get('sync')).toEqual({ endpoint: '', token: 'nouveau', circonscriptions: ['Marseille 09 – Mazargues'] });
  });
});

describe('SyncSettings: "Récupérer les fiches du serveur"', () => {
  const restore = () => screen.queryByRole('button', { name: 'Récupérer les fiches du serveur' });

  it('is offered only once a token is saved', async () => {
    render(<SyncSettings />);
    await screen.findByRole('radio', { name: 'Tout le département' });
    expect(restore()).toBeNull();
    type("Jeton d'accès", 'jeton-de-test');
    expect(restore()).toBeNull(); // typed, not saved yet
    save();
    await waitFor(() => expect(restore()).toBeTruthy());
    expect(restore()?.getAttribute('aria-describedby')).toBe('sync-restore-aide');
    expect(document.getElementById('sync-restore-aide')?.textContent).toContain('Les fiches saisies ici sont conservées.');
  });

  it('is offered at once when a token was saved before', async () => {
    await set('sync', { endpoint: '', token: 'jeton' });
    render(<SyncSettings />);
    await waitFor(() => expect(restore()).toBeTruthy());
  });
});
