// A draft's typing carried onto the fiche as it is now (drafts.ts keeps the drafts). Apart from drafts.ts because it
// needs the three-way merge: the start-up counts drafts before the first screen, and the merge need not come with it.
import type { Draft } from './db';
import { rebaseTyping } from '../model/merge/rebase-typing';
import type { Fiche, FicheData, FicheKind } from '../model/types';

/**
 * What a draft holds, carried onto the fiche as it is now: a fiche a sync changed since the typing began keeps the
 * other tablet's values in the fields that were not typed (the typed values win where both changed a field).
 */
export function typedData(draft: Draft, fiche: Fiche | undefined): FicheData<FicheKind> {
  if (!draft.base || !fiche || fiche.kind !== draft.kind) return draft.data;
  return rebaseTyping(draft.kind, draft.base as FicheData<FicheKind>, draft.data as FicheData<FicheKind>, fiche.data as FicheData<FicheKind>);
}
