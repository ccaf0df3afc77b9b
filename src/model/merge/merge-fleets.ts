// The merge of a school's `fleets` (merge.ts): fleets are matched by their `id`, never by position. A fleet added on
// one side is kept; removed on one side and untouched on the other, it goes; removed on one side and changed on the
// other, the whole fleet conflicts; changed on both sides, it merges field by field (`data.fleets.<id>.count`).
import type { Fleet } from '../types';
import type { FieldConflict } from './merge';
import { mergeValue, type MergeContext } from './merge-fields';
import { isRecord, sameValue, type PlainRecord } from './merge-values';

function byId(value: unknown): Map<string, PlainRecord> {
  const fleets = new Map<string, PlainRecord>();
  for (const fleet of Array.isArray(value) ? value : []) {
    if (isRecord(fleet) && typeof fleet.id === 'string' && !fleets.has(fleet.id)) fleets.set(fleet.id, fleet);
  }
  return fleets;
}

/** The merged fleets: the head's in the head's order, then those only this device added, in its order. */
export function mergeFleets(base: unknown, local: unknown, head: unknown, path: string, context: MergeContext): unknown {
  if (sameValue(local, head)) return local;
  if (sameValue(base, local)) return head;
  if (sameValue(base, head)) return local;
  const [b, l, h] = [byId(base), byId(local), byId(head)];
  const merged: unknown[] = [];
  for (const id of new Set([...h.keys(), ...l.keys()])) {
    const fleet = mergeFleet(b.get(id), l.get(id), h.get(id), `${path}.${id}`, context, [...h.keys()]);
    if (fleet !== undefined) merged.push(fleet);
  }
  return merged;
}

function mergeFleet(base: PlainRecord | undefined, local: PlainRecord | undefined, head: PlainRecord | undefined, path: string, context: MergeContext, headIds: string[]): unknown {
  // Both hold it: field by field (against nothing when both added the same id, so every difference conflicts).
  if (local && head) return mergeValue(base ?? {}, local, head, path, context);
  const kept = local ?? head;
  if (!base || sameValue(base, kept)) return base ? undefined : kept;
  // Removed on one side, changed on the other: the local choice stays until the user decides.
  const conflict: FieldConflict = { path, local, head };
  if (head) conflict.headBefore = headIds.slice(0, headIds.indexOf(head.id as string));
  context.conflicts.push(conflict);
  return local;
}

/** `fleets` once the user took the head's side of a `data.fleets.<id>` or `data.fleets.<id>.<field>` conflict. */
export function takeHeadFleet(fleets: readonly Fleet[], conflict: FieldConflict, pathInFleets: string): Fleet[] {
  if (isRecord(conflict.local) || isRecord(conflict.head)) {
    const others = fleets.filter((fleet) => fleet.id !== pathInFleets);
    if (!isRecord(conflict.head)) return others;
    // Back at its place in the head: after the last fleet that comes before it there and is still here.
    const before = new Set(conflict.headBefore ?? []);
    const at = others.reduce((index, fleet, i) => (before.has(fleet.id) ? i + 1 : index), 0);
    return [...others.slice(0, at), conflict.head as Fleet, ...others.slice(at)];
  }
  // A fleet's fields hold no dot, its id may: the field is what follows the last one.
  const dot = pathInFleets.lastIndexOf('.');
  const [id, field] = [pathInFleets.slice(0, dot), pathInFleets.slice(dot + 1)];
  return fleets.map((fleet) => (fleet.id === id ? withField(fleet, field, conflict.head) : fleet));
}

function withField(fleet: Fleet, field: string, value: unknown): Fleet {
  const changed: PlainRecord = { ...fleet };
  if (value === undefined) delete changed[field];
  else changed[field] = value;
  return changed as Fleet;
}
