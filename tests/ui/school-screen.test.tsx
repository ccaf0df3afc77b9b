import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { SchoolScreen } from '../../src/ui/screens/school-screen';
import { auditOf, loadCampaignFiches } from '../../src/state/audits';
import { loadDirectory, schoolsByUai } from '../../src/state/directory';
import { flushAllEditors } from '../../src/state/fiche-editor';
import { lastDeleted, returnToClassrooms } from '../../src/state/school-audit';
import { auditor, campaign } from '../../src/state/session';
import { route } from '../../src/state/route';
import { followRevisions, recomputeGaps, useGapsClient } from '../../src/state/gaps';
import { inThreadGapsClient } from '../../src/state/gaps-client';
import { saveRevision } from '../../src/storage/fiches';
import { makeClassroomData, makeSchoolData } from '../../src/model/make';
import type { Author } from '../../src/model/types';
import { outboxState } from '../../src/state/sync';
import { schoolFicheId } from '../../src/model/sync-protocol';
import { freshDeviceDb } from '../support/db';

const author: Author = { name: 'Camille Martin', role: 'erun' };
const UAI = '0134939Y'; // École élémentaire Sainte-Marguerite (demonstration directory)
let db: ReturnType<typeof freshDeviceDb>;

beforeEach(async () => {
  db = freshDeviceDb();
  auditor.value = author;
  campaign.value = '2026-2027';
  lastDeleted.value = null;
  await loadDirectory();
  await loadCampaignFiches();
});
afterEach(async () => {
  cleanup();
  await flushAllEditors();
  outboxState.value = new Map();
});

async function withClassroom(label: string, patch = {}) {
  const data = makeClassroomData({ label, display: { type: 'vpi', condition: 'working', year: 2021 }, computer: { type: 'laptop', inventoryTag: 'INV-1' }, ...patch });
  await saveRevision(db, { id: crypto.randomUUID(), kind: 'classroom', uai: UAI, campaign: '2026-2027', data, author });
  await loadCampaignFiches();
}

