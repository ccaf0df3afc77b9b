// A number typed on the tablet's numeric keypad. Only digits (and one decimal separator) can be typed, so the
// text always reads as a number or as empty (null); range checks are the validation's job, shown under the field.
import { useEffect, useState } from 'preact/hooks';
import { FieldError, errorId } from './field-error';

interface Props {
  id: string;
  label: string;
  value: number | null;
  onChange: (value: number | null, editedAt: number) => void;
  decimal?: boolean;
  error?: string | undefined;
  unit?: string;
  hint?: string | undefined;
}

export function parseNumber(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

function sanitize(text: string, decimal: boolean): string {
  if (!decimal) return text.replace(/\D+/g, '');
  const cleaned = text.replace(/[^\d.,]+/g, '');
  const separator = cleaned.search(/[.,]/);
  return separator < 0 ? cleaned : cleaned.slice(0, separator + 1) + cleaned.slice(separator + 1).replace(/[.,]/g, '');
}

const shown = (value: number | null) => (value === null ? '' : String(value).replace('.', ','));

export function NumberField({ id, label, value, onChange, decimal = false, error, unit, hint }: Props) {
  const [text, setText] = useState(shown(value));
  useEffect(() => {
    if (parseNumber(text) !== value) setText(shown(value));
  }, [value]);
  return (
    <div class="field">
      <label htmlFor={id}>
        {label}
        {unit && <span class="unit"> ({unit})</span>}
      </label>
      {hint && <p class="hint" id={`${id}-aide`}>{hint}</p>}
      <input
        id={id}
        type="text"
        inputMode={decimal ? 'decimal' : 'numeric'}
        autoComplete="off"
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint ? `${id}-aide` : '', error ? errorId(id) : ''].filter(Boolean).join(' ') || undefined}
        onInput={(event) => {
          const input = event.currentTarget;
          const clean = sanitize(input.value, decimal);
          if (clean !== input.value) input.value = clean;
          setText(clean);
          onChange(parseNumber(clean), event.timeStamp);
        }}
      />
      <FieldError id={id} message={error} />
    </div>
  );
}
