// The classroom's live socle badge: the form's data previewed by the gap engine at each edit, and again when the
// référentiel changes. Only this part follows the previews, not the whole form.
import { useEffect, useState } from 'preact/hooks';
import type { FicheEditor } from '../../state/fiche-editor';
import { previewClassroom } from '../../state/gaps';
import { referential } from '../../state/referential';
import type { ClassroomGap } from '../../gaps/types';
import { SocleBadge } from '../components/socle-badge';

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

export function ClassroomSocle({ editor }: { editor: FicheEditor<'classroom'> }) {
  return <SocleBadge gap={useClassroomGap(editor)} referentialVersion={referential.value.version} />;
}
