// The merge of a keyed list (keyed-lists.ts: fleets by `id`, photos by `sha256`), matched by key, never by position.
// An item added on one side is kept; removed on one side and untouched on the other, it goes; removed on one side and
// changed on the other, the whole item conflicts; changed on both sides, it merges field by field
// (`data.fleets.<id>.count`, `data.photos.<sha256>.caption`).
import type { FieldConflict } from './merge';
import { mergeValue, type FieldMerger, type MergeContext } from './merge-fields';
import { isRecord, sameValue, type PlainRecord } from './merge-values';
import { KEYED_LISTS, keyOf, type KeyedList } from './keyed-lists';

function byKey(value: unknown, list: KeyedList): Map<string, PlainRecord> {
  const items = new Map<string, PlainRecord>();
  for (const item of Array.isArray(value) ? value : []) {
    const key = keyOf(item, list);
    if (isRecord(item) && key !== undefined && !items.has(key)) items.set(key, item);
  }
  return items;
}

/** The merger of `list`: the head's items in the head's order, then those only this device added, in its order. */
export function mergeKeyed(list: KeyedList): FieldMerger {
  return (base, local, head, path, context) => {
    if (sameValue(local, head)) return local;
    if (sameValue(base, local)) return head;
    if (sameValue(base, head)) return local;
    const [b, l, h] = [byKey(base, list), byKey(local, list), byKey(head, list)];
    const merged: unknown[] = [];
    for (const key of new Set([...h.keys(), ...l.keys()])) {
      const item = mergeItem(b.get(key), l.get(key), h.get(key), `${path}.${key}`, context, [...h.keys()], list);
      if (item !== undefined) merged.push(item);
    }
    return merged;
  };
}

function mergeItem(base: PlainRecord | undefined, local: PlainRecord | undefined, head: PlainRecord | undefined, path: string, context: MergeContext, headKeys: string[], list: KeyedList): unknown {
  // Both hold it: field by field (against nothing when both added the same key, so every difference conflicts).
  if (local && head) return mergeValue(base ?? {}, local, head, path, context);
  const kept = local ?? head;
  if (!base || sameValue(base, kept)) return base ? undefined : kept;
  // Removed on one side, changed on the other: the local choice stays until the user decides.
  const conflict: FieldConflict = { path, local, head };
  if (head) conflict.headBefore = headKeys.slice(0, headKeys.indexOf(keyOf(head, list) as string));
  context.conflicts.push(conflict);
  return local;
}

/** A keyed list once the user took the head's side of a `data.<list>.<key>` or `data.<list>.<key>.<field>` conflict. */
export function takeHeadItem<T extends object>(items: readonly T[], conflict: FieldConflict, list: KeyedList): T[] {
  const keyField = KEYED_LISTS[list];
  const pathInList = conflict.path.slice(`data.${list}.`.length);
  const key = (item: T) => (item as PlainRecord)[keyField];
  if (isRecord(conflict.local) || isRecord(conflict.head)) {
    const others = items.filter((item) => key(item) !== pathInList);
    if (!isRecord(conflict.head)) return others;
    // Back at its place in the head: after the last item that comes before it there and is still here.
    const before = new Set(conflict.headBefore ?? []);
    const at = others.reduce((index, item, i) => (before.has(key(item) as string) ? i + 1 : index), 0);
    return [...others.slice(0, at), conflict.head as T, ...others.slice(at)];
  }
  // An item's fields hold no dot, its key may: the field is what follows the last one.
  const dot = pathInList.lastIndexOf('.');
  const [id, field] = [pathInList.slice(0, dot), pathInList.slice(dot + 1)];
  return items.map((item) => (key(item) === id ? withField(item, field, conflict.head) : item));
}

function withField<T extends object>(item: T, field: string, value: unknown): T {
  const changed: PlainRecord = { ...(item as PlainRecord) };
  if (value === undefined) delete changed[field];
  else changed[field] = value;
  return changed as T;
}
