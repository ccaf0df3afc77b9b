import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { ClassroomScreen } from '../../src/ui/screens/classroom-screen';
import { loadCampaignFiches } from '../../src/state/audits';
import { flushAllEditors } from '../../src/state/fiche-editor';
import { recomputeGaps } from '../../src/state/gaps';
import { auditor, campaign } from '../../src/state/session';
import { saveRevision } from '../../src/storage/fiches';
import { makeClassroomData } from '../../src/model/make';
import type { Author, ClassroomData } from '../../src/model/types';
import { freshDeviceDb } from '../support/db';

type Patch = Parameters<typeof makeClassroomData>[0];

const author: Author = { name: 'Camille Martin', role: 'erun' };
const uai = '0130569Y';
let db: ReturnType<typeof freshDeviceDb>;

beforeEach(async () => {
  db = freshDeviceDb();
  auditor.value = author;
  campaign.value = '2026-2027';
  await recomputeGaps(); // the engine holds the campaign before a form previews a classroom
});
afterEach(async () => {
  cleanup();
  await flushAllEditors();
});

/** The text a user reads, with the narrow no-break spaces of French amounts as plain spaces. */
const read = (element: HTMLElement) => (element.textContent ?? '').replace(/\s/g, ' ');

/** Opens the form of a classroom saved with `patch`, and gives the live badge once it has its verdict. */
async function badgeOf(patch: Patch): Promise<HTMLElement> {
  const id = crypto.randomUUID();
  const data: ClassroomData = makeClassroomData({ label: 'CM1 B', ...patch });
  await saveRevision(db, { id, kind: 'classroom', uai, campaign: '2026-2027', data, author });
  await loadCampaignFiches();
  render(<ClassroomScreen uai={uai} id={id} />);
  const heading = await screen.findByRole('heading', { level: 2, name: /socle/i }, { timeout: 5000 });
  return heading.closest('section') as HTMLElement;
}

const WORKING_LAPTOP = { type: 'laptop', condition: 'working', year: 2024, ramGb: 8, storage: 'ssd', linkedToDisplay: true } as const;

describe('the live socle badge of a classroom', () => {
  it('says an untouched classroom fails nothing and costs nothing, and what is left to record', async () => {
    const badge = await badgeOf({});
    expect(within(badge).getByRole('heading').textContent).toBe('Socle : à compléter');
    expect(badge.textContent).not.toMatch(/Manque|€/);
    expect(badge.textContent).toContain("Reste à renseigner : Type d'affichage, Ordinateur de la classe, Accès réseau.");
  });

  it('says why a working VPI from 2016 no longer counts, in the user’s words, not the rule’s', async () => {
    const badge = await badgeOf({ display: { type: 'vpi', condition: 'working', year: 2016 }, computer: WORKING_LAPTOP, network: { access: 'wifi' } });
    expect(within(badge).getByRole('heading').textContent).toBe('Pas au socle');
    expect(badge.textContent).toContain('Manque :Affichage collectif : VPI de 2016 : plus de 8 ans, ne compte plus pour le socle.');
    expect(badge.textContent).not.toContain('Un affichage collectif (vidéoprojecteur');
  });

  it('names the criterion an obsolete computer fails (year, memory, disk), as a modernisation and not a lack', async () => {
    const badge = await badgeOf({
      display: { type: 'eni', condition: 'working', year: 2023 },
      computer: { ...WORKING_LAPTOP, year: 2015, ramGb: 4, storage: 'hdd' },
      network: { access: 'wired' },
    });
    expect(within(badge).getByRole('heading').textContent).toBe('Au socle');
    expect(badge.textContent).toContain('À moderniser :Ordinateur à moderniser : Acheté en 2015, plus de 5 ans ; 4 Go de mémoire vive, moins de 8 Go ; disque dur, pas de SSD.');
    expect(badge.textContent).not.toContain('Manque');
  });

  it('lists the articles to buy with their amounts, and the unpriced ones as such', async () => {
    const badge = await badgeOf({ display: { type: 'none' }, computer: { type: 'none' }, network: { access: 'wifi' } });
    expect(read(badge)).toContain(
      "À prévoir : Écran numérique interactif (ENI 65\") : 2 700 € HT ; Installation d'un affichage collectif : 500 € HT ; Ordinateur de classe : non chiffré. Besoin estimé : 3 200 € HT + 1 article non chiffré.",
    );
  });

  it('clears the lack as soon as the user records a working ENI of this year', async () => {
    const badge = await badgeOf({ display: { type: 'none' }, computer: WORKING_LAPTOP, network: { access: 'wifi' } });
    expect(badge.textContent).toContain('Aucun affichage collectif dans la classe');
    fireEvent.click(within(screen.getByRole('group', { name: "Type d'affichage" })).getByRole('radio', { name: 'ENI (écran interactif)' }));
    fireEvent.click(within(screen.getByRole('group', { name: "État de l'affichage" })).getByRole('radio', { name: 'Fonctionnel' }));
    fireEvent.input(screen.getByLabelText("Année d'installation"), { target: { value: String(new Date().getFullYear()) } });
    await waitFor(() => expect(within(badge).getByRole('heading').textContent).toBe('Au socle'));
    expect(badge.textContent).not.toContain('Manque');
  });
});
