// One fiche open in a form: what the form shows (`data`), its French errors by field, and its autosave.
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { AuditDb } from '../storage/db';
import { getDraft } from '../storage/drafts';
import { getFiche } from '../storage/fiche-queries';
import { getAt, setAt } from '../model/paths';
import type { Author, FicheData, FicheKind } from '../model/types';
import { Autosave } from './autosave';
import { validateData, type FicheRef } from './commit';
import { noteRevision } from './audits';
import { registerEditor, track } from './open-editors';


export class FicheEditor<K extends FicheKind> {
  readonly data: Signal<FicheData<K>>;
  /** Messages by path relative to data (`computer.year`). */
  readonly errors: ReadonlySignal<ReadonlyMap<string, string>>;
  readonly autosave: Autosave<K>;
  private readonly unregister: () => void;

  constructor(db: AuditDb, readonly ref: FicheRef<K>, author: Author, initial: FicheData<K>, isNew = false) {
    this.data = signal(initial);
    this.errors = computed(
      () => new Map(validateData(ref.kind, this.data.value).map((e) => [e.path.replace(/^data\./, ''), e.message])),
    );
    this.autosave = new Autosave({ db, ref, author, initial, isNew, onRevision: noteRevision });
    this.unregister = registerEditor(this.autosave);
  }

  /** Opens a fiche as it was last typed: its draft if one is left, else its latest revision, else `empty`. */
  static open<K extends FicheKind>(db: AuditDb, ref: FicheRef<K>, author: Author, empty: FicheData<K>) {
    return track(
      (async () => {
        const draft = await getDraft(db, ref.id);
        const fiche = draft ? undefined : await getFiche(db, ref.id);
        const initial = (draft?.data ?? fiche?.data ?? empty) as FicheData<K>;
        return new FicheEditor(db, ref, author, structuredClone(initial), !draft && !fiche);
      })(),
    );
  }

  get(path: string): unknown {
    return getAt(this.data.value, path);
  }

  set(path: string, value: unknown, editedAt?: number): void {
    this.data.value = setAt(this.data.value, path, value);
    this.autosave.edit(this.data.value, editedAt);
  }

  /** Commits what is pending, then lets the editor go. */
  close(): Promise<void> {
    this.unregister();
    return track(this.autosave.flush().then(() => this.autosave.dispose()));
  }
}

export { flushAllEditors } from './open-editors';
