// One fiche open in a form: what the form shows (`data`), its French errors by field, and its autosave.
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { AuditDb } from '../storage/db';
import { getDraft } from '../storage/drafts';
import { getFiche } from '../storage/fiches';
import { getAt, setAt } from '../model/paths';
import type { Author, FicheData, FicheKind } from '../model/types';
import { Autosave } from './autosave';
import { validateData, type FicheRef } from './commit';
import { noteRevision } from './audits';

const openEditors = new Set<FicheEditor<FicheKind>>();
/** Opening and closing editors: their reads and writes are still running. */
const pending = new Set<Promise<unknown>>();

function track<T>(promise: Promise<T>): Promise<T> {
  pending.add(promise);
  void promise.catch(() => undefined).finally(() => pending.delete(promise));
  return promise;
}

export class FicheEditor<K extends FicheKind> {
  readonly data: Signal<FicheData<K>>;
  /** Messages by path relative to data (`computer.year`). */
  readonly errors: ReadonlySignal<ReadonlyMap<string, string>>;
  readonly autosave: Autosave<K>;

  constructor(db: AuditDb, readonly ref: FicheRef<K>, author: Author, initial: FicheData<K>) {
    this.data = signal(initial);
    this.errors = computed(
      () => new Map(validateData(ref.kind, this.data.value).map((e) => [e.path.replace(/^data\./, ''), e.message])),
    );
    this.autosave = new Autosave({ db, ref, author, initial, onRevision: noteRevision });
    openEditors.add(this as unknown as FicheEditor<FicheKind>);
  }

  /** Opens a fiche as it was last typed: its draft if one is left, else its latest revision, else `empty`. */
  static open<K extends FicheKind>(db: AuditDb, ref: FicheRef<K>, author: Author, empty: FicheData<K>) {
    return track(
      (async () => {
        const draft = await getDraft(db, ref.id);
        const fiche = draft ? undefined : await getFiche(db, ref.id);
        const initial = (draft?.data ?? fiche?.data ?? empty) as FicheData<K>;
        return new FicheEditor(db, ref, author, structuredClone(initial));
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
    openEditors.delete(this as unknown as FicheEditor<FicheKind>);
    return track(this.autosave.flush().then(() => this.autosave.dispose()));
  }
}

/** Commits every open form now (the tab is being hidden or closed), and waits for those opening or closing. */
export async function flushAllEditors(): Promise<void> {
  await Promise.all([...openEditors].map((editor) => editor.autosave.flush()));
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