describe('SchoolScreen', () => {
  it('shows the school from the directory, marked as demonstration data', async () => {
    render(<SchoolScreen uai={UAI} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('École élémentaire Sainte-Marguerite');
    expect(screen.getByText('données de démonstration')).toBeTruthy();
  });

  it('adds a classroom and opens its form', async () => {
    render(<SchoolScreen uai={UAI} />);
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter une classe' }));
    await waitFor(() => expect(route.value.screen).toBe('classroom'));
    expect(auditOf(UAI).classrooms.map((c) => c.data.label)).toEqual(['Classe 1']);
  });

  it('copies the last classroom with the next label and without what belongs to one room', async () => {
    await withClassroom('CM1 A', { notes: 'Prise murale cassée' });
    render(<SchoolScreen uai={UAI} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copier la dernière classe saisie (CM1 A)' }));
    await waitFor(() => expect(auditOf(UAI).classrooms).toHaveLength(2));
    const copy = auditOf(UAI).classrooms[1];
    expect(copy?.data).toMatchObject({ label: 'CM1 B', display: { type: 'vpi', year: 2021 }, computer: { type: 'laptop', inventoryTag: null }, notes: '' });
  });

  it('deletes a classroom and brings it back with the undo', async () => {
    await withClassroom('CE2');
    render(<SchoolScreen uai={UAI} />);
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer CE2' }));
    expect(await screen.findByText('Classe « CE2 » supprimée.', { exact: false })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Classes saisies (0)' })).toBeTruthy());

    fireEvent.click(screen.getByRole('button', { name: 'Annuler la suppression' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Classes saisies (1)' })).toBeTruthy());
    const fiches = await db.fiches.toArray();
    expect(fiches).toEqual([expect.objectContaining({ rev: 3, deleted: false })]);
  });

  it('records the audit status in the school fiche', async () => {
    render(<SchoolScreen uai={UAI} />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Terminé' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Terminer quand même' })); // no classroom yet
    cleanup();
    await flushAllEditors();
    const [school] = await db.fiches.toArray();
    expect(school).toMatchObject({ kind: 'school', uai: UAI, rev: 1, data: { status: 'complete' } });
    expect(auditOf(UAI).status).toBe('complete');
  });

  it('asks before finishing with 3 of 11 classes recorded, and says how many are missing', async () => {
    for (const label of ['CP', 'CE1', 'CE2']) await withClassroom(label);
    render(<SchoolScreen uai={UAI} />);
    fireEvent.input(await screen.findByLabelText("Nombre de classes de l'école"), { target: { value: '11' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Terminé' }));
    const dialog = await screen.findByRole('alertdialog', { name: "Terminer l'audit de cette école ?" });
    expect(dialog.textContent).toContain('3 classes saisies sur 11 : il en manque 8.');
    expect((screen.getByRole('radio', { name: 'Brouillon' }) as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement?.textContent).toBe('Terminer quand même');

    fireEvent.click(screen.getByRole('button', { name: 'Continuer la saisie' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect((screen.getByRole('radio', { name: 'Brouillon' }) as HTMLInputElement).checked).toBe(true);

    fireEvent.click(screen.getByRole('radio', { name: 'Terminé' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Terminer quand même' }));
    expect((screen.getByRole('radio', { name: 'Terminé' }) as HTMLInputElement).checked).toBe(true);
  });

  it('proposes today’s date of visit and the directory’s number of classes, and stores nothing until an edit', async () => {
    render(<SchoolScreen uai={UAI} />);
    const date = (await screen.findByLabelText('Date de visite')) as HTMLInputElement;
    // Nothing is on the device yet: the indicator does not claim it was saved.
    expect(document.querySelector('.save-indicator [role=status]')?.textContent).toBe("Rien d'enregistré pour l'instant : la fiche sera créée à la première saisie.");
    expect(date.value).toBe(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date()));
    const classes = screen.getByLabelText("Nombre de classes de l'école") as HTMLInputElement;
    expect(classes.value).toBe(String(schoolsByUai.value.get(UAI)?.classes));
    cleanup();
    await flushAllEditors();
    expect(await db.fiches.count()).toBe(0);
  });

  it('puts the school fiche first, then the classrooms, then the socle and the needs', async () => {
    render(<SchoolScreen uai={UAI} />);
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings.slice(0, 3)).toEqual(["Fiche de l'école", 'Classes saisies (0)', "Socle numérique et besoins de l'école"]);
  });

  it('lists classrooms in the order they were created, even after one is edited', async () => {
    for (const label of ['CP', 'CE1', 'CE2']) await withClassroom(label);
    const [first] = auditOf(UAI).classrooms;
    await saveRevision(db, { id: first!.id, kind: 'classroom', uai: UAI, campaign: '2026-2027', data: { ...first!.data, pupils: 23 }, author });
    await loadCampaignFiches();
    render(<SchoolScreen uai={UAI} />);
    expect([...document.querySelectorAll('.classroom-list strong')].map((e) => e.textContent)).toEqual(['CP', 'CE1', 'CE2']);
    expect(screen.getByRole('button', { name: 'Copier la dernière classe saisie (CE2)' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Dupliquer/ })).toBeNull();
  });

  it('opens on the list of classrooms, focused, when a classroom was just finished', async () => {
    await withClassroom('CM2');
    returnToClassrooms.value = UAI;
    render(<SchoolScreen uai={UAI} />);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Classes saisies (1)'));
    expect(returnToClassrooms.value).toBeNull();
  });

  it('leaves no empty fleet behind after a stray "Ajouter une flotte": it is marked to complete and never saved', async () => {
    render(<SchoolScreen uai={UAI} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Ajouter une flotte' }));
    expect(await screen.findByText(/^À compléter : la flotte sera enregistrée/)).toBeTruthy();
    expect((screen.getByLabelText("Nombre d'appareils") as HTMLInputElement).value).toBe('');
    fireEvent.input(screen.getByLabelText('Nombre de points d\'accès'), { target: { value: '3' } });
    cleanup();
    await flushAllEditors();
    const [school] = await db.fiches.toArray();
    expect(school).toMatchObject({ kind: 'school', data: { fleets: [], wifi: { accessPoints: 3 } } });
  });

  it('says the socle is being computed until the school’s gaps come, then gives each classroom’s verdict, and follows a copy', async () => {
    useGapsClient(inThreadGapsClient());
    const stop = followRevisions();
    await withClassroom('CP', { network: { access: 'none' } });
    render(<SchoolScreen uai={UAI} />);
    expect(screen.getByText("Calcul de l'écart au socle…")).toBeTruthy();
    await recomputeGaps(new Date('2026-11-28'));
    expect(await screen.findByText('Pas au socle : réseau dans la classe')).toBeTruthy();
    expect(screen.queryByText("Calcul de l'écart au socle…")).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Copier la dernière classe saisie (CP)' }));
    await waitFor(() => expect(screen.getAllByText('Pas au socle : réseau dans la classe')).toHaveLength(2));
    expect(screen.getByText(/^École au socle/).closest('p')?.textContent).toContain('sur 2 classes saisies');
    stop();
  });

  it('says where the school fiche is with the server, once it exists', async () => {
    const id = schoolFicheId('2026-2027', UAI);
    render(<SchoolScreen uai={UAI} />);
    await screen.findByLabelText('Date de visite');
    expect(document.querySelector('p.fiche-sync')).toBeNull(); // nothing saved yet: nothing to send
    cleanup();
    await saveRevision(db, { id, kind: 'school', uai: UAI, campaign: '2026-2027', data: makeSchoolData({ notes: 'Vu' }), author });
    await loadCampaignFiches();
    outboxState.value = new Map([[id, { state: 'pending', deleted: false }]]);
    render(<SchoolScreen uai={UAI} />);
    expect(screen.getByText("Fiche de l'école : en attente d'envoi")).toBeTruthy();
    outboxState.value = new Map();
    await waitFor(() => expect(screen.getByText("Fiche de l'école : envoyée")).toBeTruthy());
  });

  it('lists the school fiche and each classroom held "À arbitrer", each with a way to the screen that settles it', async () => {
    const id = schoolFicheId('2026-2027', UAI);
    await saveRevision(db, { id, kind: 'school', uai: UAI, campaign: '2026-2027', data: makeSchoolData({ notes: 'Vu' }), author });
    await withClassroom('CE2');
    await withClassroom('CM1');
    const [ce2] = auditOf(UAI).classrooms;
    outboxState.value = new Map([
      [id, { state: 'arbitrate' }],
      [ce2!.id, { state: 'arbitrate' }],
    ]);
    render(<SchoolScreen uai={UAI} />);
    const school = screen.getByText("Fiche de l'école à arbitrer : modifiée ici et sur une autre tablette.", { exact: false });
    expect(school.querySelector('a')?.textContent).toBe('Choisir les valeurs à garder');
    expect(school.querySelector('a')?.getAttribute('href')).toBe('#/arbitrage');
    const rows = [...document.querySelectorAll('.classroom-list li')];
    expect(rows.map((row) => row.querySelector('.fiche-sync')?.textContent)).toEqual([
      'À arbitrer : modifiée ici et sur une autre tablette, choisissez les valeurs à garder',
      'Envoyée',
    ]);
    expect(screen.getByRole('link', { name: 'Arbitrer CE2' }).getAttribute('href')).toBe('#/arbitrage');
    expect(screen.queryByRole('link', { name: 'Arbitrer CM1' })).toBeNull();
  });
});
