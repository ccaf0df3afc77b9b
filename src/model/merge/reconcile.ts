// What the device does with a head the server sent (pulled, or returned with a `conflict`): pure, table-tested.
// A fiche with no unsent edit takes the head; one with an unsent edit is merged three ways against its base
// (merge.ts); a merge with no conflict becomes a new local revision pushed on the head, one with conflicts waits
// "À arbitrer" with the local copy kept as it is (sync.md v2).
import { canonicalJson, type Head } from '../sync-protocol';
import type { Author, Fiche, FieldError } from '../types';
import { validateFiche } from '../validate';
import { mergeFiche, resolveConflicts, type DeleteNotice, type FieldConflict } from './merge';
import { byKey, itemNamed, itemsOf } from './keyed-lists';

/** The head a device's fiche was last built on: what its next push names as `baseRev`. */
export interface Base {
  id: string;
  rev: number;
  seq: number;
  /** The head as taken (with its `rev`): the merge's base. Absent while the device's fiche is that head, untouched
   * (a pulled head is written once, not twice); the first edit copies it here (storage/fiches.ts). */
  record?: Fiche;
  /** The device that made the fiche, as the server says it (Head.origin); absent for one made here and only pushed. */
  origin?: string;
}

export interface ReconcileInput {
  head: Head;
  base: Base | undefined;
  /** The device's copy of the fiche, if it holds one. */
  local: Fiche | undefined;
  /** Whether the device holds an edit of the fiche that the server has not acknowledged. */
  unsent: boolean;
  /** Who merges, when, with which référentiel: the merged revision's envelope. */
  author: Author;
  referentialVersion: string;
  now: Date;
}

export type Decision =
  /** Already known (the device's own push coming back, or an older head). */
  | { kind: 'skip' }
  /** No unsent edit here, or none the head lacks: the head becomes the device's copy and its base (and the edit, if
   * any, leaves the outbox). A delete made here that the head's edit undid is said (`notice`). */
  | { kind: 'take'; fiche: Fiche; base: Base; notice: DeleteNotice | null }
  /** Merged without conflict: a new local revision, to push on the head at once. */
  | { kind: 'merged'; fiche: Fiche; base: Base; notice: DeleteNotice | null }
  /** Fields changed on both sides differently: the local copy stays as it is until the user chooses. */
  | { kind: 'arbitrate'; conflicts: FieldConflict[] };

export const baseOf = (head: Head): Base => ({ id: head.record.id, rev: head.rev, seq: head.seq, record: head.record, ...(head.origin ? { origin: head.origin } : {}) });

export function reconcile(input: ReconcileInput): Decision {
  const { head, base, local, unsent } = input;
  if (base && head.rev <= base.rev) return { kind: 'skip' };
  if (!local || !unsent) return { kind: 'take', fiche: head.record, base: baseOf(head), notice: null };
  if (local.kind !== head.record.kind) return { kind: 'arbitrate', conflicts: [{ path: 'kind', local: local.kind, head: head.record.kind }] };
  const merged = mergeFiche(base?.record ?? null, local, head.record as typeof local);
  if (merged.conflicts.length > 0) return { kind: 'arbitrate', conflicts: merged.conflicts };
  // The head already holds everything the local edit changed: it is taken, and the edit has nothing left to send. A
  // delete made here and undone by the head's edit ends here too, and the user must still be told.
  if (merged.deleted === head.record.deleted && canonicalJson(merged.data) === canonicalJson(head.record.data)) {
    return { kind: 'take', fiche: head.record, base: baseOf(head), notice: merged.notice };
  }
  const candidate = mergedRevision(input, local, merged.data, merged.deleted);
  const checked = validateFiche(candidate, { now: input.now });
  // Two valid sides can merge into an invalid whole (a count from one tablet, its working count from the other):
  // the fields refused are left to the user, as a conflict.
  if (!checked.ok) return { kind: 'arbitrate', conflicts: conflictsOf(checked.errors, candidate, local, head.record) };
  return { kind: 'merged', fiche: checked.value, base: baseOf(head), notice: merged.notice };
}

