// Typing carried onto a fiche that changed under it (a head from another tablet taken or merged while a form was
// open, or while a draft waited on the device): the three-way merge of a sync (merge.ts), against the data the typing
// started from. Where both changed a field the typed value stays: it is what the user has in front of them.
import type { Fiche, FicheData, FicheKind } from '../types';
import { mergeFiche } from './merge';
import { sameValue } from './merge-values';

export function rebaseTyping<K extends FicheKind>(kind: K, base: FicheData<K>, typed: FicheData<K>, current: FicheData<K>): FicheData<K> {
  if (sameValue(current, base)) return typed;
  if (sameValue(typed, base)) return current;
  const as = (data: FicheData<K>) => ({ kind, deleted: false, data }) as unknown as Fiche;
  return mergeFiche(as(base), as(typed) as never, as(current) as never).data as FicheData<K>;
}
