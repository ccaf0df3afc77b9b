// Connects a form field to a path of the fiche being edited: its value, its message and its setter.
import type { FicheEditor } from '../state/fiche-editor';
import type { FicheKind } from '../model/types';

export function bind<T>(editor: FicheEditor<FicheKind>, path: string) {
  return {
    id: `champ-${path.replace(/\./g, '-')}`,
    value: editor.get(path) as T,
    error: editor.errors.value.get(path),
    onChange: (value: T | null, editedAt: number) => editor.set(path, value, editedAt),
  };
}

export function options<T extends string>(labels: Record<T, string>): ReadonlyArray<readonly [T, string]> {
  return Object.entries(labels) as Array<[T, string]>;
}
