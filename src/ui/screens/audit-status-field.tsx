// "Statut de l'audit": Brouillon or Terminé. Finishing with fewer classrooms recorded than the school has asks
// first, and says how many are missing.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FicheEditor } from '../../state/fiche-editor';
import { STATUS_LABELS } from '../../model/labels';
import type { SchoolStatus } from '../../model/types';
import { bind, options } from '../bind';
import { SegmentedField } from '../components/segmented-field';
import { count } from '../plural';

interface Props {
  editor: FicheEditor<'school'>;
  /** Classroom fiches recorded for the school. */
  classrooms: number;
  directoryClasses: number | null;
}

export function AuditStatusField({ editor, classrooms, directoryClasses }: Props) {
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const field = bind(editor, 'status');
  const expected = editor.data.value.classesCount ?? directoryClasses;
  const missing = expected === null ? 0 : expected - classrooms;
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  const onChange = (value: SchoolStatus | null, editedAt: number) => {
    if (value === 'complete' && missing > 0) setAsking(true);
    else {
      setAsking(false);
      field.onChange(value, editedAt);
    }
  };
  return (
    <>
      <SegmentedField {...field} onChange={onChange} options={options(STATUS_LABELS)} />
      {asking && (
        <div class="confirm" role="alertdialog" aria-labelledby="confirm-termine" aria-describedby="confirm-termine-detail">
          <p id="confirm-termine"><strong>Terminer l'audit de cette école ?</strong></p>
          <p id="confirm-termine-detail">
            {count(classrooms, 'classe saisie', 'classes saisies')} sur {expected} : il en manque {missing}.
          </p>
          <div class="actions">
            <button type="button" class="button" ref={confirm} onClick={() => { setAsking(false); field.onChange('complete', performance.now()); }}>
              Terminer quand même
            </button>
            <button type="button" class="button secondary" onClick={() => setAsking(false)}>
              Continuer la saisie
            </button>
          </div>
        </div>
      )}
    </>
  );
}
