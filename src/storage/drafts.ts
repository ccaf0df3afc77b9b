// Drafts: the form as typed, written on every edit; a revision later takes their place (see fiches.ts).
import type { AuditDb, Draft } from './db';
import { rebaseTyping } from '../model/merge/rebase-typing';
import type { Fiche, FicheData, FicheKind } from '../model/types';

export async function writeDraft(db: AuditDb, draft: Draft): Promise<void> {
  await db.drafts.put(draft);
}

export function getDraft(db: AuditDb, id: string): Promise<Draft | undefined> {
  return db.drafts.get(id);
}

export function listDrafts(db: AuditDb): Promise<Draft[]> {
  return db.drafts.toArray();
}

export function countDrafts(db: AuditDb): Promise<number> {
  return db.drafts.count();
}

/**
 * What a draft holds, carried onto the fiche as it is now: a fiche a sync changed since the typing began keeps the
 * other tablet's values in the fields that were not typed (the typed values win where both changed a field).
 */
export function typedData(draft: Draft, fiche: Fiche | undefined): FicheData<FicheKind> {
  if (!draft.base || !fiche || fiche.kind !== draft.kind) return draft.data;
  return rebaseTyping(draft.kind, draft.base as FicheData<FicheKind>, draft.data as FicheData<FicheKind>, fiche.data as FicheData<FicheKind>);
}
