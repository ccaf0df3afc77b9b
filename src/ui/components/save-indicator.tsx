// Says whether what was typed is on the device's disk, and what the saved fiche holds while fields need correcting:
// their last correct value (the typed one stays on screen, under its message, and in the draft; revision-data.ts).
// Kept to one sentence: the indicator stays at the top of the screen while the form scrolls.
import type { ReadonlySignal } from '@preact/signals';
import type { SavePhase } from '../../state/autosave';
import { count } from '../plural';

/** What an autosave tells (its phase and its French error), passed as signals so that only the indicator follows them. */
export interface SaveStatus {
  phase: ReadonlySignal<SavePhase>;
  errorMessage: ReadonlySignal<string | null>;
}

function savedText(errorCount: number): string {
  if (errorCount === 0) return 'Enregistré';
  const their = errorCount === 1 ? 'sa' : 'leur';
  return `Enregistré, sauf ${count(errorCount, 'champ')} à corriger : ${their} dernière valeur correcte est conservée`;
}

export function SaveIndicator({ autosave, errorCount }: { autosave: SaveStatus; errorCount: number }) {
  const phase = autosave.phase.value;
  const partial = phase === 'saved' && errorCount > 0;
  return (
    <div class="save-indicator">
      <p role="status" class={partial ? 'save-partial' : `save-${phase}`}>
        {phase === 'saved'
          ? savedText(errorCount)
          : phase === 'saving'
            ? 'Enregistrement…'
            : phase === 'new'
              ? "Rien d'enregistré pour l'instant : la fiche sera créée à la première saisie."
              : ''}
      </p>
      {phase === 'error' && (
        <p role="alert" class="save-error">
          {autosave.errorMessage.value}
        </p>
      )}
    </div>
  );
}
