// The three-way merge of a fiche (sync.md v2, "Merge on the device"): pure, field by field against the base. A leaf
// changed on one side takes that side's value; changed on both to different values, it is a conflict for the user
// (the local value kept until then). Sets merge as sets, fleets and photos by their keys (keyed-lists.ts), and
// `deleted` gives way to an edit.
import { makeClassroomData, makeSchoolData } from '../make';
import { CLASS_LEVELS } from '../schema';
import { TRAINING_NEED_IDS } from '../training';
import type { Fiche, FicheData, FicheKind } from '../types';
import { mergeValue, type FieldMerger, type MergeContext } from './merge-fields';
import { mergeKeyed, takeHeadItem } from './merge-keyed';
import { keyedListOf } from './keyed-lists';
import { isRecord, mergeSet, sameValue, type PlainRecord } from './merge-values';

/** One field changed on both sides to different values. */
export interface FieldConflict {
  /**
   * Where, from the record's root: `data.internet.access`, `data.fleets.<fleet id>.count`, `data.fleets.<fleet id>`
   * (a fleet removed on one side and changed on the other), `data.photos.<sha256>[.caption]` likewise, or `deleted`.
   */
  path: string;
  /** The value on this device (undefined: absent, e.g. a fleet removed here). */
  local: unknown;
  /** The value in the server's head. */
  head: unknown;
  /** For a `data.fleets.<fleet id>` (or photo) conflict the head still holds: the keys of the items before it there. */
  headBefore?: string[];
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

const setOf = (order: readonly string[]): FieldMerger => (base, local, head) => mergeSet(order, base, local, head);

/** The fields of `data` that do not merge as plain leaves or groups (the other kind's simply never occur). */
const RULES: Readonly<Record<string, FieldMerger>> = {
  'data.levels': setOf(CLASS_LEVELS),
  'data.trainingNeeds': setOf(TRAINING_NEED_IDS),
  'data.fleets': mergeKeyed('fleets'),
  'data.photos': mergeKeyed('photos'),
};

/**
 * Merges `local` (this device's state) and `head` (the server's) against `base` (the head the local edit was made
 * on; null for a fiche the server never held: the empty fiche of records.md "Defaults of a new fiche").
 */
export function mergeFiche<K extends FicheKind>(base: Fiche | null, local: Fiche & { kind: K }, head: Fiche & { kind: K }): MergeResult<K> {
  const baseData: unknown = base?.data ?? (local.kind === 'school' ? makeSchoolData() : makeClassroomData());
  const baseDeleted = base?.deleted ?? false;
  const context: MergeContext = { conflicts: [], rules: RULES };
  const data = mergeValue(baseData, local.data, head.data, 'data', context) as FicheData<K>;
  const localEdited = !sameData(baseData, local.data);
  const headEdited = !sameData(baseData, head.data);
  const { deleted, notice } = mergeDeleted(baseDeleted, local.deleted, head.deleted, localEdited, headEdited);
  return { data, deleted, conflicts: context.conflicts, notice };
}

/** Data the same but for an optional list absent on one side and empty on the other. */
function sameData(a: unknown, b: unknown): boolean {
  const filled = (data: unknown) => (isRecord(data) ? { ...data, trainingNeeds: data.trainingNeeds ?? [], photos: data.photos ?? [] } : data);
  return sameValue(filled(a), filled(b));
}

/** `deleted` merges like a field (a boolean changed on both sides changed the same way), but an edit keeps the fiche. */
function mergeDeleted(base: boolean, local: boolean, head: boolean, localEdited: boolean, headEdited: boolean): { deleted: boolean; notice: DeleteNotice | null } {
  if (local === head) return { deleted: local, notice: null };
  if (local !== base) {
    return local && headEdited ? { deleted: false, notice: 'deleted-here-kept-by-edit-there' } : { deleted: local, notice: null };
  }
  return head && localEdited ? { deleted: false, notice: 'deleted-there-kept-by-edit-here' } : { deleted: head, notice: null };
}

/** The data once the user chose, for each conflicting path, 'local' or 'head'; a path not chosen keeps 'local'. */
export function resolveConflicts<K extends FicheKind>(
  result: MergeResult<K>,
  choices: Readonly<Record<string, 'local' | 'head'>>,
): { data: FicheData<K>; deleted: boolean } {
  let data = result.data as PlainRecord;
  let deleted = result.deleted;
  for (const conflict of result.conflicts) {
    if (choices[conflict.path] !== 'head') continue;
    if (conflict.path === 'deleted') deleted = conflict.head as boolean;
    else data = takeHead(data, conflict);
  }
  return { data: data as FicheData<K>, deleted };
}

function takeHead(data: PlainRecord, conflict: FieldConflict): PlainRecord {
  const list = keyedListOf(conflict.path);
  if (list !== undefined) {
    const items = (Array.isArray(data[list]) ? data[list] : []) as object[];
    return { ...data, [list]: takeHeadItem(items, conflict, list) };
  }
  return setIn(data, conflict.path.split('.').slice(1), conflict.head);
}

/** A copy of `record` with the value at `keys` replaced (undefined: removed); `record` itself is left as it is. */
function setIn(record: PlainRecord, keys: string[], value: unknown): PlainRecord {
  const [key, ...rest] = keys;
  if (key === undefined) return record;
  const copy: PlainRecord = { ...record };
  const next = rest.length === 0 ? value : setIn(isRecord(record[key]) ? record[key] : {}, rest, value);
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy;
}
