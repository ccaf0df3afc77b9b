// Where to send the fiches, and the token that lets this device do it; then what this tablet receives, and, once a
// token is saved, the restore of a tablet from the server. The server's address is taken as a user pastes it
// (`http://host:port/`) and shown as the endpoint it becomes.
import { useEffect, useState } from 'preact/hooks';
import { checkSyncAddress, loadSyncSettings, saveSyncSettings } from '../../state/sync-settings';
import { TextField } from '../components/text-field';
import { SyncScope } from './sync-scope';
import { SyncRestore } from './sync-restore';

export function SyncSettings() {
  const [endpoint, setEndpoint] = useState('');
  const [token, setToken] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tokenSaved, setTokenSaved] = useState(false);
  useEffect(() => {
    void loadSyncSettings().then(({ settings, problem }) => {
      setEndpoint(settings.endpoint);
      setToken(settings.token);
      setTokenSaved(settings.token.trim() !== '');
      setError(problem);
    });
  }, []);
  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(null);
    const result = await saveSyncSettings({ endpoint, token });
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    setEndpoint(result.settings.endpoint);
    setTokenSaved(result.settings.token !== '');
    setSaved(
      `Réglages de synchronisation enregistrés : les fiches seront envoyées à ${result.settings.endpoint || "l'adresse du serveur qui a fourni l'application"}.`,
    );
  };
  return (
    <>
      <form class="fiche-form" onSubmit={submit} noValidate>
        <TextField
          id="sync-endpoint"
          label="Adresse du serveur de synchronisation"
          value={endpoint}
          onChange={(v) => {
            setEndpoint(v ?? '');
            // A message shown stays only while it is still true.
            if (error) setError(checkSyncAddress(v ?? ''));
          }}
          hint="Laissez vide pour le serveur qui a fourni l'application. Sinon, collez l'adresse du serveur, par exemple https://tne13.exemple.fr/."
          error={error ?? undefined}
        />
        <div class="field">
          <label htmlFor="sync-token">Jeton d'accès</label>
          <input id="sync-token" type="password" autoComplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} />
        </div>
        <p role="status">{saved}</p>
        <button type="submit" class="button">
          Enregistrer et synchroniser
        </button>
      </form>
      <SyncScope />
      {tokenSaved && <SyncRestore />}
    </>
  );
}
