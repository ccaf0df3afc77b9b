// The names of the photos in the export's zip: `<UAI>/<classe>/<sujet>-<n>.<ext>`, the school fiche's under
// `<UAI>/ecole/`, classroom labels made safe for every file system, two classrooms of one label told apart.
import { describe, expect, it } from 'vitest';
import { classroomFolders, folderName, photoEntries } from '../../src/export/photo-names';
import { PHOTO_SUBJECTS } from '../../src/model/schema';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import type { ClassroomFiche, Fiche, Photo, PhotoSubject, PhotoType } from '../../src/model/types';
import { CAMPAIGN } from './fixture';
import { fixtureFichesWithPhotos } from './photo-fixture';

let seed = 0;
/** A photo with a fresh hash (its bytes are never read here). */
function photo(subject: PhotoSubject, type: PhotoType = 'image/jpeg'): Photo {
  seed += 1;
  return { sha256: seed.toString(16).padStart(64, '0'), type, bytes: 1000 + seed, takenAt: '2026-10-12T08:45:00.000Z', subject, caption: null };
}

/** A classroom fiche of 0130569Y; a greater `id` is also a later update. */
function room(id: number, label: string, patch: Partial<ClassroomFiche> = {}): ClassroomFiche {
  const n = String(id).padStart(2, '0');
  return { ...makeClassroomFiche({ id: `00000000-0000-4000-8000-0000000000${n}`, uai: '0130569Y', campaign: CAMPAIGN, updatedAt: `2026-10-12T09:${n}:00.000Z`, data: { label } }), ...patch };
}

function withPhotos<T extends Fiche>(fiche: T, photos: Photo[]): T {
  return { ...fiche, data: { ...fiche.data, photos } };
}

const paths = (fiches: Fiche[]) => photoEntries({ fiches, campaign: CAMPAIGN }).map((e) => e.path);

describe('folderName', () => {
  it('keeps an ordinary label as it is, accents and other letters included', () => {
    expect(folderName('CM1 B')).toBe('CM1 B');
    expect(folderName('Salle d’arts plastiques – étage')).toBe('Salle d’arts plastiques – étage');
    expect(folderName('Classe de Mme Nguyễn-Çelik')).toBe('Classe de Mme Nguyễn-Çelik');
  });

  it('turns a slash, backslash, colon or bar into a hyphen and drops the other characters Windows refuses', () => {
    expect(folderName('CE1/CE2')).toBe('CE1-CE2');
    expect(folderName('A\\B:C|D')).toBe('A-B-C-D');
    expect(folderName('Salle "bleue" <1> *?')).toBe('Salle bleue 1');
    expect(folderName('../../etc/passwd')).toBe('-..-etc-passwd');
  });

  it('trims, makes runs of blanks and control characters one space, and leaves no leading dot nor trailing dot', () => {
    expect(folderName('  cp  a ')).toBe('cp a');
    expect(folderName('CE1\tCE2\nbis\u0000')).toBe('CE1 CE2 bis');
    expect(folderName('.cachée')).toBe('cachée');
    expect(folderName(' . .. Salle.')).toBe('Salle');
    expect(folderName('...')).toBe('classe');
    expect(folderName(' /// ')).toBe('---');
    expect(folderName('""')).toBe('classe');
  });

  it('composes accents one way (NFC), whichever way the label was typed', () => {
    const decomposed = 'E\u0301cole maternelle';
    expect(folderName(decomposed)).toBe('École maternelle');
    expect(folderName(decomposed)).toBe(folderName('École maternelle'));
  });

  it("adds a _ to a name Windows keeps for a device", () => {
    expect(folderName('CON')).toBe('CON_');
    expect(folderName('lpt1')).toBe('lpt1_');
    expect(folderName('nul.txt')).toBe('nul.txt_');
    expect(folderName('CONSOLE')).toBe('CONSOLE');
  });
});

describe('classroomFolders', () => {
  it('gives the second and third classroom of one label " (2)" and " (3)", in the Classes sheet order', () => {
    const folders = classroomFolders([room(3, 'CM1'), room(1, 'CM1'), room(2, 'CM1'), room(4, 'CE2')]);
    expect([...folders.entries()]).toEqual([
      ['00000000-0000-4000-8000-000000000004', 'CE2'],
      ['00000000-0000-4000-8000-000000000001', 'CM1'],
      ['00000000-0000-4000-8000-000000000002', 'CM1 (2)'],
      ['00000000-0000-4000-8000-000000000003', 'CM1 (3)'],
    ]);
  });

  it('tells apart labels that only case, blanks or forbidden characters separate, and a label that is a number already taken', () => {
    const folders = classroomFolders([room(1, 'CP A'), room(2, ' cp  a'), room(3, 'CP (2)'), room(4, 'CP'), room(5, 'CP')]);
    // The Classes sheet puts "CP" before "CP (2)", and " cp  a" (two blanks) before "CP A".
    const byLabel = [1, 2, 3, 4, 5].map((id) => folders.get(`00000000-0000-4000-8000-0000000000${String(id).padStart(2, '0')}`));
    expect(byLabel).toEqual(['CP A (2)', 'cp a', 'CP (2) (2)', 'CP', 'CP (2)']);
  });

  it("never gives a classroom the school fiche's folder, whatever its case", () => {
    const folders = classroomFolders([room(1, 'ecole'), room(2, 'ECOLE'), room(3, 'École')]);
    expect([...folders.values()]).toEqual(['ecole (2)', 'ECOLE (3)', 'École']);
  });
});

