// Free text, on one line or several; `nullable` stores a blank field (spaces and invisible characters only) as null
// ("non renseigné").
import { isBlankText } from '../../model/text';
import { FieldError, errorId } from './field-error';

interface Props {
  id: string;
  label: string;
  value: string | null;
  onChange: (value: string | null, editedAt: number) => void;
  multiline?: boolean;
  nullable?: boolean;
  /** The browser counts UTF-16 units (an emoji is two): a record's text is bounded by its validation instead, which
   * counts characters as a reader does and says how many were typed. */
  maxLength?: number;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  type?: 'text' | 'date';
}

export function TextField(props: Props) {
  const { id, label, value, onChange, multiline, nullable, maxLength, error, hint, required, autoComplete, type = 'text' } = props;
  const describedBy = [hint ? `${id}-aide` : '', error ? errorId(id) : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value: value ?? '',
    maxLength,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    onInput: (event: Event & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
      const text = event.currentTarget.value;
      onChange(nullable && isBlankText(text) ? null : text, event.timeStamp);
    },
  };
  return (
    <div class="field">
      <label htmlFor={id}>{label}</label>
      {hint && <p class="hint" id={`${id}-aide`}>{hint}</p>}
      {multiline ? <textarea rows={4} {...common} /> : type === 'date' ? <input type="date" {...common} /> : <input type="text" autoComplete={autoComplete ?? 'off'} {...common} />}
      <FieldError id={id} message={error} />
    </div>
  );
}
