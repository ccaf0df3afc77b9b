// The app shell's banner while a simulation is in force (a référentiel edited in "Paramètres" on this device): on
// every screen, saying the figures are not the Département's, which version it started from when the Département has
// published another since, and going back to the Département's référentiel.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { clear } from 'idb-keyval';
import { App } from '../../src/ui/app';
import { SettingsScreen } from '../../src/ui/screens/settings-screen';
import { auditor } from '../../src/state/session';
import { loadReferential, referential, saveReferential, simulation } from '../../src/state/referential';
import { receiveReferential } from '../../src/state/referential-received';
import { REFERENTIAL_V1, type Referential } from '../../src/model/referential';
import { useGapsClient } from '../../src/state/gaps';
import { inThreadGapsClient } from '../../src/state/gaps-client';

const served = (version: string): Referential => ({ ...REFERENTIAL_V1, version, params: { ...REFERENTIAL_V1.params, maxAgeYears: 6 } });
const editable = ({ version: _v, rules: _r, assumptions: _a, ...rest }: Referential) => rest;
const banner = () => screen.queryByRole('region', { name: 'Simulation' });

beforeEach(async () => {
  await clear();
  await loadReferential();
  auditor.value = null;
  useGapsClient(inThreadGapsClient());
  await receiveReferential(served('2026.2'), '"e2"', new Date('2026-11-29T09:12:00.000Z'));
});
afterEach(cleanup);

describe('the simulation banner', () => {
  it('is absent while the Département’s référentiel is in force', () => {
    render(<App />);
    expect(banner()).toBeNull();
  });

  it('says a simulation is in force, then that the Département published since, and goes back to the Département’s', async () => {
    await saveReferential({ ...editable(referential.value), params: { ...referential.value.params, minRamGb: 4 } });
    render(<App />);
    expect(banner()?.querySelector('p')?.textContent).toBe(
      'Simulation : paramètres modifiés sur cet appareil (version 2026.2-local.1), les chiffres ne sont pas ceux du Département.',
    );

    await receiveReferential(served('2026.3'), '"e3"', new Date('2026-12-01T09:00:00.000Z'));
    await waitFor(() =>
      expect(banner()?.querySelector('p')?.textContent).toBe(
        'Simulation : paramètres modifiés sur cet appareil (version 2026.2-local.1), les chiffres ne sont pas ceux du Département. ' +
          'Elle part de la version 2026.2 ; le Département a depuis publié la version 2026.3.',
      ),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Revenir au référentiel du Département' }));
    await waitFor(() => expect(banner()).toBeNull());
    expect([referential.value.version, simulation.value]).toEqual(['2026.3', null]);
  });
});

describe('Paramètres', () => {
  it('says which version of the Département is held and when it was received, and whether a simulation replaces it', async () => {
    render(<SettingsScreen />);
    expect(screen.getByText(/^Référentiel du Département : version/).textContent).toBe(
      'Référentiel du Département : version 2026.2, reçue du serveur le 29/11/2026 à 10 h 12. Il est en vigueur sur cet appareil.',
    );
    fireEvent.input(screen.getByLabelText("Mémoire vive minimale d'un ordinateur", { exact: false, selector: 'input' }), { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les paramètres' }));
    expect(await screen.findByText('Paramètres enregistrés : référentiel 2026.2-local.1.')).toBeTruthy();
    expect(screen.getByText(/^Référentiel du Département : version/).textContent).toMatch(/Une simulation le remplace sur cet appareil\.$/);
    expect((screen.getByLabelText("Mémoire vive minimale d'un ordinateur", { exact: false, selector: 'input' }) as HTMLInputElement).value).toBe('4');
  });

  it('says so when no version was received yet: the one shipped with the app', async () => {
    await clear();
    await loadReferential();
    render(<SettingsScreen />);
    expect(screen.getByText(/^Référentiel du Département : version/).textContent).toBe(
      "Référentiel du Département : version 2026.1, celle livrée avec l'application (aucune reçue du serveur pour l'instant). Il est en vigueur sur cet appareil.",
    );
  });
});
