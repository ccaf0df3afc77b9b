import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { DeviceScreen } from '../../src/ui/screens/device-screen';
import { storageStatus } from '../../src/state/persistence';
import { freshDb } from '../support/db';

afterEach(cleanup);

// happy-dom has no StorageManager: the screen is fed the status that refreshStorageStatus would read.
async function show(status: typeof storageStatus.value) {
  render(<DeviceScreen db={freshDb()} />);
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
