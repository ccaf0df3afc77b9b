import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { DeviceScreen } from '../../src/ui/screens/device-screen';
import { storageStatus } from '../../src/state/persistence';
import { exportBackup } from '../../src/storage/backup';
import { freshDb, freshDeviceDb } from '../support/db';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

// happy-dom has no StorageManager: the screen is fed the status that refreshStorageStatus would read.
async function show(status: typeof storageStatus.value) {
  freshDeviceDb();
  render(<DeviceScreen />);
  await new Promise((resolve) => setTimeout(resolve, 20)); // after the screen's own first reading
  storageStatus.value = status;
}

describe('DeviceScreen', () => {
  it('says the storage is protected and how much of it is used', async () => {
    await show({ persisted: true, usage: 12 * 1024 * 1024, quota: 600 * 1024 * 1024 });
    expect(await screen.findByText('Stockage protégé : le navigateur conservera les données de cette application.')).toBeTruthy();
    expect(screen.getByText('Espace utilisé : 12 Mo sur 600 Mo (2 %).')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('warns above 80 % of the quota, and when the storage is not protected', async () => {
    await show({ persisted: false, usage: 81, quota: 100 });
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain("l'espace de stockage est presque plein");
    expect(screen.getByText(/Stockage non protégé/)).toBeTruthy();
  });

  it('does not warn at 80 % exactly', async () => {
    await show({ persisted: true, usage: 80, quota: 100 });
    await screen.findByText(/Espace utilisé/);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('DeviceScreen backup', () => {
  it('imports a backup file picked without an error, and lets the same file be picked again', async () => {
    const errors = vi.spyOn(console, 'error');
    const failures: unknown[] = [];
    const onRejection = (reason: unknown) => failures.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const other = freshDb();
      const backup = await exportBackup(other, 'autre-tablette', { auditor: null, campaign: '2026-2027', referential: null });
      freshDeviceDb();
      render(<DeviceScreen />);
      const input = screen.getByLabelText('Importer une sauvegarde (fichier .json)') as HTMLInputElement;
      const file = new File([JSON.stringify(backup)], 'sauvegarde.json', { type: 'application/json' });
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      fireEvent.change(input);
      expect(await screen.findByText(/^Import terminé : 0 fiche ajoutée/)).toBeTruthy();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(input.value).toBe('');
      expect(failures).toEqual([]);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('names the backup file in Paris time, like the export: 00:30 in Paris is the next day in UTC', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T23:30:00Z'));
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:sauvegarde');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    freshDeviceDb();
    render(<DeviceScreen />);
    fireEvent.click(screen.getByRole('button', { name: "Exporter les données de l'appareil" }));
    expect(await screen.findByText(/^Sauvegarde enregistrée : tne13-sauvegarde-[0-9a-f]{8}-20261129-0030\.json\.$/)).toBeTruthy();
  });
});
