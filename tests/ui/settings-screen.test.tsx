// "Paramètres du référentiel": one line per parameter, as PARAM_SETTINGS describes it, and the validation every other
// reader of a référentiel applies.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { clear } from 'idb-keyval';
import { SettingsScreen } from '../../src/ui/screens/settings-screen';
import { referential } from '../../src/state/referential';
import { PARAM_KEYS, PARAM_SETTINGS } from '../../src/model/referential-settings';
import { defaultReferentialFor, REFERENTIAL_V1 } from '../../src/model/referential';
import { getSimulation } from '../../src/storage/prefs';
import { useGapsClient } from '../../src/state/gaps';
import { inThreadGapsClient } from '../../src/state/gaps-client';
import { territoryFor } from '../../src/territory/territory-for';

beforeEach(async () => {
  await clear();
  referential.value = REFERENTIAL_V1;
  useGapsClient(inThreadGapsClient());
});
afterEach(cleanup);

const numberField = (label: string) => screen.getByLabelText(label, { exact: false, selector: 'input' }) as HTMLInputElement;

describe('SettingsScreen', () => {
  it('shows every parameter of the référentiel once, with its value, unit and the assumption it still holds', () => {
    render(<SettingsScreen />);
    for (const key of PARAM_KEYS) {
      const { label, choices } = PARAM_SETTINGS[key];
      if (choices) expect((within(screen.getByRole('group', { name: label })).getByRole('radio', { name: String(REFERENTIAL_V1.params[key]) }) as HTMLInputElement).checked).toBe(true);
      else expect(numberField(label).value).toBe(String(REFERENTIAL_V1.params[key] ?? '').replace('.', ','));
    }
    expect(screen.getByLabelText('Débit descendant minimal (vide : non évalué)', { exact: false, selector: 'input' })).toBeTruthy();
    expect(screen.getByText('Valeur par défaut (8) : hypothèse, à confirmer par le Département.')).toBeTruthy();
  });

  it('names the parameter in its message, keeps what was typed and saves no new version', async () => {
    render(<SettingsScreen />);
    fireEvent.input(numberField("Mémoire vive minimale d'un ordinateur"), { target: { value: '300' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les paramètres' }));
    expect(await screen.findByText("Mémoire vive minimale d'un ordinateur (Go) : saisissez un nombre entre 1 et 256 (saisi : 300).")).toBeTruthy();
    expect(numberField("Mémoire vive minimale d'un ordinateur").value).toBe('300');
    expect(referential.value.version).toBe(REFERENTIAL_V1.version);
  });

  it('saves a new local version with the parameter chosen', async () => {
    render(<SettingsScreen />);
    fireEvent.click(screen.getByRole('radio', { name: '12' }));
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les paramètres' }));
    expect(await screen.findByText(/^Paramètres enregistrés : référentiel 2026\.1-local\.1\.$/)).toBeTruthy();
    expect(referential.value.params.terminalsPerGroup).toBe(12);
  });

  it('edits the priority scale and prices the néo-titulaire kit, saved as a new local version', async () => {
    render(<SettingsScreen />);
    expect(screen.getByRole('heading', { name: 'Barème de priorité des écoles', level: 2 })).toBeTruthy();
    expect(numberField('École en REP+').value).toBe('40');
    fireEvent.input(numberField('École en REP+'), { target: { value: '50' } });
    const kit = screen.getByRole('group', { name: "Kit d'équipement d'un néo-titulaire" });
    fireEvent.input(within(kit).getByLabelText('Prix unitaire HT (vide : non chiffré)', { exact: false, selector: 'input' }), { target: { value: '650' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les paramètres' }));
    expect(await screen.findByText(/^Paramètres enregistrés : référentiel 2026\.1-local\.1\.$/)).toBeTruthy();
    expect(referential.value.priorityWeights).toEqual({ ...REFERENTIAL_V1.priorityWeights, repPlus: 50 });
    expect(referential.value.prices.find((p) => p.item === 'kit-neo-titulaire')?.unitPriceHt).toBe(650);
  });
});

describe('SettingsScreen in a département without configuration', () => {
  it('shows its targets empty, sets one, leaves the other not set, and keeps the territory in the version saved', async () => {
    referential.value = defaultReferentialFor(territoryFor('094'));
    render(<SettingsScreen />);
    expect(screen.getByText('Vide : objectif non fixé.')).toBeTruthy();
    expect(numberField('Classes à équiper').value).toBe('');
    fireEvent.input(numberField('Classes à équiper'), { target: { value: '400' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les paramètres' }));
    expect(await screen.findByText(/^Paramètres enregistrés : référentiel 2026\.1-local\.1\.$/)).toBeTruthy();
    expect(referential.value.targets).toEqual({ classes: 400, newTeachers: null });
    expect(referential.value.territory.chefsDeFile.map((c) => c.id)).toEqual(['cd94']);
    expect((await getSimulation())?.territory?.name).toBe('Val-de-Marne');
  });
});
