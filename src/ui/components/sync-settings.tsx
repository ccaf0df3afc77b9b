// Where to send the fiches, and the token that lets this device do it.
import { useEffect, useState } from 'preact/hooks';
import { loadSyncSettings, saveSyncSettings } from '../../state/sync';
import { TextField } from './text-field';

export function SyncSettings() {
  const [endpoint, setEndpoint] = useState('');
  const [token, setToken] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    void loadSyncSettings().then((s) => {
      setEndpoint(s.endpoint);
      setToken(s.token);
    });
  }, []);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (endpoint.trim() !== '' && !/^https?:\/\/\S+$/.test(endpoint.trim())) {
      setError("Adresse du serveur : saisissez une adresse commençant par https:// (ou laissez vide pour ce serveur).");
      return;
    }
    setError(undefined);
    await saveSyncSettings({ endpoint: endpoint.trim(), token: token.trim() });
    setSaved('Réglages de synchronisation enregistrés.');
  };
  return (
    <form class="fiche-form" onSubmit={submit} noValidate>
      <TextField id="sync-endpoint" label="Adresse du serveur de synchronisation" value={endpoint} onChange={(v) => setEndpoint(v ?? '')}
        hint="Vide : le serveur qui a fourni l'application (/api/v1/sync)." error={error} />
      <div class="field">
        <label htmlFor="sync-token">Jeton d'accès</label>
        <input id="sync-token" type="password" autoComplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} />
      </div>
      <p role="status">{saved}</p>
      <button type="submit" class="button">Enregistrer et synchroniser</button>
    </form>
  );
}
