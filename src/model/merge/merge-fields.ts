// The field-by-field walk of the three-way merge (merge.ts): a leaf changed on one side takes that side's value, a
// leaf changed on both sides to different values is a conflict (the local value kept meanwhile), and nested groups
// (`display`, `internet`, a fleet…) are walked into. Fields that merge otherwise (sets, fleets) are given by path.
import type { FieldConflict } from './merge';
import { isRecord, sameValue, type PlainRecord } from './merge-values';

/** Merges one field at `path` (from the record's root, `data.internet.access`); undefined: the field is absent. */
export type FieldMerger = (base: unknown, local: unknown, head: unknown, path: string, context: MergeContext) => unknown;

export interface MergeContext {
  /** Where the conflicts found so far are collected, in the order of the walk. */
  conflicts: FieldConflict[];
  /** Fields that do not merge as leaves or groups, by path. */
  rules: Readonly<Record<string, FieldMerger>>;
}

/** The three-way merge of one value: the same on both sides, changed on one side, a group walked into, or a conflict. */
export function mergeValue(base: unknown, local: unknown, head: unknown, path: string, context: MergeContext): unknown {
  if (sameValue(local, head)) return local;
  if (sameValue(base, local)) return head;
  if (sameValue(base, head)) return local;
  if (isRecord(base) && isRecord(local) && isRecord(head)) return mergeRecord(base, local, head, path, context);
  context.conflicts.push({ path, local, head });
  return local;
}

/** Merges the fields of a group one by one; a field absent on a side reads as undefined. */
export function mergeRecord(base: PlainRecord, local: PlainRecord, head: PlainRecord, path: string, context: MergeContext): PlainRecord {
  const merged: PlainRecord = {};
  for (const key of new Set([...Object.keys(local), ...Object.keys(head), ...Object.keys(base)])) {
    const fieldPath = `${path}.${key}`;
    const merge = context.rules[fieldPath] ?? mergeValue;
    const value = merge(base[key], local[key], head[key], fieldPath, context);
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}
