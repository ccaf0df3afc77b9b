import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { ClassroomScreen } from '../../src/ui/screens/classroom-screen';
import { loadCampaignFiches } from '../../src/state/audits';
import { flushAllEditors } from '../../src/state/fiche-editor';
import { freshClassroom, returnToClassrooms } from '../../src/state/school-audit';
import { route } from '../../src/state/route';
import { auditor, campaign } from '../../src/state/session';
import { saveRevision } from '../../src/storage/fiches';
import { makeClassroomData } from '../../src/model/make';
import type { Author } from '../../src/model/types';
import { freshDeviceDb } from '../support/db';

const author: Author = { name: 'Camille Martin', role: 'erun' };
const uai = '0130569Y';
let db: ReturnType<typeof freshDeviceDb>;
let id: string;

beforeEach(async () => {
  db = freshDeviceDb();
  auditor.value = author;
  campaign.value = '2026-2027';
  id = crypto.randomUUID();
  await saveRevision(db, { id, kind: 'classroom', uai, campaign: '2026-2027', data: makeClassroomData({ label: 'CM1 B' }), author });
  await loadCampaignFiches();
});
afterEach(async () => {
  cleanup();
  await flushAllEditors();
});

async function openForm() {
  render(<ClassroomScreen uai={uai} id={id} />);
  await screen.findByRole('heading', { name: 'Classe : CM1 B' });
}

const field = (label: string) => screen.getByLabelText(label, { exact: true }) as HTMLInputElement;
const choose = (group: string, option: string) =>
  fireEvent.click(within(screen.getByRole('group', { name: group })).getByRole('radio', { name: option }));

