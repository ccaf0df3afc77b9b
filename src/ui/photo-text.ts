// What the photos of a fiche say to a reader: each photo's description (its alt text), the count against the limit,
// and the French message of an error met while adding one.
import { MAX_PHOTOS } from '../model/schema';
import { PHOTO_SUBJECT_LABELS } from '../model/labels';
import type { PhotoSubject } from '../model/types';
import { trimText } from '../model/text';
import { PhotoError } from '../state/photo-client';
import { PhotoRefusedError } from '../state/photo-space';
import { count } from './plural';

/** "Photo n° 3 – Affichage collectif – Câble HDMI débranché": its place, its subject, its caption if any. */
export function photoDescription(n: number, subject: PhotoSubject | null, caption: string | null): string {
  return [`Photo n° ${n}`, subject && PHOTO_SUBJECT_LABELS[subject], caption ? trimText(caption) : null]
    .filter(Boolean)
    .join(' – ');
}

/** "photo n° 3 (Affichage collectif)": a photo named in a sentence (its deletion, its undo). */
export function photoName(n: number, subject: PhotoSubject | null): string {
  return subject ? `photo n° ${n} (${PHOTO_SUBJECT_LABELS[subject]})` : `photo n° ${n}`;
}

/** "0 photo sur 20", "3 photos sur 20". */
export const photoCountText = (n: number) => `${count(n, 'photo')} sur ${MAX_PHOTOS}`;

/** A photo only the server holds, while the tablet is offline (it is fetched when the fiche is opened online). */
export const NOT_ON_DEVICE_TEXT = 'Photo sur le serveur : visible une fois connecté';

/** A photo freed from the tablet (its thumbnail kept), opened while offline. */
export const THUMBNAIL_ONLY_TEXT = 'Photo entière sur le serveur : visible une fois connecté. Voici sa miniature.';

export const PHOTOS_FULL_TEXT = `${MAX_PHOTOS} photos au plus par fiche : supprimez-en une pour en ajouter une autre.`;

/**
 * The errors a photo's preparation (PhotoError: unreadable file, not an image) and its storage (PhotoRefusedError:
 * the fiche is full, the device is short of space) raise carry a French message written for the user; any other
 * is a fault of the app, said without its English details.
 */
export function photoErrorText(error: unknown): string {
  if (isPhotoError(error) || isPhotoRefused(error)) return error.message;
  return "La photo n'a pas pu être ajoutée à cause d'une erreur de l'application. Réessayez ; la fiche n'a pas changé.";
}

/** A deleted photo that could not be put back: no room left for it, or a fault of the app. */
export function restoreErrorText(name: string, error: unknown): string {
  return `La ${name} n'a pas pu être remise : ${isPhotoRefused(error) ? error.message : "erreur de l'application. Réessayez."}`;
}

/** Refused: the fiche or the device has no room left, so the photos picked after it are not tried. */
export function isPhotoRefused(error: unknown): error is PhotoRefusedError {
  return error instanceof PhotoRefusedError;
}

export function isPhotoError(error: unknown): error is PhotoError {
  return error instanceof PhotoError;
}
