// "Nouvelle version disponible": offered, never forced.
import { applyUpdate, dismissUpdate, updateWaiting } from '../../state/app-update';

export function UpdateBanner() {
  if (!updateWaiting.value) return null;
  return (
    <div class="update-banner" role="region" aria-label="Mise à jour">
      <p role="status">Nouvelle version disponible. Votre saisie est enregistrée avant la mise à jour.</p>
      <div class="actions">
        <button type="button" class="button" onClick={() => void applyUpdate()}>
          Mettre à jour
        </button>
        <button type="button" class="button secondary" onClick={dismissUpdate}>
          Plus tard
        </button>
      </div>
    </div>
  );
}
