// One fiche open in a form: what the form shows (`data`), its French errors by field, and its autosave.
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { getDraft, typedData } from '../storage/drafts';
import { getFiche } from '../storage/fiche-queries';
import { onSaved } from '../storage/saved';
import { rebaseTyping } from '../model/merge/rebase-typing';
import { canonicalJson } from '../model/sync-protocol';
import { getAt, setAt } from '../model/paths';
import type { Author, FicheData, FicheKind } from '../model/types';
import { Autosave } from './autosave';
import { validateData, type FicheRef } from './commit';
import { registerEditor, track } from './open-editors';
import { deviceDb } from './device-db';
import { currentAuthor } from './session';


export class FicheEditor<K extends FicheKind> {
  readonly data: Signal<FicheData<K>>;
  /** Messages by path relative to data (`computer.year`). */
  readonly errors: ReadonlySignal<ReadonlyMap<string, string>>;
  readonly autosave: Autosave<K>;
  private readonly unregister: () => void;
  private readonly unlisten: () => void;
  /** The fiche's data as last saved or received: what the form's typing is measured against. */
  private saved: FicheData<K>;

  /** `saved`: the fiche's data on the device, when the form opens on typing left in a draft (`initial`). */
  constructor(readonly ref: FicheRef<K>, author: Author, initial: FicheData<K>, isNew = false, saved: FicheData<K> = initial) {
    this.data = signal(initial);
    this.saved = saved;
    // A head from another tablet taken or merged while the form is open (sync flushes the forms first, so what was
    // typed is already a revision and merged there): the form shows it, typing since kept on top.
    this.unlisten = onSaved((fiches, _db, source) => {
      const fiche = fiches.find((f) => f.id === ref.id);
      if (!fiche) return;
      if (source === 'edit') this.saved = fiche.data as FicheData<K>;
      else this.receive(fiche.data as FicheData<K>);
    });
    this.errors = computed(
      () => new Map(validateData(ref.kind, this.data.value).map((e) => [e.path.replace(/^data\./, ''), e.message])),
    );
    this.autosave = new Autosave({ ref, author, initial, isNew, savedData: () => this.saved });
    this.unregister = registerEditor(this.autosave);
  }

  /**
   * Opens a fiche as it was last typed: its draft if one is left (carried onto the fiche if a sync changed it since),
   * else its latest revision, else `empty`. Its revisions are signed by the auditor of the moment it opened.
   */
  static open<K extends FicheKind>(ref: FicheRef<K>, empty: FicheData<K>) {
    return track(
      (async () => {
        const [db, author] = [deviceDb(), currentAuthor()];
        const [draft, fiche] = await Promise.all([getDraft(db, ref.id), getFiche(db, ref.id)]);
        const saved = (fiche?.data ?? empty) as FicheData<K>;
        const initial = (draft ? typedData(draft, fiche) : saved) as FicheData<K>;
        return new FicheEditor(ref, author, structuredClone(initial), !draft && !fiche, structuredClone(saved));
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

  /** The fiche changed under the form (sync, backup): what was typed since the last save is merged onto it. */
  private receive(incoming: FicheData<K>): void {
    const typed = this.data.value;
    const saved = this.saved;
    this.saved = incoming;
    if (canonicalJson(typed) === canonicalJson(saved)) {
      this.data.value = structuredClone(incoming);
      return;
    }
    const merged = rebaseTyping(this.ref.kind, saved, typed, incoming);
    this.data.value = merged;
    this.autosave.edit(merged);
  }

  /** Commits what is pending, then lets the editor go. */
  close(): Promise<void> {
    this.unregister();
    this.unlisten();
    return track(this.autosave.flush().then(() => this.autosave.dispose()));
  }
}

export { flushAllEditors } from './open-editors';
