// Says whether what was typed is on the device's disk.
import type { Autosave } from '../../state/autosave';
import type { FicheKind } from '../../model/types';
import { count } from '../plural';

export function SaveIndicator({ autosave, errorCount }: { autosave: Autosave<FicheKind>; errorCount: number }) {
  const phase = autosave.phase.value;
  return (
    <div class="save-indicator">
      <p role="status" class={`save-${phase}`}>
        {phase === 'saved' ? 'Enregistré' : phase === 'saving' ? 'Enregistrement…' : phase === 'new' ? "Rien d'enregistré pour l'instant : la fiche sera créée à la première saisie." : ''}
      </p>
      {phase === 'error' && (
        <p role="alert" class="save-error">
          {autosave.errorMessage.value}
        </p>
      )}
      {errorCount > 0 && (
        <p class="save-warning">
          {count(errorCount, 'champ')} à corriger : la saisie est gardée sur
          l'appareil, la dernière valeur correcte est celle qui sera envoyée.
        </p>
      )}
    </div>
  );
}
