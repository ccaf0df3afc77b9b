import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { get } from 'idb-keyval';
import { ProfileScreen } from '../../src/ui/screens/profile-screen';
import { auditor, campaign } from '../../src/state/session';
import { currentCampaign } from '../../src/model/campaign';

beforeEach(() => {
  auditor.value = null;
  campaign.value = currentCampaign();
});
afterEach(cleanup);

describe('ProfileScreen on first run', () => {
  it('proposes the current school year as campaign', () => {
    render(<ProfileScreen firstRun />);
    expect((screen.getByLabelText('Campagne (année scolaire)') as HTMLInputElement).value).toBe(currentCampaign());
  });

  it('names the missing fields in French and keeps what was typed', async () => {
    render(<ProfileScreen firstRun />);
    fireEvent.input(screen.getByLabelText('Campagne (année scolaire)'), { target: { value: '2026-2028' } });
    fireEvent.click(screen.getByRole('button', { name: 'Commencer' }));
    expect(await screen.findByText("Nom de l'auteur : ce champ est obligatoire.")).toBeTruthy();
    expect(screen.getByText("Rôle de l'auteur : choisissez une réponse.")).toBeTruthy();
    expect(screen.getByText('Campagne : saisissez une année scolaire comme 2026-2027 (saisi : 2026-2028).')).toBeTruthy();
    expect((screen.getByLabelText('Campagne (année scolaire)') as HTMLInputElement).value).toBe('2026-2028');
    expect(auditor.value).toBeNull();
  });

  it('takes a message away as soon as its field is fixed, and keeps the others', async () => {
    render(<ProfileScreen firstRun />);
    fireEvent.click(screen.getByRole('button', { name: 'Commencer' }));
    expect(await screen.findByText("Nom de l'auteur : ce champ est obligatoire.")).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Votre nom et prénom'), { target: { value: 'Léa Durand' } });
    expect(screen.queryByText("Nom de l'auteur : ce champ est obligatoire.")).toBeNull();
    expect(screen.getByLabelText('Votre nom et prénom').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByText("Rôle de l'auteur : choisissez une réponse.")).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'ERUN' }));
    expect(screen.queryByText("Rôle de l'auteur : choisissez une réponse.")).toBeNull();
  });

  it('says nothing before "Commencer" is pressed', () => {
    render(<ProfileScreen firstRun />);
    fireEvent.input(screen.getByLabelText('Votre nom et prénom'), { target: { value: '' } });
    expect(screen.queryByText(/ce champ est obligatoire/)).toBeNull();
  });

  it('keeps the auditor and the campaign on the device', async () => {
    render(<ProfileScreen firstRun />);
    fireEvent.input(screen.getByLabelText('Votre nom et prénom'), { target: { value: '  Léa Durand ' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Technicien' }));
    fireEvent.click(screen.getByRole('button', { name: 'Commencer' }));
    await waitFor(() => expect(auditor.value).toEqual({ name: 'Léa Durand', role: 'technicien' }));
    expect(await get('auditor')).toEqual({ name: 'Léa Durand', role: 'technicien' });
    expect(await get('campaign')).toBe(currentCampaign());
  });
});