describe('ClassroomScreen', () => {
  it('fills a classroom and shows it saved on the device', async () => {
    await openForm();
    fireEvent.input(field("Nombre d'élèves"), { target: { value: '24' } });
    choose("Type d'affichage", 'ENI (écran interactif)');
    choose("État de l'affichage", 'Dégradé');
    choose('Ordinateur', 'Portable');
    fireEvent.input(field('Mémoire vive (Go)'), { target: { value: '8' } });
    choose('Stockage', 'SSD');
    choose('Accès réseau dans la classe', 'Wi-Fi');
    fireEvent.click(screen.getByRole('checkbox', { name: 'CM1' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Robotique et programmation' }));

    // The save indicator's status (the photos section has its own): as the browser tests read it.
    await waitFor(() => expect(document.querySelector('.save-indicator [role=status]')?.textContent).toBe('Enregistré'));
    expect(field("Nombre d'élèves").value).toBe('24');
    await waitFor(async () =>
      expect((await db.drafts.get(id))?.data).toMatchObject({
        pupils: 24,
        levels: ['CM1'],
        display: { type: 'eni', condition: 'degraded' },
        computer: { type: 'laptop', ramGb: 8, storage: 'ssd' },
        network: { access: 'wifi' },
        trainingNeeds: ['robotique-programmation'],
      }),
    );
  });

  it('shows a French message naming the field for 41 pupils and keeps the rest', async () => {
    await openForm();
    fireEvent.input(field('Nom de la classe'), { target: { value: 'CM1 C' } });
    fireEvent.input(field("Nombre d'élèves"), { target: { value: '41' } });
    expect(await screen.findByText("Nombre d'élèves : saisissez un nombre entre 0 et 40 (saisi : 41).")).toBeTruthy();
    expect(field("Nombre d'élèves").getAttribute('aria-invalid')).toBe('true');
    expect(field('Nom de la classe').value).toBe('CM1 C');
    await waitFor(async () => expect((await db.drafts.get(id))?.data).toMatchObject({ label: 'CM1 C', pupils: 41 }));
  });

  it('counts characters in the class name as a reader does: 31 emoji are saved, 61 are refused as 61', async () => {
    await openForm();
    expect(field('Nom de la classe').hasAttribute('maxlength')).toBe(false);
    fireEvent.input(field('Nom de la classe'), { target: { value: '👍🏽'.repeat(31) } });
    await waitFor(async () => expect((await db.drafts.get(id))?.data).toMatchObject({ label: '👍🏽'.repeat(31) }));
    expect(screen.queryByText(/caractères au plus/)).toBeNull();
    fireEvent.input(field('Nom de la classe'), { target: { value: '😀'.repeat(61) } });
    expect(await screen.findByText('Nom de la classe : 60 caractères au plus (61 saisis).')).toBeTruthy();
  });

  it('takes a class name of zero-width spaces for the blank it looks like', async () => {
    await openForm();
    fireEvent.input(field('Nom de la classe'), { target: { value: '\u200b\u2060 \ufeff' } });
    expect(await screen.findByText('Nom de la classe : ce champ est obligatoire.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Classe : sans nom');
  });

  it('shows a French message for a computer bought in 1850', async () => {
    await openForm();
    choose('Ordinateur', 'Fixe');
    fireEvent.input(field("Année d'achat"), { target: { value: '1850' } });
    expect(await screen.findByText(/^Année de l'ordinateur : saisissez une année entre 1990 et \d{4} \(saisi : 1850\)\.$/)).toBeTruthy();
  });

  it('asks for the computer’s details only when there is a computer', async () => {
    await openForm();
    expect(screen.queryByLabelText('Mémoire vive (Go)')).toBeNull();
    choose('Ordinateur', 'Portable');
    expect(field('Mémoire vive (Go)')).toBeTruthy();
    choose('Ordinateur', 'Aucun');
    expect(screen.queryByLabelText('Mémoire vive (Go)')).toBeNull();
  });

  it('lets only digits be typed in a whole-number field', async () => {
    await openForm();
    fireEvent.input(field("Nombre d'élèves"), { target: { value: '2a4' } });
    expect(field("Nombre d'élèves").value).toBe('24');
    expect(field("Nombre d'élèves").getAttribute('inputmode')).toBe('numeric');
  });

  it('commits a revision when the form is left', async () => {
    await openForm();
    fireEvent.input(field("Nombre d'élèves"), { target: { value: '18' } });
    cleanup();
    await flushAllEditors();
    expect(await db.fiches.get(id)).toMatchObject({ rev: 2, data: { pupils: 18 } });
    expect(await db.drafts.count()).toBe(0);
  });

  it('selects the proposed name of a classroom just created, so that the first keystroke replaces it', async () => {
    freshClassroom.value = id;
    await openForm();
    await waitFor(() => expect(document.activeElement).toBe(field('Nom de la classe')));
    const input = field('Nom de la classe');
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, 'CM1 B'.length]);
    expect(freshClassroom.value).toBeNull();
  });

  it('finishes the classroom and opens a copy for the next room, with the next name', async () => {
    await openForm();
    choose("Type d'affichage", 'VPI');
    choose('Accès réseau dans la classe', 'Wi-Fi');
    fireEvent.click(screen.getByRole('button', { name: 'Terminer et copier pour la classe suivante' }));
    await waitFor(() => expect(route.value.screen).toBe('classroom'));
    const next = route.value.screen === 'classroom' ? route.value.id : '';
    expect(next).not.toBe(id);
    expect(await db.fiches.get(next)).toMatchObject({ data: { label: 'CM1 C', display: { type: 'vpi' }, network: { access: 'wifi' } } });
    expect(await db.fiches.get(id)).toMatchObject({ data: { display: { type: 'vpi' } } });
    expect(freshClassroom.value).toBe(next);
  });

  it('goes back to the school’s list of classrooms with "Terminer la classe"', async () => {
    await openForm();
    fireEvent.click(screen.getByRole('button', { name: 'Terminer la classe' }));
    expect(route.value).toEqual({ screen: 'school', uai });
    expect(returnToClassrooms.value).toBe(uai);
  });
});
