// The school's printable fiche: what the director and the collectivité read on it, from the device's fiches.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/preact';
import axe from 'axe-core';
import { SchoolPrintScreen } from '../../src/ui/screens/school-print-screen';
import { campaignFiches } from '../../src/state/audits';
import { loadDirectory } from '../../src/state/directory';
import { applyReferential, recomputeGaps, useGapsClient } from '../../src/state/gaps';
import { referential } from '../../src/state/referential';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { inThreadGapsClient } from '../../src/state/gaps-client';
import { auditor, campaign } from '../../src/state/session';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import type { Fiche } from '../../src/model/types';
import { freshDeviceDb } from '../support/db';

const UAI = '0134939Y'; // École élémentaire Sainte-Marguerite (demonstration directory), Ville de Marseille

beforeEach(async () => {
  freshDeviceDb();
  auditor.value = { name: 'Camille Martin', role: 'erun' };
  campaign.value = '2026-2027';
  await loadDirectory();
});
beforeAll(() => useGapsClient(inThreadGapsClient())); // one engine: a fresh one answers nothing before its first load
afterEach(() => {
  cleanup();
  campaignFiches.value = new Map();
});

const school = makeSchoolFiche({
  uai: UAI,
  author: { name: 'Sami Benali', role: 'technicien' },
  data: { visitDate: '2026-11-18', classesCount: 12, trainingNeeds: ['robotique-programmation'] },
});
/** No display and no computer: an ENI and its installation (priced), a class computer and its link (not priced). */
const bare = makeClassroomFiche({
  uai: UAI,
  data: { label: 'CP A', display: { type: 'none' }, computer: { type: 'none' }, network: { access: 'wifi' }, trainingNeeds: ['robotique-programmation', 'education-medias'] },
});
const equipped = makeClassroomFiche({
  uai: UAI,
  data: {
    label: 'CM2 B',
    display: { type: 'eni', condition: 'working', year: 2024 },
    computer: { type: 'laptop', condition: 'working', year: 2024, ramGb: 8, storage: 'ssd', linkedToDisplay: true },
    network: { access: 'wired' },
    trainingNeeds: ['enjeux-donnees'],
  },
});

async function show(fiches: Fiche[]) {
  campaignFiches.value = new Map(fiches.map((f) => [f.id, f]));
  const view = render(<SchoolPrintScreen uai={UAI} />);
  await recomputeGaps(new Date('2026-11-28'));
  await screen.findByRole('heading', { name: /^Classes/ });
  return view;
}

const text = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s/g, ' ');
/** The identity block as "term: value" pairs. */
const identity = () => Object.fromEntries([...document.querySelectorAll('.fiche-identity div')].map((d) => [text(d.querySelector('dt')), text(d.querySelector('dd'))]));
const rowOf = (name: string) => screen.getByRole('rowheader', { name }).closest('tr') as HTMLElement;

