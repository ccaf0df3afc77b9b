// Opens a fiche editor for as long as a screen shows it, and commits it when the screen goes.
// Gives undefined while opening, and the Error if the device's storage could not be read.
import { useEffect, useState } from 'preact/hooks';
import { FicheEditor } from '../state/fiche-editor';
import type { FicheRef } from '../state/commit';
import type { FicheData, FicheKind } from '../model/types';

export function useFicheEditor<K extends FicheKind>(
  ref: FicheRef<K> | undefined,
  empty: () => FicheData<K>,
): FicheEditor<K> | Error | undefined {
  const [editor, setEditor] = useState<FicheEditor<K> | Error>();
  useEffect(() => {
    if (!ref) return;
    let opened: FicheEditor<K> | undefined;
    let cancelled = false;
    FicheEditor.open(ref, empty()).then(
      (e) => {
        if (cancelled) return void e.close();
        opened = e;
        setEditor(e);
      },
      (error: unknown) => {
        console.error('cannot open the fiche', error);
        if (!cancelled) setEditor(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return () => {
      cancelled = true;
      setEditor(undefined);
      void opened?.close();
    };
  }, [ref?.id]);
  return editor;
}
