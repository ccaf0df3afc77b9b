// What a revision may hold while a form shows an invalid value: every valid field as typed, and for each
// invalid one the value of the last saved revision (or the empty form's). The typed value stays in the draft
// and on screen with its message; it is never stored in a revision, nor silently corrected.
// An element of a list that no revision holds yet (a fleet just added, not complete) is left out of the
// revision until it is valid: "Ajouter une flotte" never stores an empty or half-made fleet.
import type { FieldError } from './types';
import { getAt, hasPath, setAt } from './paths';

/** `fleets.2.count` → the list `fleets` and the index 2; null for a path outside a list. */
function listElement(path: string): { list: string; index: number } | null {
  const match = /^(.*?)\.(\d+)(?:\.|$)/.exec(path);
  return match ? { list: match[1] as string, index: Number(match[2]) } : null;
}

export function keepValidFields<T>(candidate: T, errors: readonly FieldError[], fallbacks: readonly T[]): T {
  let data = candidate;
  const dropped = new Map<string, Set<number>>();
  for (const { path } of errors) {
    const relative = path.replace(/^data\./, '');
    const source = fallbacks.find((fallback) => hasPath(fallback, relative));
    if (source !== undefined) data = setAt(data, relative, structuredClone(getAt(source, relative)));
    else {
      const element = listElement(relative);
      if (element) dropped.set(element.list, (dropped.get(element.list) ?? new Set()).add(element.index));
    }
  }
  for (const [list, indexes] of dropped) {
    const items = getAt(data, list);
    if (Array.isArray(items)) data = setAt(data, list, items.filter((_, i) => !indexes.has(i)));
  }
  return data;
}
