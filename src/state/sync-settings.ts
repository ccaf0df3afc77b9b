// The sync settings of the Appareil screen: where to send and with which token, and what this tablet receives (the
// whole département, or the fiches of chosen circonscriptions: sync.md v2, "Pull"). Each change syncs at once.
import { getSyncSettings, setSyncSettings, type SyncSettings } from '../storage/prefs';
import { readSyncAddress } from '../sync/endpoint';
import { syncNow } from './sync';

/** The settings as the form shows them: the address as it will be used, or as stored with what is wrong with it. */
export async function loadSyncSettings(): Promise<{ settings: SyncSettings; problem: string | null }> {
  const settings = await getSyncSettings();
  const address = readSyncAddress(settings.endpoint);
  return address.ok
    ? { settings: { ...settings, endpoint: address.url }, problem: null }
    : { settings, problem: address.message };
}

/** Checks the address a user typed (see readSyncAddress) without keeping it. */
export function checkSyncAddress(text: string): string | null {
  const address = readSyncAddress(text);
  return address.ok ? null : address.message;
}

/** The settings with `circonscriptions` left out when none is chosen (the whole département). */
function withScope(endpoint: string, token: string, circonscriptions: readonly string[] | undefined): SyncSettings {
  return circonscriptions && circonscriptions.length > 0 ? { endpoint, token, circonscriptions: [...circonscriptions] } : { endpoint, token };
}

/**
 * Keeps the endpoint (as the URL it becomes) and the token, and syncs with them at once; what the tablet receives
 * stays as chosen. An address that cannot be read keeps nothing and says what is expected.
 */
export async function saveSyncSettings(settings: Pick<SyncSettings, 'endpoint' | 'token'>): Promise<{ ok: true; settings: SyncSettings } | { ok: false; message: string }> {
  const address = readSyncAddress(settings.endpoint);
  if (!address.ok) return address;
  const { circonscriptions } = await getSyncSettings();
  const saved = withScope(address.url, settings.token.trim(), circonscriptions);
  await setSyncSettings(saved);
  void syncNow();
  return { ok: true, settings: saved };
}

/** The circonscriptions this tablet receives; none: the whole département. */
export async function loadSyncScope(): Promise<string[]> {
  return (await getSyncSettings()).circonscriptions ?? [];
}

/** Keeps what this tablet receives (none: the whole département) and syncs at once: a new scope pulls from its start. */
export async function saveSyncScope(circonscriptions: readonly string[]): Promise<void> {
  const { endpoint, token } = await getSyncSettings();
  await setSyncSettings(withScope(endpoint, token, circonscriptions));
  void syncNow();
}
