// The directory import of the "Appareil" screen: "Annuler l'import" while the files are read says so in French and
// leaves the device's directory as it was. Here the files are read in this thread (happy-dom has no Worker), by a
// stand-in that answers when the test says.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { DirectoryImport } from '../../src/ui/screens/directory-import';
import { listSchools, putSchools } from '../../src/storage/directory';
import { makeDirectorySchool } from '../../src/model/make';
import type { DirectoryImport as Imported, Progress } from '../../src/directory/import-files';
import { freshDeviceDb } from '../support/db';
import { gapSummary, useGapsClient } from '../../src/state/gaps';
import { inThreadGapsClient } from '../../src/state/gaps-client';

const reading = vi.hoisted(() => ({ started: false, finish: (_: unknown) => {}, progress: (_done: number, _total: number) => {} }));

vi.mock('../../src/directory/import-files', () => ({
  importDirectoryFiles: (_files: unknown, _options: unknown, onProgress?: Progress) => {
    reading.started = true;
    reading.progress = onProgress ?? (() => {});
    onProgress?.(10, 100);
    return new Promise((resolve) => (reading.finish = resolve));
  },
}));

beforeEach(() => {
  useGapsClient(inThreadGapsClient());
  gapSummary.value = null;
});

afterEach(() => {
  cleanup();
  reading.started = false;
});

const KEPT = [makeDirectorySchool({ uai: '0130569Y', source: 'annuaire' })];
const IN_THE_FILE = makeDirectorySchool({ uai: '0130541T', name: 'École élémentaire Canet Ambrosini', source: 'annuaire' });
const READ: Imported = {
  schools: [IN_THE_FILE],
  report: { read: 1, kept: 1, skipped: [], refused: [], encoding: 'utf-8' } as unknown as Imported['report'],
  effectifsRefused: [],
  ipsRefused: [],
};

async function startImport() {
  const db = freshDeviceDb();
  await putSchools(db, KEPT);
  render(<DirectoryImport />);
  const input = screen.getByLabelText("Annuaire de l'éducation (fichier CSV)") as HTMLInputElement;
  input.files = [new File(['UAI;Nom\r\n'], 'annuaire.csv', { type: 'text/csv' })] as unknown as FileList;
  fireEvent.submit(screen.getByRole('button', { name: "Importer l'annuaire" }).closest('form') as HTMLFormElement);
  await vi.waitFor(() => expect(reading.started).toBe(true));
  return db;
}

describe('DirectoryImport', () => {
  it('can be cancelled while the files are read: it says so and the directory stays as it was', async () => {
    const db = await startImport();
    fireEvent.click(await screen.findByRole('button', { name: "Annuler l'import" }));
    expect((await screen.findByText(/^Import annulé/)).textContent).toBe("Import annulé : l'annuaire de l'appareil n'a pas changé.");
    expect(screen.queryByRole('button', { name: "Annuler l'import" })).toBeNull();
    expect(screen.getByRole('button', { name: "Importer l'annuaire" })).toHaveProperty('disabled', false);

    reading.progress(50, 100); // progress sent just before the cancel, arriving late
    reading.finish(READ); // the reading, in this thread, ends after all: its schools are dropped
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByText('Import en cours')).toBeNull();
    expect(await listSchools(db)).toEqual(KEPT);
  });

  it('merges what was read when it is not cancelled', async () => {
    const db = await startImport();
    reading.finish(READ);
    expect(await screen.findByText(/^Import terminé/)).toBeTruthy();
    expect((await listSchools(db)).map((s) => s.uai)).toEqual([IN_THE_FILE.uai]);
    // The gaps are computed again over the new directory (and the test ends once they are).
    await vi.waitFor(() => expect(gapSummary.value?.departement.total.schools).toBe(1));
  });
});
