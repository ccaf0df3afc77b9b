// The classroom's gap to the socle, live while the form is typed.
import { useEffect, useState } from 'preact/hooks';
import type { FicheEditor } from '../../state/fiche-editor';
import { previewClassroom } from '../../state/gaps';
import { referential } from '../../state/referential';
import { ruleDef } from '../../model/referential';
import type { ClassroomGap } from '../../gaps/types';
import { costText } from '../format';

function useClassroomGap(editor: FicheEditor<'classroom'>): ClassroomGap | undefined {
  const [gap, setGap] = useState<ClassroomGap>();
  const data = editor.data.value;
  useEffect(() => {
    let live = true;
    previewClassroom({ id: editor.ref.id, uai: editor.ref.uai, data }).then(
      (next) => live && next && setGap(next),
      (error: unknown) => console.error('gap preview failed', error),
    );
    return () => void (live = false);
  }, [data, referential.value]);
  return gap;
}

export function SocleBadge({ editor }: { editor: FicheEditor<'classroom'> }) {
  const gap = useClassroomGap(editor);
  if (!gap) return null;
  const failing = gap.rules.filter((r) => r.outcome === 'fails' && r.rule !== 'C05');
  const unknown = gap.rules.filter((r) => r.outcome === 'unknown' && r.rule !== 'C05');
  const verdict = gap.meetsSocle === true ? 'Au socle' : gap.meetsSocle === false ? 'Pas au socle' : 'Socle : à compléter';
  return (
    <section class={`socle-badge socle-${String(gap.meetsSocle)}`} aria-labelledby="socle-classe">
      <h2 id="socle-classe" class="socle-verdict" aria-live="polite">
        {verdict}
      </h2>
      {failing.length > 0 && (
        <ul class="socle-list">
          {failing.map((r) => (
            <li key={r.rule}>
              {r.rule === 'C03' ? 'Avertissement' : 'Manque'} ({r.rule}) : {ruleDef(r.rule).label}
            </li>
          ))}
        </ul>
      )}
      {unknown.length > 0 && (
        <p class="socle-unknown">Non renseigné : {[...new Set(unknown.flatMap((r) => r.missing))].join(', ')}.</p>
      )}
      {gap.needs.length > 0 && <p>Besoin estimé : {costText(gap.costHt, gap.unpricedItems)}.</p>}
      <p class="socle-version">Référentiel {referential.value.version}</p>
    </section>
  );
}
