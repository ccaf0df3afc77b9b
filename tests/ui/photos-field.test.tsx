// A fiche's photos in its form (issue 17): taken or picked, prepared, stored with the fiche and shown as thumbnails
// with their subject and caption; deleted with an undo; refused in French with the rest of the form untouched.
// Only the worker's preparation is replaced (happy-dom has no createImageBitmap nor OffscreenCanvas): the editor,
// the photos table and the fiche's revisions are the app's own, on fake-indexeddb.
import '../support/node-blob';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { ClassroomScreen } from '../../src/ui/screens/classroom-screen';
import { SchoolScreen } from '../../src/ui/screens/school-screen';
import { loadCampaignFiches } from '../../src/state/audits';
import { loadDirectory } from '../../src/state/directory';
import { flushAllEditors } from '../../src/state/fiche-editor';
import { PhotoError, preparePhoto, type CompressedPhoto } from '../../src/state/photo-client';
import { setStorageEstimator } from '../../src/state/photo-space';
import { auditor, campaign } from '../../src/state/session';
import { saveRevision } from '../../src/storage/fiches';
import { makeClassroomData } from '../../src/model/make';
import { schoolFicheId } from '../../src/model/sync-protocol';
import type { Author, ClassroomFiche, Photo } from '../../src/model/types';
import { freshDeviceDb } from '../support/db';
import { makeNewPhoto } from '../support/photos';

vi.mock('../../src/state/photo-client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/state/photo-client')>()),
  preparePhoto: vi.fn(),
}));

const author: Author = { name: 'Camille Martin', role: 'erun' };
const UAI = '0134939Y'; // École élémentaire Sainte-Marguerite (demonstration directory)
let db: ReturnType<typeof freshDeviceDb>;
let id: string;

/** What the worker hands over for a file: a JPEG's bytes (random, so each photo is its own) and its hash. */
async function prepared(file: Blob): Promise<CompressedPhoto> {
  if (file instanceof File && file.name.startsWith('illisible')) throw new PhotoError("Ce fichier n'est pas une image lisible : choisissez une photo JPEG, PNG ou WebP.");
  const photo = await makeNewPhoto(3000);
  return { ...photo, thumbnail: photo.thumbnail as Blob, width: 1600, height: 1200 };
}

const jpeg = (name: string) => new File([new Uint8Array([0xff, 0xd8, 0xff])], name, { type: 'image/jpeg' });

function pick(label: 'Prendre une photo' | 'Choisir dans la galerie', ...files: File[]) {
  const input = screen.getByLabelText(label) as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  fireEvent.change(input);
}

/** A photo item whose image is on no device here: taken by another tablet, come with its fiche's pull. */
const elsewhere = (n: number): Photo => ({
  sha256: n.toString(16).padStart(64, 'a'), type: 'image/jpeg', bytes: 1000, takenAt: '2026-11-30T09:00:00.000Z', subject: 'general', caption: null,
});

async function classroomWith(photos: Photo[] = []) {
  id = crypto.randomUUID();
  await saveRevision(db, { id, kind: 'classroom', uai: UAI, campaign: '2026-2027', data: makeClassroomData({ label: 'CM1 B', photos }), author });
  await loadCampaignFiches();
  render(<ClassroomScreen uai={UAI} id={id} />);
  await screen.findByRole('heading', { name: 'Classe : CM1 B' });
}

const photos = () => within(screen.getByRole('region', { name: 'Photos' }));
const stored = async () => ((await db.fiches.get(id)) as ClassroomFiche).data.photos ?? [];

beforeEach(async () => {
  db = freshDeviceDb();
  auditor.value = author;
  campaign.value = '2026-2027';
  vi.mocked(preparePhoto).mockImplementation(prepared);
  setStorageEstimator(async () => ({ usage: 10_000_000, quota: 100_000_000 }));
});
afterEach(async () => {
  cleanup();
  await flushAllEditors();
  setStorageEstimator(undefined);
  vi.restoreAllMocks();
});