/** The merged fiche's envelope: now, the merging device's author and référentiel, a local rev above both. */
export function mergedRevision(input: Pick<ReconcileInput, 'head' | 'author' | 'referentialVersion' | 'now'>, local: Fiche, data: Fiche['data'], deleted: boolean): Fiche {
  return {
    ...local,
    data,
    deleted,
    rev: Math.max(local.rev, input.head.rev) + 1,
    updatedAt: input.now.toISOString(),
    author: input.author,
    referentialVersion: input.referentialVersion,
  } as Fiche;
}

function conflictsOf(errors: readonly FieldError[], merged: Fiche, local: Fiche, head: Fiche): FieldConflict[] {
  // Validation names an item of a keyed list by its place in the merged fiche (`data.fleets.0.workingCount`), which is
  // not its place on either side; the merge and the screens name it by its key, the same everywhere.
  const paths = new Set(errors.map(({ path }) => byKey(merged, path)));
  return [...paths].map((path) => ({ path, local: valueAt(local, path), head: valueAt(head, path) }));
}

/** The value at a dotted path of a record: `data.internet.access`, a fleet or photo by key (`data.fleets.<id>.count`)
 * or place. */
export function valueAt(record: unknown, path: string): unknown {
  const named = itemNamed(record, path);
  if (named) {
    const item = itemsOf(record, named.list)[named.index];
    return named.field === undefined ? item : item?.[named.field];
  }
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The fields a merge with no collision still leaves refused by validation, each with both sides' values. */
function refusedFields(local: Fiche, merged: { data: Fiche['data']; deleted: boolean }, head: Fiche, now: Date): FieldConflict[] {
  const candidate = { ...local, data: merged.data, deleted: merged.deleted } as Fiche;
  const checked = validateFiche(candidate, { now });
  return checked.ok ? [] : conflictsOf(checked.errors, candidate, local, head);
}

/**
 * The fields a held fiche asks the user about: those both sides changed differently, or, when the merge has none
 * but gives an invalid fiche, the fields refused (a count from one tablet, its working count from the other).
 */
export function heldConflicts(base: Fiche | null, local: Fiche, head: Fiche, now: Date): FieldConflict[] {
  const merged = mergeFiche(base, local, head as typeof local);
  return merged.conflicts.length > 0 ? merged.conflicts : refusedFields(local, merged, head, now);
}

/**
 * The data and deletion once the user chose, for each path heldConflicts asked about, 'local' (where none is given,
 * as the screen shows it) or 'head'.
 */
export function chosen(base: Fiche | null, local: Fiche, head: Fiche, choices: Readonly<Record<string, 'local' | 'head'>>, now: Date): { data: Fiche['data']; deleted: boolean } {
  const merged = mergeFiche(base, local, head as typeof local);
  if (merged.conflicts.length > 0) return resolveConflicts(merged, choices);
  // Fields refused by validation rather than by the merge: the chosen side's value put at each one's path.
  let data = merged.data as unknown;
  for (const { path } of refusedFields(local, merged, head, now)) {
    if (path.startsWith('data.')) data = withValue(data, path, valueAt(choices[path] === 'head' ? head : local, path));
  }
  return { data: data as Fiche['data'], deleted: merged.deleted };
}

/** A copy of a fiche's `data` with the value at `path` (from the record's root) replaced; a fleet or photo found by
 * its key. */
function withValue(data: unknown, path: string, value: unknown): unknown {
  const named = itemNamed({ data }, path);
  if (!named) return withValueAt(data, path.slice('data.'.length).split('.'), value);
  const items: unknown[] = [...itemsOf({ data }, named.list)];
  if (named.field !== undefined) items[named.index] = { ...(items[named.index] as Record<string, unknown>), [named.field]: value };
  else if (value === undefined) items.splice(named.index, 1);
  else items[named.index] = value;
  return { ...(data as Record<string, unknown>), [named.list]: items };
}

function withValueAt(target: unknown, keys: readonly string[], value: unknown): unknown {
  const [key, ...rest] = keys;
  if (key === undefined) return value;
  const container = Array.isArray(target) ? [...(target as unknown[])] : { ...(target as Record<string, unknown>) };
  (container as Record<string, unknown>)[key] = withValueAt((container as Record<string, unknown>)[key], rest, value);
  return container;
}
