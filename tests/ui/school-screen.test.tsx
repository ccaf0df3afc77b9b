import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { SchoolScreen } from '../../src/ui/screens/school-screen';
import { auditOf, loadCampaignFiches } from '../../src/state/audits';
import { loadDirectory } from '../../src/state/directory';
import { flushAllEditors } from '../../src/state/fiche-editor';
import { lastDeleted } from '../../src/state/school-audit';
import { campaign } from '../../src/state/session';
import { route } from '../../src/state/route';
import { saveRevision } from '../../src/storage/fiches';
import { makeClassroomData } from '../../src/model/make';
import type { Author } from '../../src/model/types';
import { freshDb } from '../support/db';

const author: Author = { name: 'Camille Martin', role: 'erun' };
const UAI = '0134939Y'; // École élémentaire Sainte-Marguerite (demonstration directory)
let db: ReturnType<typeof freshDb>;

beforeEach(async () => {
  db = freshDb();
  campaign.value = '2026-2027';
  lastDeleted.value = null;
  await loadDirectory(db);
  await loadCampaignFiches(db, '2026-2027');
});
afterEach(async () => {
  cleanup();
  await flushAllEditors();
});

async function withClassroom(label: string, patch = {}) {
  const data = makeClassroomData({ label, display: { type: 'vpi', condition: 'working', year: 2021 }, computer: { type: 'laptop', inventoryTag: 'INV-1' }, ...patch });
  await saveRevision(db, { id: crypto.randomUUID(), kind: 'classroom', uai: UAI, campaign: '2026-2027', data, author });
  await loadCampaignFiches(db, '2026-2027');
}

describe('SchoolScreen', () => {
  it('shows the school from the directory, marked as demonstration data', async () => {
    render(<SchoolScreen db={db} author={author} uai={UAI} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('École élémentaire Sainte-Marguerite');
    expect(screen.getByText('données de démonstration')).toBeTruthy();
  });

  it('adds a classroom and opens its form', async () => {
    render(<SchoolScreen db={db} author={author} uai={UAI} />);
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter une classe' }));
    await waitFor(() => expect(route.value.screen).toBe('classroom'));
    expect(auditOf(UAI).classrooms.map((c) => c.data.label)).toEqual(['Classe 1']);
  });

  it('copies the last classroom with the next label and without what belongs to one room', async () => {
    await withClassroom('CM1 A', { notes: 'Prise murale cassée' });
    render(<SchoolScreen db={db} author={author} uai={UAI} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copier la dernière classe saisie (CM1 A)' }));
    await waitFor(() => expect(auditOf(UAI).classrooms).toHaveLength(2));
    const copy = auditOf(UAI).classrooms[1];
    expect(copy?.data).toMatchObject({ label: 'CM1 B', display: { type: 'vpi', year: 2021 }, computer: { type: 'laptop', inventoryTag: null }, notes: '' });
  });

  it('deletes a classroom and brings it back with the undo', async () => {
    await withClassroom('CE2');
    render(<SchoolScreen db={db} author={author} uai={UAI} />);
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer CE2' }));
    expect(await screen.findByText('Classe « CE2 » supprimée.', { exact: false })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Classes auditées (0)' })).toBeTruthy());

    fireEvent.click(screen.getByRole('button', { name: 'Annuler la suppression' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Classes auditées (1)' })).toBeTruthy());
    const fiches = await db.fiches.toArray();
    expect(fiches).toEqual([expect.objectContaining({ rev: 3, deleted: false })]);
  });

  it('records the audit status in the school fiche', async () => {
    render(<SchoolScreen db={db} author={author} uai={UAI} />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Terminé' }));
    cleanup();
    await flushAllEditors();
    const [school] = await db.fiches.toArray();
    expect(school).toMatchObject({ kind: 'school', uai: UAI, rev: 1, data: { status: 'complete' } });
    expect(auditOf(UAI).status).toBe('complete');
  });
});
