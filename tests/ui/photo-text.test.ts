// What a fiche's photos say to a reader: their alt text, their count, the errors met adding them.
import { describe, expect, it } from 'vitest';
import { isPhotoRefused, photoCountText, photoDescription, photoErrorText, photoName, restoreErrorText } from '../../src/ui/photo-text';
import { PhotoError } from '../../src/state/photo-client';
import { PhotoRefusedError } from '../../src/state/photo-space';

function named(name: 'PhotoError' | 'PhotoRefusedError', message: string): Error {
  return name === 'PhotoError' ? new PhotoError(message) : new PhotoRefusedError(message);
}

describe('photoDescription', () => {
  it('gives the photo its number, its subject and its caption, trimmed', () => {
    expect(photoDescription(3, 'display', '  Câble HDMI débranché ')).toBe('Photo n° 3 – Affichage collectif – Câble HDMI débranché');
  });

  it('leaves out a caption that is absent or blank, and a subject not recorded', () => {
    expect(photoDescription(1, 'general', null)).toBe('Photo n° 1 – Vue générale');
    expect(photoDescription(1, 'general', ' \u200b ')).toBe('Photo n° 1 – Vue générale');
    expect(photoDescription(2, null, null)).toBe('Photo n° 2');
  });
});

describe('photoCountText and photoName', () => {
  it('counts in French against the 20 a fiche may hold: 0 and 1 in the singular', () => {
    expect([0, 1, 3, 20].map(photoCountText)).toEqual(['0 photo sur 20', '1 photo sur 20', '3 photos sur 20', '20 photos sur 20']);
  });

  it('names a photo by its number and subject', () => {
    expect(photoName(4, 'network')).toBe('photo n° 4 (Réseau)');
    expect(photoName(4, null)).toBe('photo n° 4');
  });
});

describe('photoErrorText', () => {
  it("shows the French message of the pipeline's and the store's errors as it is", () => {
    expect(photoErrorText(named('PhotoError', "Ce fichier n'est pas une image lisible."))).toBe("Ce fichier n'est pas une image lisible.");
    expect(photoErrorText(named('PhotoRefusedError', 'Photo non enregistrée : 20 photos au plus.'))).toBe('Photo non enregistrée : 20 photos au plus.');
  });

  it('says any other error in French, without its English details', () => {
    const text = photoErrorText(new TypeError("Cannot read properties of undefined (reading 'blob')"));
    expect(text).toBe("La photo n'a pas pu être ajoutée à cause d'une erreur de l'application. Réessayez ; la fiche n'a pas changé.");
    expect(photoErrorText('quelque chose')).toBe(text);
  });

  it('tells a refusal, which stops a batch, from an unreadable file, which does not', () => {
    expect(isPhotoRefused(named('PhotoRefusedError', 'plein'))).toBe(true);
    expect(isPhotoRefused(named('PhotoError', 'illisible'))).toBe(false);
  });

  it('does not take an error of another kind for one written for the user because of its name', () => {
    const lookalike = Object.assign(new Error('Disk I/O error'), { name: 'PhotoRefusedError' });
    expect(photoErrorText(lookalike)).toMatch(/^La photo n'a pas pu être ajoutée à cause d'une erreur de l'application/);
  });

  it("says why a deleted photo could not be put back: the store's refusal, or a fault of the app", () => {
    expect(restoreErrorText('photo n° 2 (Réseau)', named('PhotoRefusedError', 'Une fiche porte 20 photos au plus.'))).toBe(
      "La photo n° 2 (Réseau) n'a pas pu être remise : Une fiche porte 20 photos au plus.",
    );
    expect(restoreErrorText('photo n° 2', new Error('boom'))).toBe("La photo n° 2 n'a pas pu être remise : erreur de l'application. Réessayez.");
  });
});
