// Autosave of one fiche being edited. Every edit is written as a draft at once (coalesced while a write is in
// flight), so that a reload or a killed tab restores exactly what was typed; a revision (rev + 1, queued for
// sending) is committed after REVISION_IDLE_MS without edits, or at once on flush (leaving the form, hiding the tab).
import { signal, type Signal } from '@preact/signals';
import { writeDraft } from '../storage/drafts';
import { commitFormData, type FicheRef } from './commit';
import type { NewPhoto } from '../storage/photos';
import { deviceDb } from './device-db';
import { recordTiming } from './timings';
import type { Author, FicheData, FicheKind } from '../model/types';

export const REVISION_IDLE_MS = 1000;
const RETRY_AFTER_ERROR_MS = 2000;

/** `new`: the fiche does not exist yet (no revision, no draft); it is created by the first edit. */
export type SavePhase = 'new' | 'saved' | 'saving' | 'error';

export interface AutosaveOptions<K extends FicheKind> {
  ref: FicheRef<K>;
  author: Author;
  initial: FicheData<K>;
  /** Nothing of this fiche is on the device yet. */
  isNew?: boolean;
  /** The fiche's data as last saved or received, kept with each draft as what its typing started from. */
  savedData?: () => FicheData<K>;
}

export function saveErrorMessage(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError' || (error instanceof Error && /quota/i.test(error.message))) {
    return "L'espace de stockage de l'appareil est plein : la saisie est gardée en mémoire, libérez de la place sans fermer l'onglet.";
  }
  return "L'enregistrement sur l'appareil a échoué : la saisie est gardée en mémoire et sera enregistrée dès que possible. Ne fermez pas l'onglet.";
}

export class Autosave<K extends FicheKind> {
  readonly phase: Signal<SavePhase>;
  readonly errorMessage = signal<string | null>(null);
  private current: FicheData<K>;
  private undrafted = false;
  private firstUndraftedEditAt = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private draftQueued = false;
  private revisionTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private dirtySinceRevision = false;

  constructor(private readonly options: AutosaveOptions<K>) {
    this.current = options.initial;
    this.phase = signal<SavePhase>(options.isNew ? 'new' : 'saved');
  }

  /** Records an edit; `editedAt` is the input event's time (performance.now() clock). */
  edit(data: FicheData<K>, editedAt: number = performance.now()): void {
    this.current = data;
    if (!this.undrafted) this.firstUndraftedEditAt = editedAt;
    this.undrafted = true;
    this.dirtySinceRevision = true;
    this.phase.value = 'saving';
    this.queueDraft();
    clearTimeout(this.revisionTimer);
    this.revisionTimer = setTimeout(() => void this.flush(), REVISION_IDLE_MS);
  }

  /** Writes what is pending and commits the revision now. Resolves when both are on disk (or failed). */
  flush(): Promise<void> {
    clearTimeout(this.revisionTimer);
    if (!this.dirtySinceRevision) return this.chain.then(() => undefined);
    this.dirtySinceRevision = false;
    return this.enqueue(() => this.commitRevision());
  }

  /**
   * Commits `change` applied to the form's data at once, with `photos` written in the revision's transaction, in turn
   * with the drafts and revisions queued before it (typing pending goes in with it) and before anything queued after
   * it. Never drafted first: a draft must not name an image that is not on disk. `change` must be idempotent (it may
   * throw to refuse): typing that came while the revision was written gets it too, and `applied` lets the form do
   * the same, before any later draft is written. A failure is the caller's; the autosave's own work is left as it was.
   */
  commitChange(change: (data: FicheData<K>) => FicheData<K>, photos: readonly NewPhoto[], applied: () => void): Promise<void> {
    const task = async () => {
      const before = this.current;
      const next = change(before);
      const fiche = await commitFormData(this.options.ref, next, this.options.author, { photos });
      if (!fiche) throw new Error('no valid revision can be made of the form');
      this.current = this.current === before ? next : change(this.current);
      applied();
      if (!this.undrafted && !this.dirtySinceRevision) this.settle();
    };
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  dispose(): void {
    clearTimeout(this.revisionTimer);
    clearTimeout(this.retryTimer);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => undefined);
    return this.chain as Promise<void>;
  }

  private queueDraft(): void {
    if (this.draftQueued) return;
    this.draftQueued = true;
    void this.enqueue(() => this.writePendingDraft());
  }

  private async writePendingDraft(): Promise<void> {
    this.draftQueued = false;
    if (!this.undrafted) return;
    const { ref } = this.options;
    const startedAt = this.firstUndraftedEditAt;
    this.undrafted = false;
    try {
      const base = this.options.savedData?.();
      await writeDraft(deviceDb(), { ...ref, data: this.current, ...(base ? { base } : {}), editedAt: new Date().toISOString() });
      recordTiming('tne:edit-to-disk', startedAt);
      if (!this.undrafted) this.settle();
    } catch (error) {
      this.undrafted = true;
      this.fail(error, () => this.queueDraft());
    }
  }

  private async commitRevision(): Promise<void> {
    const { ref, author } = this.options;
    const startedAt = performance.now();
    try {
      await commitFormData(ref, this.current, author); // announced by the store once committed (storage/saved.ts)
      recordTiming('tne:revision-commit', startedAt);
      if (!this.undrafted) this.settle();
    } catch (error) {
      this.dirtySinceRevision = true;
      this.fail(error, () => void this.flush());
    }
  }

  private settle(): void {
    this.phase.value = 'saved';
    this.errorMessage.value = null;
  }

  private fail(error: unknown, retry: () => void): void {
    console.error('autosave failed', error);
    this.phase.value = 'error';
    this.errorMessage.value = saveErrorMessage(error);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(retry, RETRY_AFTER_ERROR_MS);
  }
}