describe('the school’s printable fiche', () => {
  it('names the school with its UAI, directory entry, visit date and auditor', async () => {
    await show([school, bare, equipped]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Fiche école : École élémentaire Sainte-Marguerite');
    expect(identity()).toEqual({
      UAI: '0134939Y',
      Commune: 'Marseille 9e Arrondissement',
      Circonscription: 'Marseille 09 – Mazargues',
      'Chef de file': 'Ville de Marseille',
      'Éducation prioritaire': 'Non',
      IPS: '112,7',
      'Date de visite': '18/11/2026',
      Auditeur: 'Sami Benali (Technicien)',
      "État de l'audit": 'Brouillon',
    });
  });

  it('lists each classroom with its equipment, whether it meets the socle, and why not', async () => {
    await show([school, bare, equipped]);
    expect(within(rowOf('CM2 B')).getAllByRole('cell').map(text)).toEqual(['ENI (2024)', 'Portable (2024)', 'Filaire', 'Oui', '–']);
    const cells = within(rowOf('CP A')).getAllByRole('cell').map(text);
    expect(cells.slice(0, 4)).toEqual(['Aucun', 'Aucun', 'Wi-Fi', 'Non']);
    expect([...rowOf('CP A').querySelectorAll('li')].map(text)).toEqual([
      'Affichage collectif : Aucun affichage collectif dans la classe',
      "Ordinateur de classe : Pas d'ordinateur dans la classe",
    ]);
  });

  it('costs the needs, says "non chiffré" for an article without a price, and estimates the State’s share', async () => {
    await show([school, bare, equipped]);
    const rows = [...document.querySelectorAll('.fiche-needs tbody tr')].map((row) => [...row.children].map(text));
    expect(rows).toEqual([
      ['Terminal mobile (tablette ou portable)', '30', 'non chiffré', 'non chiffré'], // no fleet recorded, 12 classes
      ['Écran numérique interactif (ENI 65")', '1', '2 700,00 €', '2 700,00 €'],
      ["Installation d'un affichage collectif", '1', '500,00 €', '500,00 €'],
      ['Ordinateur de classe', '1', 'non chiffré', 'non chiffré'],
    ]);
    // Two lines of the table are not priced: the total counts them as the table lists them.
    expect(text(within(rowOf('Total HT')).getByRole('cell'))).toBe('3 200,00 € + 2 articles non chiffrés');
    // The only needs of the département are this school's: 3 200 € for the Ville de Marseille, under 200 000 €: 70 %.
    expect(text(document.querySelector('.fiche-state-share'))).toMatch(/^Part État estimée : 2 240 €, soit 70 % du montant chiffré\..*Ville de Marseille : 3 200 € HT\) est inférieur à 200 000 € HT\. Les articles non chiffrés ne sont pas comptés\.$/);
  });

  it('counts the training needs by theme and names the référentiel version', async () => {
    await show([school, bare, equipped]);
    expect(within(rowOf('Comprendre les sciences du numérique')).getAllByRole('cell').map(text)).toEqual([
      '2', 'Oui', 'Robotique et programmation (1 classe, école) ; Enjeux des données (1 classe)',
    ]);
    expect(within(rowOf('Devenir un citoyen numérique')).getAllByRole('cell').map(text)).toEqual(['1', 'Non', 'Éducation aux médias (1 classe)']);
    expect(text(document.querySelector('.fiche-footer'))).toMatch(/^Référentiel 2026\.1 · fiche éditée le /);
  });

  it('says a référentiel edited on this device is a simulation, not the Département’s', async () => {
    referential.value = { ...REFERENTIAL_V1, version: '2026.1-local.1' };
    await applyReferential();
    try {
      await show([school, bare, equipped]);
      expect(text(document.querySelector('.fiche-footer'))).toMatch(
        /^Référentiel 2026\.1-local\.1 \(simulation : paramètres modifiés sur cet appareil, pas ceux du Département\) · fiche éditée le /,
      );
    } finally {
      referential.value = REFERENTIAL_V1;
      await applyReferential();
    }
  });

  it('offers a signature box to the director, the collectivité and the auditor, and a print button', async () => {
    await show([school, bare, equipped]);
    expect([...document.querySelectorAll('.fiche-signatory')].map(text)).toEqual([
      "Le directeur ou la directrice de l'école", 'Pour la collectivité (Ville de Marseille)', "L'auditeur ou l'auditrice",
    ]);
    expect(screen.getByRole('button', { name: 'Imprimer' }).closest('.no-print')).not.toBeNull();
    expect(screen.getByRole('link', { name: "← Retour à l'école" }).getAttribute('href')).toBe('#/ecole/0134939Y');
  });

  it('says the fiche of the school is not recorded rather than printing blanks', async () => {
    await show([bare]);
    expect(identity()).toMatchObject({ 'Date de visite': 'non renseignée', Auditeur: "fiche de l'école non saisie", "État de l'audit": 'En cours' });
  });

  it('has no accessibility fault axe-core can find (WCAG 2.1 A and AA)', async () => {
    const { container } = await show([school, bare, equipped]);
    // happy-dom lays nothing out: colour contrast is checked by the browser test.
    const result = await axe.run(container, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
