// The four TNE 13 training themes and their sub-themes, as checkboxes grouped by theme.
import { TRAINING_THEMES } from '../../model/training';
import { FieldError } from './field-error';

interface Props {
  id: string;
  value: readonly string[];
  onChange: (value: string[], editedAt: number) => void;
  error?: string | undefined;
}

export function TrainingNeedsField({ id, value, onChange, error }: Props) {
  const toggle = (code: string, checked: boolean, editedAt: number) => {
    const kept = value.filter((v) => v !== code);
    onChange(checked ? [...kept, code] : kept, editedAt);
  };
  const box = (code: string, label: string, strong = false) => (
    <label class="checkbox" key={code}>
      <input type="checkbox" name={id} checked={value.includes(code)} onChange={(e) => toggle(code, e.currentTarget.checked, e.timeStamp)} />
      <span>{strong ? <strong>{label}</strong> : label}</span>
    </label>
  );
  return (
    <div class="training-needs">
      {TRAINING_THEMES.map((theme) => (
        <fieldset class="field checkboxes" key={theme.id}>
          <legend>{theme.label}</legend>
          {box(theme.id, 'Le thème en général', true)}
          {theme.subThemes.map((sub) => box(sub.id, sub.label))}
        </fieldset>
      ))}
      <FieldError id={id} message={error} />
    </div>
  );
}
