// What a revision may hold while a form shows an invalid value: every valid field as typed, and for each
// invalid one the value of the last saved revision (or the empty form's). The typed value stays in the draft
// and on screen with its message; it is never stored in a revision, nor silently corrected.
import type { FieldError } from './types';
import { getAt, hasPath, setAt } from './paths';

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
      const source = fallbacks.find((fallback) => hasPath(fallback, relative));
      if (source !== undefined) {
        data = setAt(data, relative, structuredClone(getAt(source, relative)));
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
