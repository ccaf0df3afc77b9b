// What a revision may hold while a form shows an invalid value: every valid field as typed, and for each
// invalid one the value of the last saved revision (or the empty form's). The typed value stays in the draft
// and on screen with its message; it is never stored in a revision, nor silently corrected.
import type { FieldError } from './types';
import { getAt, hasPath, setAt } from './paths';

export function keepValidFields<T>(candidate: T, errors: readonly FieldError[], fallbacks: readonly T[]): T {
  let data = candidate;
  for (const { path } of errors) {
    const relative = path.replace(/^data\./, '');
    const source = fallbacks.find((fallback) => hasPath(fallback, relative));
    if (source !== undefined) data = setAt(data, relative, structuredClone(getAt(source, relative)));
  }
  return data;
}
