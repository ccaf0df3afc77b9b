// The forms open right now, so that hiding the tab or applying an update first puts them all on disk.
// Kept apart from the editor itself: the start-up code needs this registry, not the editor's validation.

interface Flushable {
  flush(): Promise<void>;
}

const open = new Set<Flushable>();
/** Editors opening or closing: their reads and writes are still running. */
const pending = new Set<Promise<unknown>>();

export function registerEditor(editor: Flushable): () => void {
  open.add(editor);
  return () => open.delete(editor);
}

export function track<T>(promise: Promise<T>): Promise<T> {
  pending.add(promise);
  void promise.catch(() => undefined).finally(() => pending.delete(promise));
  return promise;
}

/** Commits every open form now (the tab is being hidden or closed), and waits for those opening or closing. */
export async function flushAllEditors(): Promise<void> {
  await Promise.all([...open].map((editor) => editor.flush()));
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
