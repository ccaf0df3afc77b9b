// Always visible: how many fiches wait to be sent, when the device last synced, and what went wrong, in words
// that need no knowledge of HTTP.
import { pendingCount, refusedCount, syncNow, syncView, type FicheSyncState } from '../../state/sync';
import { routeHash } from '../../state/route';
import { count } from '../plural';

const time = (iso: string) => new Date(iso).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' }).replace(':', ' h ');

export function SyncIndicator() {
  const view = syncView.value;
  const pending = pendingCount.value;
  const refused = refusedCount.value;
  return (
    <div class={`sync-indicator sync-${view.phase}`}>
      <p role="status">
        {pending > 0 ? `${count(pending, 'fiche')} en attente d'envoi` : 'Tout est envoyé'}
        {refused > 0 && ` · ${count(refused, 'fiche refusée', 'fiches refusées')}`}
        {view.lastSyncAt && ` · dernière synchronisation à ${time(view.lastSyncAt)}`}
        {view.phase === 'syncing' && ' · synchronisation…'}
      </p>
      {view.message && (
        <p class="sync-message">
          {view.message} {view.phase === 'auth' && <a href={routeHash({ screen: 'device' })}>Saisir le jeton</a>}
        </p>
      )}
      <button type="button" class="button secondary" onClick={() => void syncNow()} disabled={view.phase === 'syncing'}>
        Synchroniser maintenant
      </button>
    </div>
  );
}

/** A fiche's state for its row: en attente, envoyée, refusée (with the server's reasons) or en conflit. */
export function ficheSyncText(state: ReadonlyMap<string, FicheSyncState>, id: string): string {
  const s = state.get(id);
  if (!s) return 'Envoyée';
  if (s.state === 'pending') return "En attente d'envoi";
  if (s.state === 'conflict') return 'En conflit : une autre version de cette révision est sur le serveur ; modifiez la fiche pour la renvoyer';
  return `Refusée : ${s.errors.map((e) => e.message).join(' ')}`;
}
