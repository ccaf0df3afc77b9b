// "Récupérer les fiches du serveur": a new or replaced tablet takes again every fiche of the campaign that the server
// holds for what it receives, and is told how many came. What was typed on the tablet stays (sync.md v2, "Pull").
import { useState } from 'preact/hooks';
import { restoreFromServer, syncView } from '../../state/sync';
import { campaign } from '../../state/session';
import { count } from '../plural';

const RUNNING = 'Récupération des fiches du serveur en cours…';

function receivedText(received: number): string {
  if (received === 0) return "Aucune fiche reçue : le serveur n'en détient pas encore pour ce que reçoit cette tablette.";
  return `${count(received, 'fiche reçue', 'fiches reçues')} du serveur.`;
}

export function SyncRestore() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const syncing = syncView.value.phase === 'syncing';
  // aria-disabled, not disabled: the button keeps the focus of the keyboard user who pressed it.
  const unavailable = busy || syncing;
  const restore = async () => {
    if (unavailable) return;
    setBusy(true);
    setResult(null);
    const outcome = await restoreFromServer();
    setBusy(false);
    setResult(outcome.ok ? receivedText(outcome.received) : outcome.message);
  };
  const status = busy ? RUNNING : (result ?? (syncing ? 'Synchronisation en cours : le bouton sera disponible dans un instant.' : ''));
  return (
    <div class="sync-restore">
      <p id="sync-restore-aide" class="hint">
        Sur une nouvelle tablette, ou pour remplacer une tablette perdue : reprend du serveur toutes les fiches de la
        campagne {campaign.value} que reçoit cette tablette (choix ci-dessus). Les fiches saisies ici sont conservées.
      </p>
      <div class="actions">
        <button type="button" class="button secondary" aria-disabled={unavailable} aria-describedby="sync-restore-aide" onClick={() => void restore()}>
          Récupérer les fiches du serveur
        </button>
      </div>
      <p role="status">{status}</p>
    </div>
  );
}
