// Turning what a form holds into a revision: valid fields as typed, invalid ones as last saved (revision-data.ts).
// Shared by the autosave and by the start-up recovery of drafts left by a closed or killed tab.
import { saveRevision } from '../storage/fiches';
import type { NewPhoto } from '../storage/photos';
import { getFiche } from '../storage/fiche-queries';
import { listDrafts } from '../storage/drafts';
import { typedData } from '../storage/typed-draft';
import { keepValidFields } from '../model/revision-data';
import { makeClassroomData, makeSchoolData } from '../model/make';
import { validateClassroomData, validateSchoolData } from '../model/validate';
import type { Author, Fiche, FicheData, FicheKind, FieldError } from '../model/types';
import { referential } from './referential';
import { deviceDb } from './device-db';
import { currentAuthor } from './session';

export interface FicheRef<K extends FicheKind = FicheKind> {
  id: string;
  kind: K;
  uai: string;
  campaign: string;
}

export function validateData<K extends FicheKind>(kind: K, data: FicheData<K>): FieldError[] {
  const result = kind === 'school' ? validateSchoolData(data) : validateClassroomData(data);
  return result.ok ? [] : result.errors;
}

function emptyData(kind: FicheKind): FicheData<FicheKind> {
  return kind === 'school' ? makeSchoolData() : makeClassroomData();
}

export interface CommitOptions {
  /** Images of photos new in `data`, written in the revision's transaction (storage/fiches.ts, SaveOptions.photos). */
  photos?: readonly NewPhoto[];
}

/**
 * Saves the revision that `data` allows. The draft is removed with it only when `data` is entirely valid;
 * otherwise it stays, holding the invalid values as typed. Returns undefined when no valid revision can be made.
 */
export async function commitFormData<K extends FicheKind>(
  ref: FicheRef<K>,
  data: FicheData<K>,
  author: Author,
  options: CommitOptions = {},
): Promise<Fiche | undefined> {
  const db = deviceDb();
  const errors = validateData(ref.kind, data);
  let revisionData = data;
  if (errors.length > 0) {
    const previous = await getFiche(db, ref.id);
    const fallbacks = [previous?.data, emptyData(ref.kind)].filter((d) => d !== undefined) as FicheData<K>[];
    revisionData = keepValidFields(data, errors, fallbacks);
    if (validateData(ref.kind, revisionData).length > 0) return undefined;
  }
  return saveRevision(
    db,
    { ...ref, data: revisionData, author, referentialVersion: referential.value.version },
    { clearDraft: errors.length === 0, ...(options.photos?.length ? { photos: options.photos } : {}) },
  );
}

/** At start-up: every draft left behind becomes a revision (as far as its values are valid), signed by the auditor. */
export async function recoverDrafts(): Promise<number> {
  let recovered = 0;
  for (const draft of await listDrafts(deviceDb())) {
    const { id, kind, uai, campaign } = draft;
    const data = typedData(draft, await getFiche(deviceDb(), id));
    if (await commitFormData({ id, kind, uai, campaign }, data, currentAuthor())) recovered += 1;
  }
  return recovered;
}
