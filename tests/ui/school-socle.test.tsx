import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { SchoolSocle, classroomVerdict } from '../../src/ui/components/school-socle';
import { campaignFiches } from '../../src/state/audits';
import { recomputeGaps, schoolGapsOf, showSchoolGaps } from '../../src/state/gaps';
import { loadDirectory } from '../../src/state/directory';
import { routeHash } from '../../src/state/route';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import type { Fiche } from '../../src/model/types';
import { freshDeviceDb } from '../support/db';

const UAI = '0134939Y'; // École élémentaire Sainte-Marguerite (demonstration directory)

beforeEach(async () => {
  freshDeviceDb();
  await loadDirectory();
});
afterEach(() => {
  cleanup();
  campaignFiches.value = new Map();
});

async function show(fiches: Fiche[]) {
  campaignFiches.value = new Map(fiches.map((f) => [f.id, f]));
  showSchoolGaps(UAI);
  await recomputeGaps(new Date('2026-11-28'));
  render(<SchoolSocle gaps={schoolGapsOf(UAI)} settingsHref={routeHash({ screen: 'settings' })} />);
}

const rowOf = (rule: string) => screen.getByRole('rowheader', { name: rule }).closest('tr') as HTMLElement;
const result = (rule: string) => (within(rowOf(rule)).getAllByRole('cell').at(-1)?.textContent ?? '').replace(/\s/g, ' ');

describe('the school’s rules, each with its reason', () => {
  const school = makeSchoolFiche({
    uai: UAI,
    data: {
      classesCount: 11,
      fleets: [{ id: 'flotte-1', type: 'tablet', count: 16, workingCount: 14, year: 2024, charging: 'cart', mdm: false }],
      wifi: { accessPoints: 4, coverage: 'partial', switchable: true },
      internet: { access: 'fibre', downloadMbps: 300, uploadMbps: 100 },
      filtering: true,
    },
  });

  it('says why E01, E02 and E03 fail, in words', async () => {
    await show([school]);
    expect(result('E01')).toBe('Non respectée : 14 terminaux comptés sur 30 requis (11 classes)');
    expect(result('E02')).toBe('Non respectée : Flotte sans MDM');
    expect(result('E03')).toBe('Non respectée : Wi-Fi dans une partie des classes');
  });

  it('says E04 is not evaluated because its threshold is not set, and links to where it is set', async () => {
    await show([school]);
    expect(result('E04')).toBe('Non évaluée : Seuil de débit non fixé : à régler dans Paramètres (« Débit descendant minimal ») Régler le seuil');
    expect(within(rowOf('E04')).getByRole('link', { name: 'Régler le seuil' }).getAttribute('href')).toBe('#/parametres');
  });

  it('counts the mobile terminals in words', async () => {
    await show([school]);
    expect(screen.getByText(/^Terminaux mobiles/).textContent?.replace(/\s/g, ' ')).toBe(
      "Terminaux mobiles : 14 terminaux fonctionnels comptés, 30 requis pour 11 classes (selon la fiche de l'école).",
    );
  });

  it('says the terminals are not recorded when the school fiche is missing, never "?"', async () => {
    await show([makeClassroomFiche({ uai: UAI, data: { label: 'CP' } })]);
    expect(screen.getByText(/^Terminaux mobiles/).textContent).toBe(
      "Terminaux mobiles : non renseignés (à saisir dans la fiche de l'école, « Flottes mobiles »).",
    );
    expect(screen.queryByText(/\?/)).toBeNull();
  });
});

describe('a classroom’s verdict in the school’s list', () => {
  it('names what a classroom lacks, and says an untouched one has nothing recorded', async () => {
    const lacking = makeClassroomFiche({ uai: UAI, data: { label: 'CP', display: { type: 'none' }, network: { access: 'none' } } });
    const untouched = makeClassroomFiche({ uai: UAI, data: { label: 'CE1' } });
    await show([lacking, untouched]);
    expect(classroomVerdict(schoolGapsOf(UAI)?.classrooms[lacking.id])).toBe('Pas au socle : affichage collectif, réseau dans la classe');
    expect(classroomVerdict(schoolGapsOf(UAI)?.classrooms[untouched.id])).toBe('À compléter : rien de saisi');
  });
});
