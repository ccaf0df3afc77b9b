// What the device does with a head the server sent (pulled, or returned with a `conflict`): pure, table-tested.
// A fiche with no unsent edit takes the head; one with an unsent edit is merged three ways against its base
// (merge.ts); a merge with no conflict becomes a new local revision pushed on the head, one with conflicts waits
// "À arbitrer" with the local copy kept as it is (sync.md v2).
import { canonicalJson, type Head } from '../sync-protocol';
import type { Author, Fiche, FieldError } from '../types';
import { validateFiche } from '../validate';
import { mergeFiche, resolveConflicts, type DeleteNotice, type FieldConflict } from './merge';

/** The head a device's fiche was last built on: what its next push names as `baseRev`. */
export interface Base {
  id: string;
  rev: number;
  seq: number;
  /** The head as taken (with its `rev`): the merge's base. */
  record: Fiche;
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
   * any, leaves the outbox). */
  | { kind: 'take'; fiche: Fiche; base: Base }
  /** Merged without conflict: a new local revision, to push on the head at once. */
  | { kind: 'merged'; fiche: Fiche; base: Base; notice: DeleteNotice | null }
  /** Fields changed on both sides differently: the local copy stays as it is until the user chooses. */
  | { kind: 'arbitrate'; conflicts: FieldConflict[] };

const baseOf = (head: Head): Base => ({ id: head.record.id, rev: head.rev, seq: head.seq, record: head.record });

export function reconcile(input: ReconcileInput): Decision {
  const { head, base, local, unsent } = input;
  if (base && head.rev <= base.rev) return { kind: 'skip' };
  if (!local || !unsent) return { kind: 'take', fiche: head.record, base: baseOf(head) };
  if (local.kind !== head.record.kind) return { kind: 'arbitrate', conflicts: [{ path: 'kind', local: local.kind, head: head.record.kind }] };
  const merged = mergeFiche(base?.record ?? null, local, head.record as typeof local);
  if (merged.conflicts.length > 0) return { kind: 'arbitrate', conflicts: merged.conflicts };
  // The head already holds everything the local edit changed: it is taken, and the edit has nothing left to send.
  if (merged.deleted === head.record.deleted && canonicalJson(merged.data) === canonicalJson(head.record.data)) {
    return { kind: 'take', fiche: head.record, base: baseOf(head) };
  }
  const candidate = mergedRevision(input, local, merged.data, merged.deleted);
  const checked = validateFiche(candidate, { now: input.now });
  // Two valid sides can merge into an invalid whole (a count from one tablet, its working count from the other):
  // the fields refused are left to the user, as a conflict.
  if (!checked.ok) return { kind: 'arbitrate', conflicts: conflictsOf(checked.errors, local, head.record) };
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

function conflictsOf(errors: readonly FieldError[], local: Fiche, head: Fiche): FieldConflict[] {
  return errors.map(({ path }) => ({ path, local: valueAt(local, path), head: valueAt(head, path) }));
}

/** The value at a dotted path of a record (`data.fleets.0.count`). */
export function valueAt(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * The fields a held fiche asks the user about: those both sides changed differently, or, when the merge has none
 * but gives an invalid fiche, the fields refused (a count from one tablet, its working count from the other).
 */
export function heldConflicts(base: Fiche | null, local: Fiche, head: Fiche, now: Date): FieldConflict[] {
  const merged = mergeFiche(base, local, head as typeof local);
  if (merged.conflicts.length > 0) return merged.conflicts;
  const checked = validateFiche({ ...local, data: merged.data, deleted: merged.deleted }, { now });
  return checked.ok ? [] : conflictsOf(checked.errors, local, head);
}

/** The data and deletion once the user chose, for each path asked about, 'local' (where none is given) or 'head'. */
export function chosen(base: Fiche | null, local: Fiche, head: Fiche, choices: Readonly<Record<string, 'local' | 'head'>>): { data: Fiche['data']; deleted: boolean } {
  const merged = mergeFiche(base, local, head as typeof local);
  const resolved = resolveConflicts(merged, choices);
  const merges = new Set(merged.conflicts.map((c) => c.path));
  // A field refused by validation rather than by the merge: the chosen side's value put at its path.
  let data = resolved.data as unknown;
  for (const [path, side] of Object.entries(choices)) {
    if (merges.has(path) || !path.startsWith('data.')) continue;
    data = withValueAt(data, path.slice(5).split('.'), valueAt(side === 'head' ? head : local, path));
  }
  return { data: data as Fiche['data'], deleted: resolved.deleted };
}

function withValueAt(target: unknown, keys: readonly string[], value: unknown): unknown {
  const [key, ...rest] = keys;
  if (key === undefined) return value;
  const container = Array.isArray(target) ? [...(target as unknown[])] : { ...(target as Record<string, unknown>) };
  (container as Record<string, unknown>)[key] = withValueAt((container as Record<string, unknown>)[key], rest, value);
  return container;
}