describe('photoEntries', () => {
  it('numbers the photos per subject within each fiche, in its order, with the extension of their type', () => {
    const fiches = [withPhotos(room(1, 'CM1 B'), [photo('display'), photo('computer', 'image/webp'), photo('display'), photo('display', 'image/webp')])];
    expect(paths(fiches)).toEqual([
      '0130569Y/CM1 B/affichage-1.jpg', '0130569Y/CM1 B/ordinateur-1.webp', '0130569Y/CM1 B/affichage-2.jpg', '0130569Y/CM1 B/affichage-3.webp',
    ]);
  });

  it('names every subject with its ASCII file name', () => {
    const fiches = [withPhotos(room(1, 'CM2'), PHOTO_SUBJECTS.map((s) => photo(s)))];
    expect(paths(fiches)).toEqual([
      '0130569Y/CM2/affichage-1.jpg', '0130569Y/CM2/ordinateur-1.jpg', '0130569Y/CM2/reseau-1.jpg',
      '0130569Y/CM2/visualiseur-1.jpg', '0130569Y/CM2/flotte-1.jpg', '0130569Y/CM2/general-1.jpg',
    ]);
  });

  it("puts the school fiche's photos under ecole/ and numbers each classroom from 1 again", () => {
    const school = withPhotos(makeSchoolFiche({ uai: '0130569Y', campaign: CAMPAIGN }), [photo('general'), photo('network'), photo('general')]);
    const fiches = [withPhotos(room(1, 'CP'), [photo('general')]), school, withPhotos(room(2, 'CP'), [photo('general')])];
    expect(paths(fiches)).toEqual([
      '0130569Y/ecole/general-1.jpg', '0130569Y/ecole/reseau-1.jpg', '0130569Y/ecole/general-2.jpg',
      '0130569Y/CP/general-1.jpg', '0130569Y/CP (2)/general-1.jpg',
    ]);
  });

  it('numbers on from one school fiche to another of the same school, so that no two photos share a name', () => {
    const older = withPhotos(makeSchoolFiche({ id: 'ecole-ancienne', uai: '0130569Y', campaign: CAMPAIGN, updatedAt: '2026-10-01T08:00:00.000Z' }), [photo('general')]);
    const newer = withPhotos(makeSchoolFiche({ uai: '0130569Y', campaign: CAMPAIGN, updatedAt: '2026-10-02T08:00:00.000Z' }), [photo('general')]);
    const entries = photoEntries({ fiches: [newer, older], campaign: CAMPAIGN });
    expect(entries.map((e) => [e.path, e.sha256])).toEqual([
      ['0130569Y/ecole/general-1.jpg', older.data.photos?.[0]?.sha256],
      ['0130569Y/ecole/general-2.jpg', newer.data.photos?.[0]?.sha256],
    ]);
  });

  it("leaves out a deleted fiche's photos and another campaign's, keeping the numbering of the other folders", () => {
    const fiches = [
      withPhotos(room(1, 'CM1'), [photo('display')]),
      withPhotos(room(2, 'CM1', { deleted: true }), [photo('display')]),
      withPhotos(room(3, 'CM1', { campaign: '2025-2026' }), [photo('display')]),
      withPhotos(room(4, 'CM1'), [photo('display')]),
    ];
    expect(paths(fiches)).toEqual(['0130569Y/CM1/affichage-1.jpg', '0130569Y/CM1 (2)/affichage-1.jpg']);
  });

  it('gives a classroom without photos its folder name all the same, so that adding photos elsewhere renames nothing', () => {
    const before = paths([room(1, 'CM1'), withPhotos(room(2, 'CM1'), [photo('display')])]);
    expect(before).toEqual(['0130569Y/CM1 (2)/affichage-1.jpg']);
  });

  it('orders the schools by UAI and keeps what the fiche says of each photo', () => {
    const other = withPhotos(room(9, 'CP', { uai: '0130001F' }), [photo('fleet', 'image/webp')]);
    const entries = photoEntries({ fiches: [withPhotos(room(1, 'CP'), [photo('display')]), other], campaign: CAMPAIGN });
    expect(entries.map((e) => e.path)).toEqual(['0130001F/CP/flotte-1.webp', '0130569Y/CP/affichage-1.jpg']);
    const [first] = other.data.photos ?? [];
    expect(entries[0]).toEqual({ path: '0130001F/CP/flotte-1.webp', sha256: first?.sha256, type: 'image/webp', bytes: first?.bytes, takenAt: first?.takenAt });
  });

  it("names the export fixture's photos, tombstone and other campaign left out", () => {
    const { fiches } = fixtureFichesWithPhotos();
    expect(paths(fiches)).toEqual([
      '0130569Y/ecole/general-1.jpg', '0130569Y/ecole/reseau-1.webp', '0130569Y/ecole/general-2.jpg',
      '0130569Y/CM1 B/affichage-1.jpg', '0130569Y/CM1 B/ordinateur-1.webp', '0130569Y/CM1 B/affichage-2.jpg',
      '0130569Y/cp a/visualiseur-1.jpg',
    ]);
  });
});
