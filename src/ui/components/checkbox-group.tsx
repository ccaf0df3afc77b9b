// Several codes chosen among options, as large checkboxes.
import { FieldError, errorId } from './field-error';
import type { Option } from './segmented-field';

interface Props<T extends string> {
  id: string;
  label: string;
  options: ReadonlyArray<Option<T>>;
  value: readonly T[];
  onChange: (value: T[], editedAt: number) => void;
  error?: string | undefined;
  inline?: boolean;
}

export function CheckboxGroup<T extends string>({ id, label, options, value, onChange, error, inline }: Props<T>) {
  const toggle = (code: T, checked: boolean, editedAt: number) => {
    const kept = value.filter((v) => v !== code);
    onChange(checked ? options.map(([v]) => v).filter((v) => v === code || kept.includes(v)) : kept, editedAt);
  };
  return (
    <fieldset class={`field checkboxes${inline ? ' inline' : ''}`} aria-describedby={error ? errorId(id) : undefined}>
      <legend>{label}</legend>
      {options.map(([code, optionLabel]) => (
        <label key={code} class="checkbox">
          <input
            type="checkbox"
            name={id}
            checked={value.includes(code)}
            onChange={(event) => toggle(code, event.currentTarget.checked, event.timeStamp)}
          />
          <span>{optionLabel}</span>
        </label>
      ))}
      <FieldError id={id} message={error} />
    </fieldset>
  );
}
