// "Nouvelle version disponible": offered, never forced.

export function UpdateBanner({ onApply, onDismiss }: { onApply: () => void; onDismiss: () => void }) {
  return (
    <div class="update-banner" role="region" aria-label="Mise à jour">
      <p role="status">Nouvelle version disponible. Votre saisie est enregistrée avant la mise à jour.</p>
      <div class="actions">
        <button type="button" class="button" onClick={onApply}>
          Mettre à jour
        </button>
        <button type="button" class="button secondary" onClick={onDismiss}>
          Plus tard
        </button>
      </div>
    </div>
  );
}
