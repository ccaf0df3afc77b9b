// What a revision may hold while a form shows an invalid value: every valid field as typed, and for each
// invalid one the value of the last saved revision (or the empty form's). The typed value stays in the draft
// and on screen with its message; it is never stored in a revision, nor silently corrected.
import type { FieldError } from './types';
import { getAt, hasPath, setAt } from './paths';
import { KEYED_LISTS, type KeyedList } from './merge/keyed-lists';

/**
 * `keys` (a path in `data`) as the same field's path in `fallback`: an item of a keyed list (a fleet, a photo) is found
 * there by its key, not by its place, which a photo removed or a fleet merged in since may have changed. Undefined
 * when the fallback does not hold that item.
 */
function pathIn(fallback: unknown, data: unknown, keys: readonly string[]): string | undefined {
  const [list, index, ...rest] = keys;
  if (list === undefined || index === undefined || !Object.hasOwn(KEYED_LISTS, list) || !/^\d+$/.test(index)) return keys.join('.');
  const field = KEYED_LISTS[list as KeyedList];
  const key = (getAt(data, `${list}.${index}`) as Record<string, unknown> | undefined)?.[field];
  const items = getAt(fallback, list);
  const at = Array.isArray(items) && key !== undefined ? items.findIndex((item) => (item as Record<string, unknown> | null)?.[field] === key) : -1;
  return at < 0 ? undefined : [list, String(at), ...rest].join('.');
}

/**
 * For each invalid field, the first fallback that has it gives its value. A field no fallback has belongs to an
 * item added since (a new fleet): that item has no last valid value, so the revision leaves it out until it is
 * corrected; anything else falls back on its nearest ancestor that a fallback has.
 */
export function keepValidFields<T>(candidate: T, errors: readonly FieldError[], fallbacks: readonly T[]): T {
  let data = candidate;
  const newItems = new Map<string, Set<number>>();
  for (const { path } of errors) {
    const keys = path.replace(/^data\.?/, '').split('.').filter(Boolean);
    for (let depth = keys.length; depth >= 0; depth -= 1) {
      const relative = keys.slice(0, depth).join('.');
      if (depth === 0) {
        if (fallbacks[0] !== undefined) data = structuredClone(fallbacks[0]);
        break;
      }
      const found = fallbacks
        .map((fallback) => ({ fallback, at: pathIn(fallback, data, keys.slice(0, depth)) }))
        .find(({ fallback, at }) => at !== undefined && hasPath(fallback, at));
      if (found !== undefined) {
        data = setAt(data, relative, structuredClone(getAt(found.fallback, found.at as string)));
        break;
      }
      const parent = keys.slice(0, depth - 1).join('.');
      const index = Number(keys[depth - 1]);
      if (Array.isArray(parent ? getAt(data, parent) : data) && Number.isInteger(index)) {
        newItems.set(parent, (newItems.get(parent) ?? new Set()).add(index));
        break;
      }
    }
  }
  for (const [parent, indices] of newItems) {
    const items = getAt(data, parent) as unknown[];
    data = setAt(data, parent, items.filter((_, i) => !indices.has(i)));
  }
  return data;
}
