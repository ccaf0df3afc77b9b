// A short enumeration as a row of buttons (native radio inputs, so arrows and screen readers work as usual).
import { FieldError, errorId } from './field-error';

export type Option<T> = readonly [value: T, label: string];

export const NOT_RECORDED = 'Non renseigné';

interface Props<T extends string | boolean> {
  id: string;
  label: string;
  options: ReadonlyArray<Option<T>>;
  value: T | null;
  onChange: (value: T | null, editedAt: number) => void;
  /** Adds a "Non renseigné" choice for null. */
  nullable?: boolean;
  error?: string | undefined;
  hint?: string;
}

export function SegmentedField<T extends string | boolean>(props: Props<T>) {
  const { id, label, options, value, onChange, nullable, error, hint } = props;
  const all: ReadonlyArray<Option<T | null>> = nullable ? [...options, [null, NOT_RECORDED]] : options;
  const describedBy = [hint ? `${id}-aide` : '', error ? errorId(id) : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class="field segmented" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend>{label}</legend>
      {hint && <p class="hint" id={`${id}-aide`}>{hint}</p>}
      <div class="segments">
        {all.map(([optionValue, optionLabel], index) => (
          <label key={String(optionValue)} class="segment">
            <input
              type="radio"
              name={id}
              id={`${id}-${index}`}
              checked={value === optionValue}
              onChange={(event) => onChange(optionValue, event.timeStamp)}
            />
            <span>{optionLabel}</span>
          </label>
        ))}
      </div>
      <FieldError id={id} message={error} />
    </fieldset>
  );
}

export const YES_NO: ReadonlyArray<Option<boolean>> = [
  [true, 'Oui'],
  [false, 'Non'],
];
