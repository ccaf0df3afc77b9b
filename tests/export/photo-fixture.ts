// Photos for export tests: small byte strings that begin and end like a JPEG or a WebP (a server that sniffs the type
// takes them), each with its real SHA-256, and the fixture's fiches with photos on some of them. The fixture itself
// stays without photos: the server tests push it to a server that may want a fiche's photos before the fiche.
import { createHash } from 'node:crypto';
import { schoolFicheId } from '../../src/model/sync-protocol';
import type { Fiche, Photo, PhotoSubject, PhotoType } from '../../src/model/types';
import { CAMPAIGN, fixtureFiches } from './fixture';

export interface FixturePhoto {
  photo: Photo;
  bytes: Uint8Array;
}

/** Distinct bytes for each `seed`, shaped as an image of `type`. */
export function photoBytes(seed: string, type: PhotoType): Uint8Array {
  const body = new TextEncoder().encode(`photo ${seed} `.repeat(40));
  if (type === 'image/jpeg') return Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...body, 0xff, 0xd9]);
  const riff = new Uint8Array(12 + body.length);
  riff.set(new TextEncoder().encode('RIFF'), 0);
  new DataView(riff.buffer).setUint32(4, 4 + body.length, true);
  riff.set(new TextEncoder().encode('WEBP'), 8);
  riff.set(body, 12);
  return riff;
}

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A photo of `subject` and its bytes. */
export function fixturePhoto(seed: string, subject: PhotoSubject, type: PhotoType = 'image/jpeg', caption: string | null = null): FixturePhoto {
  const bytes = photoBytes(seed, type);
  return { photo: { sha256: sha256Of(bytes), type, bytes: bytes.length, takenAt: '2026-10-12T08:45:00.000Z', subject, caption }, bytes };
}

/** The photos put on the fixture's fiches, by fiche id; the order is each fiche's. */
export function fixturePhotosByFiche(): Map<string, FixturePhoto[]> {
  return new Map([
    // The school fiche of 0130569Y: two general views and a network cabinet.
    [schoolFicheId(CAMPAIGN, '0130569Y'), [
      fixturePhoto('ecole-1', 'general'), fixturePhoto('ecole-2', 'network', 'image/webp', 'Baie de brassage'), fixturePhoto('ecole-3', 'general'),
    ]],
    // CM1 B: the display twice, the computer once, interleaved.
    ['00000000-0000-4000-8000-000000000002', [
      fixturePhoto('cm1b-1', 'display'), fixturePhoto('cm1b-2', 'computer', 'image/webp'), fixturePhoto('cm1b-3', 'display'),
    ]],
    // "cp  a" of the second tablet: the same label as "CP A" once trimmed, another folder.
    ['00000000-0000-4000-8000-000000000004', [fixturePhoto('cpa-b-1', 'documentCamera')]],
    // A tombstone and another campaign's fiche: their photos are in no export of the campaign.
    ['00000000-0000-4000-8000-000000000005', [fixturePhoto('supprimee-1', 'display')]],
    ['00000000-0000-4000-8000-000000000006', [fixturePhoto('ancienne-1', 'display')]],
  ]);
}

/** The fixture's fiches, with the photos of `fixturePhotosByFiche` on theirs. */
export function fixtureFichesWithPhotos(): { fiches: Fiche[]; deviceOf: Map<string, string>; photos: Map<string, FixturePhoto[]> } {
  const { fiches, deviceOf } = fixtureFiches();
  const photos = fixturePhotosByFiche();
  const withPhotos = fiches.map((fiche) => {
    const mine = photos.get(fiche.id);
    return mine ? ({ ...fiche, data: { ...fiche.data, photos: mine.map((p) => p.photo) } } as Fiche) : fiche;
  });
  return { fiches: withPhotos, deviceOf, photos };
}
