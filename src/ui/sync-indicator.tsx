// Always visible, in the shell's header (loaded with sync): how many fiches wait to be sent, when the device last
// synced, and what went wrong, in words that need no knowledge of HTTP.
import { arbitrateCount, dismissNotices, pendingCount, syncNotices, pendingDeletionCount, refusedCount, syncNow, syncView, type FicheSyncState, type SyncView } from '../state/sync';
import { routeHash } from '../state/route';
import { count } from './plural';

const time = (iso: string) => new Date(iso).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' }).replace(':', ' h ');

/**
 * What waits: fiches with new content and deletions, told apart ("2 fiches et 1 suppression en attente d'envoi").
 * `held`: fiches refused or à arbitrer, counted next to it; they are not sent, so "tout" would not be true.
 */
function waiting(fiches: number, deletions: number, held: number, phase: SyncView['phase']): string {
  const parts = [fiches > 0 && count(fiches, 'fiche'), deletions > 0 && count(deletions, 'suppression')].filter(Boolean);
  if (parts.length > 0) return `${parts.join(' et ')} en attente d'envoi`;
  if (phase === 'unconfigured') return "Aucune fiche en attente d'envoi";
  return held > 0 ? 'Le reste est envoyé' : 'Tout est envoyé';
}

/** The link to the Appareil screen, where what the message asks for is set. */
const FIX_LINKS: Partial<Record<SyncView['phase'], string>> = {
  unconfigured: 'Régler la synchronisation',
  auth: 'Saisir le jeton',
  address: "Corriger l'adresse",
};

export function SyncIndicator() {
  const view = syncView.value;
  const refused = refusedCount.value;
  const arbitrate = arbitrateCount.value;
  const fix = FIX_LINKS[view.phase];
  return (
    <div class={`sync-indicator sync-${view.phase}`}>
      <p role="status">
        {waiting(pendingCount.value, pendingDeletionCount.value, refused + arbitrate, view.phase)}
        {refused > 0 && ` · ${count(refused, 'fiche refusée', 'fiches refusées')}`}
        {arbitrate > 0 && (
          <>
            {' · '}
            <a href={routeHash({ screen: 'arbitrage' })}>{count(arbitrate, 'fiche à arbitrer', 'fiches à arbitrer')}</a>
          </>
        )}
        {view.lastSyncAt && ` · dernière synchronisation à ${time(view.lastSyncAt)}`}
        {view.phase === 'syncing' && ' · synchronisation…'}
      </p>
      {view.message && (
        <p class="sync-message">
          {view.message} {fix && <a href={routeHash({ screen: 'device' })}>{fix}</a>}
        </p>
      )}
      {syncNotices.value.length > 0 && (
        <div class="sync-notices" role="status">
          <ul>
            {syncNotices.value.map((n) => (
              <li key={n.seq}>{n.text}</li>
            ))}
          </ul>
          <button type="button" class="button secondary" onClick={() => void dismissNotices()}>
            J'ai compris
          </button>
        </div>
      )}
      <button type="button" class="button secondary" onClick={() => void syncNow()} disabled={view.phase === 'syncing'}>
        Synchroniser maintenant
      </button>
    </div>
  );
}

/** A fiche's state for its row: en attente, envoyée, refusée (with the server's reasons) or à arbitrer. */
export function ficheSyncText(state: ReadonlyMap<string, FicheSyncState>, id: string): string {
  const s = state.get(id);
  if (!s) return 'Envoyée';
  if (s.state === 'pending') return "En attente d'envoi";
  if (s.state === 'arbitrate') return 'À arbitrer : modifiée ici et sur une autre tablette, choisissez les valeurs à garder';
  return `Refusée : ${s.errors.map((e) => e.message).join(' ')}`;
}
