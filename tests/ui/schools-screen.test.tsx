import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schoolFicheId } from '../../src/model/sync-protocol';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { SchoolsScreen } from '../../src/ui/screens/schools-screen';
import { loadDirectory, schoolFilter } from '../../src/state/directory';
import { loadCampaignFiches } from '../../src/state/audits';
import { saveRevision } from '../../src/storage/fiches';
import { makeClassroomData, makeDirectorySchool, makeSchoolData } from '../../src/model/make';
import { putSchools } from '../../src/storage/directory';
import { campaign } from '../../src/state/session';
import { freshDeviceDb } from '../support/db';
import { referential } from '../../src/state/referential';
import { defaultReferentialFor, REFERENTIAL_V1 } from '../../src/model/referential';
import { parseTerritoryFile } from '../../src/territory/territory-file';
import { territoryFor } from '../../src/territory/territory-for';
import { VITRY_TERRITORY_FILE } from '../directory/fixtures/annuaire-val-de-marne';

let db: ReturnType<typeof freshDeviceDb>;
const author = { name: 'Camille Martin', role: 'erun' as const };

beforeEach(async () => {
  db = freshDeviceDb();
  campaign.value = '2026-2027';
  schoolFilter.value = { query: '', circonscription: '', chefDeFile: '' };
  await loadDirectory();
  await loadCampaignFiches();
});
afterEach(cleanup);

const rows = () => screen.getAllByRole('listitem');

