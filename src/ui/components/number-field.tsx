// A number typed on the tablet's numeric keypad. Only digits (and one decimal separator) are kept, so the text
// always reads as a number or as empty (null); what is not kept is said under the field (politely announced), the
// rest of what was typed stays. Range checks are the validation's job, shown under the field.
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

/** The characters of `typed` that `clean` (a subsequence of it) left out. */
function leftOut(typed: string, clean: string): string {
  let kept = 0;
  let out = '';
  for (const char of typed) {
    if (char === clean[kept]) kept += 1;
    else out += char;
  }
  return out;
}

function droppedNote(label: string, dropped: string, decimal: boolean): string {
  const what = dropped.replace(/\s+/g, ' ').trim();
  const accepted = decimal ? 'seuls des chiffres et une virgule sont acceptés' : 'seuls des chiffres sont acceptés';
  return `${label} : ${accepted}, ${what ? `« ${what} »` : "l'espace"} n'a pas été gardé.`;
}

export const noteId = (id: string) => `${id}-note`;

export function NumberField({ id, label, value, onChange, decimal = false, error, unit, hint }: Props) {
  const [text, setText] = useState(shown(value));
  const [note, setNote] = useState('');
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
        onBlur={() => setNote('')}
        aria-describedby={[hint ? `${id}-aide` : '', note ? noteId(id) : '', error ? errorId(id) : ''].filter(Boolean).join(' ') || undefined}
        onInput={(event) => {
          const input = event.currentTarget;
          const typed = input.value;
          const clean = sanitize(typed, decimal);
          if (clean !== typed) {
            // The caret stays where the user was typing, less what was taken out before it.
            const caret = input.selectionStart ?? typed.length;
            input.value = clean;
            const at = caret - leftOut(typed.slice(0, caret), sanitize(typed.slice(0, caret), decimal)).length;
            input.setSelectionRange?.(at, at);
          }
          // The note stays until the field is left, so that it can be read after the next keystroke.
          if (clean !== typed) setNote(droppedNote(label, leftOut(typed, clean), decimal));
          setText(clean);
          onChange(parseNumber(clean), event.timeStamp);
        }}
      />
      <p class="field-note" id={noteId(id)} aria-live="polite">
        {note}
      </p>
      <FieldError id={id} message={error} />
    </div>
  );
}
