// The value-level pieces of the three-way merge (merge.ts): equality of plain data, and the merge of a set-like
// array (`levels`, `trainingNeeds`), where additions and removals from both sides all count and nothing conflicts.

export type PlainRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is PlainRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality of plain data; the order of an object's keys does not count, a key holding undefined is absent. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (!sameValue(a[key], b[key])) return false;
  return true;
}

/** An array as read by the merge: absent (an optional set) reads as empty. */
function itemsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Merges set-like arrays: what the base held and neither side removed, plus what either side added. The result is
 * in the canonical order of `order` (values it lacks after, by their text), so that it does not depend on which
 * side is which. When only one side changed (or both the same way) its array is kept as it is. Absent on both
 * sides stays absent.
 */
export function mergeSet(order: readonly string[], base: unknown, local: unknown, head: unknown): unknown[] | undefined {
  if (local === undefined && head === undefined) return undefined;
  const [b, l, h] = [itemsOf(base), itemsOf(local), itemsOf(head)];
  if (sameValue(l, h)) return l;
  if (sameValue(b, l)) return h;
  if (sameValue(b, h)) return l;
  const [inLocal, inHead] = [new Set(l), new Set(h)];
  const kept = new Set([...b.filter((item) => inLocal.has(item) && inHead.has(item)), ...l.filter((item) => !b.includes(item)), ...h.filter((item) => !b.includes(item))]);
  const rank = (item: unknown) => {
    const index = order.indexOf(item as string);
    return index === -1 ? order.length : index;
  };
  return [...kept].sort((x, y) => rank(x) - rank(y) || byText(x, y));
}

/** Code-unit order, the same on every device whatever its locale. */
function byText(x: unknown, y: unknown): number {
  const [a, b] = [String(x), String(y)];
  return a < b ? -1 : a > b ? 1 : 0;
}
