// The one error of the photo pipeline a user reads, apart from the pipeline itself: the form imports it without
// loading the pipeline, which stays in the photo worker's chunk.

/** A photo the tablet cannot take; its message is for the user. */
export class PhotoError extends Error {
  override name = 'PhotoError';
}

export const UNREADABLE_PHOTO = "Ce fichier n'est pas une image lisible : choisissez une photo JPEG, PNG ou WebP.";
export const UNSUPPORTED_BROWSER = 'Ce navigateur ne sait pas préparer les photos : mettez-le à jour pour en ajouter.';