describe('SchoolsScreen', () => {
  it('lists the demonstration directory and says it is one', () => {
    render(<SchoolsScreen />);
    expect(rows()).toHaveLength(40);
    expect(screen.getByText(/Les écoles affichées sont fictives/)).toBeTruthy();
  });

  it('finds a school without accents, capitals or hyphens', () => {
    render(<SchoolsScreen />);
    fireEvent.input(screen.getByLabelText('Rechercher une école (nom, UAI ou commune)'), { target: { value: 'ecole ste marguerite' } });
    expect(rows().map((row) => within(row).getByRole('link').querySelector('strong')?.textContent)).toEqual([
      'École élémentaire Sainte-Marguerite',
    ]);
    expect(screen.getByRole('status').textContent).toBe('1 école sur 40');
  });

  it('filters by chef de file and by circonscription', () => {
    render(<SchoolsScreen />);
    fireEvent.click(screen.getByRole('radio', { name: 'Ville de Marseille' }));
    const marseille = rows().length;
    expect(marseille).toBeGreaterThan(0);
    expect(rows().every((row) => /Marseille \d+e/.test(row.textContent ?? ''))).toBe(true);
    const select = screen.getByLabelText('Circonscription') as HTMLSelectElement;
    const option = [...select.options].find((o) => o.value.startsWith('Marseille'));
    fireEvent.change(select, { target: { value: option?.value } });
    expect(rows().length).toBeLessThan(marseille);
    expect(rows().every((row) => row.textContent?.includes(option?.value ?? '?'))).toBe(true);
  });

  it('shows where each audit stands', async () => {
    const ficheCampaign = '2026-2027';
    await saveRevision(db, { id: crypto.randomUUID(), kind: 'classroom', uai: '0134939Y', campaign: ficheCampaign, data: makeClassroomData(), author });
    await saveRevision(db, { id: schoolFicheId(ficheCampaign, '0134939Y'), kind: 'school', uai: '0134939Y', campaign: ficheCampaign, data: makeSchoolData({ status: 'complete' }), author });
    await loadCampaignFiches();
    render(<SchoolsScreen />);
    fireEvent.input(screen.getByLabelText('Rechercher une école (nom, UAI ou commune)'), { target: { value: '0134939Y' } });
    expect(rows()[0]?.textContent).toContain('Terminé · 1 classe');
  });

  it('lists the schools of Marseille 1er before those of Marseille 10e, as people read them', () => {
    render(<SchoolsScreen />);
    const communes = rows().map((row) => row.querySelector('a span')?.textContent?.split(' · ')[0]);
    const marseille = [...new Set(communes.filter((c) => c?.startsWith('Marseille')))];
    expect(marseille.slice(0, 3)).toEqual(['Marseille 1er Arrondissement', 'Marseille 2e Arrondissement', 'Marseille 3e Arrondissement']);
    expect(marseille.indexOf('Marseille 9e Arrondissement')).toBeLessThan(marseille.indexOf('Marseille 10e Arrondissement'));
  });

  it('offers the circonscriptions in numeric order: Marseille 2 before Marseille 10', async () => {
    await putSchools(db, [
      makeDirectorySchool({ uai: '0130001F', circonscription: 'Marseille 10 – Saint-Loup', source: 'annuaire' }),
      makeDirectorySchool({ uai: '0130002G', circonscription: 'Marseille 2 – Joliette', source: 'annuaire' }),
    ]);
    await loadDirectory();
    render(<SchoolsScreen />);
    const options = [...(screen.getByLabelText('Circonscription') as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options.indexOf('Marseille 2 – Joliette')).toBeLessThan(options.indexOf('Marseille 10 – Saint-Loup'));
  });
});

describe('SchoolsScreen search by UAI and postcode', () => {
  const search = (value: string) => fireEvent.input(screen.getByLabelText('Rechercher une école (nom, UAI ou commune)'), { target: { value } });

  it('says a valid UAI it does not find is absent from the directory, with a link to import it', () => {
    render(<SchoolsScreen />);
    search('0131234W');
    const status = screen.getByRole('status');
    expect(status.textContent).toBe(
      "0 école sur 40L'école d'UAI 0131234W est absente de l'annuaire de cet appareil : importez l'annuaire (écran Appareil).",
    );
    expect(within(status).getByRole('link', { name: "importez l'annuaire (écran Appareil)" }).getAttribute('href')).toBe('#/appareil');
  });

  it('says which check letter is expected when the one typed is wrong', () => {
    render(<SchoolsScreen />);
    search('0134939z');
    expect(screen.getByText("« 0134939Z » n'est pas un UAI : sa lettre de contrôle est fausse, l'UAI de ces chiffres est 0134939Y.")).toBeTruthy();
  });

  it('says when the filters hide the school of the UAI typed', () => {
    render(<SchoolsScreen />);
    fireEvent.click(screen.getByRole('radio', { name: 'Conseil départemental 13' }));
    search('0134939Y');
    expect(screen.getByText("L'école d'UAI 0134939Y (École élémentaire Sainte-Marguerite) est dans l'annuaire, mais les filtres choisis l'écartent.")).toBeTruthy();
  });

  it('finds the schools of Marseille 9e from the postcode 13009', () => {
    render(<SchoolsScreen />);
    expect(screen.getByRole('searchbox', { name: /Rechercher une école/ }).getAttribute('aria-describedby')).toBe('recherche-aide');
    expect(screen.getByText('Ou un code postal, par exemple 13009.')).toBeTruthy();
    search('13009');
    expect(rows().length).toBeGreaterThan(0);
    expect(rows().every((row) => row.textContent?.includes('Marseille 9e Arrondissement'))).toBe(true);
  });
});

describe('the chef de file filter of another territory', () => {
  afterEach(() => {
    referential.value = REFERENTIAL_V1;
    schoolFilter.value = { ...schoolFilter.value, chefDeFile: '' };
  });

  it('lists the territory’s chefs de file in its order', () => {
    referential.value = defaultReferentialFor(territoryFor('094', parseTerritoryFile(VITRY_TERRITORY_FILE)));
    render(<SchoolsScreen />);
    const filter = screen.getByRole('group', { name: 'Chef de file' });
    expect(within(filter).getAllByRole('radio').map((r) => r.closest('label')?.textContent)).toEqual([
      'Tous', 'Ville de Vitry-sur-Seine', 'Conseil départemental du Val-de-Marne',
    ]);
  });

  it('is left out when the Conseil départemental is the only one', () => {
    referential.value = defaultReferentialFor(territoryFor('094'));
    render(<SchoolsScreen />);
    expect(screen.queryByRole('group', { name: 'Chef de file' })).toBeNull();
  });

  it('offers no postcode search where the app has no postcode table for the département', () => {
    referential.value = defaultReferentialFor(territoryFor('094'));
    render(<SchoolsScreen />);
    expect(screen.queryByText(/code postal/)).toBeNull();
    expect(screen.getByRole('searchbox', { name: /Rechercher une école/ }).hasAttribute('aria-describedby')).toBe(false);
  });
});
