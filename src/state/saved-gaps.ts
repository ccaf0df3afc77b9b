// The gap summary kept on the device for the next start, where it is shown at once, before the worker has computed
// anything, if what it was computed from has not changed since: the same build (another engine may count otherwise)
// and the same fingerprint of référentiel, year, directory and fiches (gaps/inputs-key.ts). Never shown otherwise.
import { inputsKeyOf, type KeyedInputs } from '../gaps/inputs-key';
import type { GapSummary } from '../gaps/types';
import { getSavedSummary, saveSummary } from '../storage/saved-summary';

/** Edits come in bursts: the summary is written once they pause. */
const SAVE_AFTER_EDITS_MS = 3000;

const keyOf = (inputsKey: string) => `${__BUILD_ID__}|${inputsKey}`;
let savedKey: string | undefined;
let pending: ReturnType<typeof setTimeout> | undefined;

/** The summary saved for exactly these inputs, if there is one. */
export async function savedSummaryFor(inputs: KeyedInputs): Promise<GapSummary | undefined> {
  const saved = await getSavedSummary<GapSummary>().catch(() => undefined);
  if (!saved) return undefined;
  savedKey = saved.key;
  return saved.key === keyOf(inputsKeyOf(inputs)) ? saved.summary : undefined;
}

/** Keeps `summary` for the next start: at once, or after edits once they pause. */
export function keepSummary(summary: GapSummary, when: 'now' | 'after-edits' = 'now'): void {
  clearTimeout(pending);
  const write = () => {
    const key = keyOf(summary.inputsKey);
    if (key === savedKey) return;
    savedKey = key;
    saveSummary({ key, summary }).catch((error: unknown) => console.warn('gap summary not kept', error));
  };
  if (when === 'now') write();
  else pending = setTimeout(write, SAVE_AFTER_EDITS_MS);
}