describe('PhotosField on a classroom', () => {
  it('offers the camera and the gallery, each a labelled file input, with "Vue générale" as the subject', async () => {
    await classroomWith();
    const camera = photos().getByLabelText('Prendre une photo') as HTMLInputElement;
    const gallery = photos().getByLabelText('Choisir dans la galerie') as HTMLInputElement;
    expect([camera.type, camera.accept, camera.getAttribute('capture'), camera.multiple]).toEqual(['file', 'image/*', 'environment', false]);
    expect([gallery.type, gallery.accept, gallery.hasAttribute('capture'), gallery.multiple]).toEqual(['file', 'image/*', false, true]);
    expect((photos().getByLabelText('Sujet des photos ajoutées') as HTMLSelectElement).value).toBe('general');
    expect(photos().getByText('0 photo sur 20')).toBeTruthy();
  });

  it('takes a photo: says it is being prepared, stores it with the fiche and its image, shows its thumbnail', async () => {
    await classroomWith();
    fireEvent.change(photos().getByLabelText('Sujet des photos ajoutées'), { target: { value: 'display' } });
    // The worker's answer held back, to see what the form says meanwhile.
    let release = () => {};
    vi.mocked(preparePhoto).mockImplementationOnce((file) => new Promise((resolve) => (release = () => resolve(prepared(file)))));
    pick('Prendre une photo', jpeg('IMG_0001.jpg'));
    const status = await photos().findByText('Préparation de la photo…');
    expect(status.getAttribute('role')).toBe('status');
    release();
    await waitFor(() => expect(status.textContent).toBe('Photo ajoutée.'));
    expect(photos().getByText('1 photo sur 20')).toBeTruthy();
    const [item] = await stored();
    expect(item).toMatchObject({ subject: 'display', caption: null, type: 'image/jpeg', bytes: 3000 });
    expect((await db.photos.get(item!.sha256))?.blob?.size).toBe(3000);
    const thumbnail = (await photos().findByRole('img', { name: 'Photo n° 1 – Affichage collectif' })) as HTMLImageElement;
    expect(thumbnail.src).toMatch(/^blob:/);
    expect(photos().getByRole('button', { name: 'Agrandir : Photo n° 1 – Affichage collectif' })).toBeTruthy();
  });

  it('picks several from the gallery: an unreadable one is named in French, the others are added', async () => {
    await classroomWith();
    pick('Choisir dans la galerie', jpeg('a.jpg'), jpeg('illisible.heic'), jpeg('c.jpg'));
    expect(await photos().findByText('2 photos ajoutées.')).toBeTruthy();
    expect(photos().getByRole('alert').textContent).toBe(
      "« illisible.heic » : Ce fichier n'est pas une image lisible : choisissez une photo JPEG, PNG ou WebP.",
    );
    expect(photos().getByText('2 photos sur 20')).toBeTruthy();
    await waitFor(async () => expect(await stored()).toHaveLength(2));
  });

  it('saves a caption and a subject typed on a photo, and names the caption past 200 characters', async () => {
    await classroomWith();
    pick('Prendre une photo', jpeg('a.jpg'));
    const card = within(await photos().findByRole('group', { name: 'Photo n° 1' }));
    fireEvent.input(card.getByLabelText('Légende'), { target: { value: 'Câble HDMI débranché' } });
    fireEvent.change(card.getByLabelText('Sujet'), { target: { value: 'computer' } });
    await waitFor(async () => expect((await db.drafts.get(id))?.data.photos?.[0]).toMatchObject({ caption: 'Câble HDMI débranché', subject: 'computer' }));
    expect(card.getByRole('img').getAttribute('alt')).toBe('Photo n° 1 – Ordinateur – Câble HDMI débranché');
    fireEvent.input(card.getByLabelText('Légende'), { target: { value: 'é'.repeat(201) } });
    expect(await card.findByText('Légende de la photo (n° 1) : 200 caractères au plus (201 saisis).')).toBeTruthy();
    expect(card.getByLabelText('Légende').getAttribute('aria-invalid')).toBe('true');
  });

  it('deletes a photo with an undo that puts it back at its place with its caption, and moves the focus along', async () => {
    await classroomWith();
    pick('Choisir dans la galerie', jpeg('a.jpg'), jpeg('b.jpg'));
    await photos().findByText('2 photos ajoutées.');
    fireEvent.input(within(photos().getByRole('group', { name: 'Photo n° 1' })).getByLabelText('Légende'), { target: { value: 'Tableau' } });
    const first = (await stored())[0]!.sha256;
    fireEvent.click(photos().getByRole('button', { name: 'Supprimer la photo n° 1' }));
    const undo = await photos().findByRole('button', { name: 'Annuler la suppression' });
    expect(undo.closest('[role=status]')?.textContent).toContain('Photo n° 1 (Vue générale) supprimée.');
    await waitFor(() => expect(document.activeElement).toBe(undo));
    expect(photos().getByText('1 photo sur 20')).toBeTruthy();
    fireEvent.click(undo);
    await waitFor(() => expect(photos().getByText('2 photos sur 20')).toBeTruthy());
    expect(document.activeElement?.textContent).toBe('2 photos sur 20');
    expect((within(photos().getByRole('group', { name: 'Photo n° 1' })).getByLabelText('Légende') as HTMLInputElement).value).toBe('Tableau');
    await flushAllEditors();
    expect((await stored()).map((p) => [p.sha256 === first, p.caption])).toEqual([[true, 'Tableau'], [false, null]]);
  });

  it('refuses a photo past 80 % of the storage in French, with what was typed elsewhere kept and saved', async () => {
    await classroomWith();
    fireEvent.input(screen.getByLabelText("Nombre d'élèves"), { target: { value: '24' } });
    setStorageEstimator(async () => ({ usage: 85, quota: 100 }));
    pick('Prendre une photo', jpeg('a.jpg'));
    const alert = await photos().findByRole('alert');
    expect(alert.textContent).toMatch(/^Photo non enregistrée : le stockage de la tablette est occupé à 85 % /);
    expect((screen.getByLabelText("Nombre d'élèves") as HTMLInputElement).value).toBe('24');
    expect(photos().getByText('0 photo sur 20')).toBeTruthy();
    await flushAllEditors();
    expect(await db.fiches.get(id)).toMatchObject({ data: { pupils: 24 } });
    expect(await stored()).toEqual([]);
    expect(await db.photos.count()).toBe(0);
  });

  it('disables both inputs at 20 photos and says why; a photo not on the tablet says where it is', async () => {
    await classroomWith(Array.from({ length: 20 }, (_, i) => elsewhere(i + 1)));
    expect(photos().getByText('20 photos sur 20')).toBeTruthy();
    const reason = photos().getByText('20 photos au plus par fiche : supprimez-en une pour en ajouter une autre.');
    for (const label of ['Prendre une photo', 'Choisir dans la galerie']) {
      const input = photos().getByLabelText(label) as HTMLInputElement;
      expect(input.disabled).toBe(true);
      expect(input.getAttribute('aria-describedby')).toBe(reason.id);
    }
    await waitFor(() => expect(photos().getAllByText('Photo sur le serveur : visible une fois connecté')).toHaveLength(20));
    fireEvent.click(photos().getByRole('button', { name: 'Supprimer la photo n° 20' }));
    await waitFor(() => expect((photos().getByLabelText('Prendre une photo') as HTMLInputElement).disabled).toBe(false));
  });

  it('opens a photo larger in a dialog, which "Fermer" closes with the focus back on the thumbnail', async () => {
    await classroomWith();
    pick('Prendre une photo', jpeg('a.jpg'));
    const thumbnail = await photos().findByRole('button', { name: 'Agrandir : Photo n° 1 – Vue générale' });
    fireEvent.click(thumbnail);
    const dialog = await screen.findByRole('dialog', { name: 'Photo n° 1 – Vue générale' });
    expect(((await within(dialog).findByRole('img')) as HTMLImageElement).src).toMatch(/^blob:/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fermer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(photos().getByRole('button', { name: 'Agrandir : Photo n° 1 – Vue générale' }));
  });

  it('has no accessibility fault axe-core can find (WCAG 2.1 A and AA), with photos and an error shown', async () => {
    await classroomWith([elsewhere(1)]);
    pick('Choisir dans la galerie', jpeg('a.jpg'), jpeg('illisible.png'));
    await photos().findByText('Photo ajoutée.');
    await photos().findByRole('img', { name: 'Photo n° 2 – Vue générale' });
    // happy-dom lays nothing out: colour contrast is checked in the browser.
    const result = await axe.run(screen.getByRole('region', { name: 'Photos' }), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(result.passes.length).toBeGreaterThan(0);
  });
});

describe('PhotosField on the school fiche', () => {
  it('adds a photo to the school fiche from its "Photos" section', async () => {
    await loadDirectory();
    await loadCampaignFiches();
    render(<SchoolScreen uai={UAI} />);
    const section = await screen.findByText('Photos', { selector: 'h3' });
    fireEvent.click(section.closest('summary')!);
    fireEvent.change(screen.getByLabelText('Sujet des photos ajoutées'), { target: { value: 'network' } });
    pick('Prendre une photo', jpeg('baie.jpg'));
    expect(await screen.findByText('Photo ajoutée.')).toBeTruthy();
    const fiche = await db.fiches.get(schoolFicheId('2026-2027', UAI));
    expect(fiche?.data.photos).toEqual([expect.objectContaining({ subject: 'network' })]);
  });
});
