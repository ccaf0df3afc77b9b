// The three-way merge of a fiche (sync.md v2, "Merge on the device"): pure, field by field against the base.
// IMPLEMENTATION PENDING (issue 13): the types and signatures below are the contract the device and the server's
// migration code against.
import type { Fiche, FicheData, FicheKind } from '../model/types';

/** One field changed on both sides to different values. */
export interface FieldConflict {
  /**
   * Where, from the record's root: `data.internet.access`, `data.fleets.<fleet id>.count`, `data.fleets.<fleet id>`
   * (a fleet removed on one side and changed on the other), or `deleted`.
   */
  path: string;
  /** The value on this device (undefined: absent, e.g. a fleet removed here). */
  local: unknown;
  /** The value in the server's head. */
  head: unknown;
}

/** A delete on one side and an edit of `data` on the other: the fiche is kept, and the user told which. */
export type DeleteNotice = 'deleted-here-kept-by-edit-there' | 'deleted-there-kept-by-edit-here';

export interface MergeResult<K extends FicheKind = FicheKind> {
  /** The merged data; where a field conflicts, it holds the local value until the user chooses. */
  data: FicheData<K>;
  deleted: boolean;
  conflicts: FieldConflict[];
  notice: DeleteNotice | null;
}

/**
 * Merges `local` (this device's state) and `head` (the server's) against `base` (the head the local edit was made
 * on; null for a fiche the server never held: the empty fiche of records.md "Defaults of a new fiche").
 */
export function mergeFiche<K extends FicheKind>(base: Fiche | null, local: Fiche & { kind: K }, head: Fiche & { kind: K }): MergeResult<K> {
  void base;
  void local;
  void head;
  throw new Error('mergeFiche: not implemented yet');
}

/** The data once the user chose, for each conflicting path, 'local' or 'head'; a path not chosen keeps 'local'. */
export function resolveConflicts<K extends FicheKind>(
  result: MergeResult<K>,
  choices: Readonly<Record<string, 'local' | 'head'>>,
): { data: FicheData<K>; deleted: boolean } {
  void choices;
  return { data: result.data, deleted: result.deleted };
}
