// Connects a form field to a typed path of the fiche being edited: its id, its label, its value, its message and its
// setter. A path the record does not have, or an input whose value type is not the field's, does not compile.
import type { FicheEditor } from '../state/fiche-editor';
import { formLabel } from '../model/labels';
import type { FieldPath, FormData, ValueAt } from '../model/field-paths';
import type { FicheData, FicheKind } from '../model/types';

/** What the form of a fiche of kind K may hold (see `FormData`). */
export type FicheForm<K extends FicheKind> = FormData<FicheData<K>>;
export type FormPath<K extends FicheKind> = FieldPath<FicheForm<K>>;

/** An optional field (records.md adds fields only as optional ones) that a fiche does not have reads as not recorded. */
type Shown<V> = V extends undefined ? null : V;

export interface Bound<V> {
  id: string;
  label: string;
  value: Shown<V>;
  error: string | undefined;
  onChange: (value: Shown<V>, editedAt: number) => void;
}

export function bind<K extends FicheKind, P extends FormPath<K>>(editor: FicheEditor<K>, path: P): Bound<ValueAt<FicheForm<K>, P>> {
  return {
    id: `champ-${path.replace(/\./g, '-')}`,
    label: formLabel(editor.ref.kind, path),
    value: (editor.get(path) ?? null) as Shown<ValueAt<FicheForm<K>, P>>,
    error: editor.errors.value.get(path),
    onChange: (value, editedAt) => editor.set(path, value, editedAt),
  };
}

export function options<T extends string>(labels: Record<T, string>): ReadonlyArray<readonly [T, string]> {
  return Object.entries(labels) as Array<[T, string]>;
}
