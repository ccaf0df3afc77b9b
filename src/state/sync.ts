// When the device syncs, and what the user sees of it. Triggers: start-up, the `online` event, coming back to the
// tab, a few seconds after a save, a timer while online, and "Synchroniser maintenant". Connectivity is judged by
// GET /api/v1/health, not by navigator.onLine. One sync at a time across tabs (Web Locks).
import { computed, signal } from '@preact/signals';
import type { AuditDb } from '../storage/db';
import { listOutbox } from '../storage/outbox';
import { getDeviceId, getSyncSettings, setSyncSettings, type SyncSettings } from '../storage/prefs';
import type { FieldError } from '../model/types';
import { runSync, type RunEnd } from '../sync/sync-run';
import { backoffMs } from '../sync/backoff';
import { probeHealth, type Endpoint } from '../sync/transport';
import { onRevision } from './audits';

export const SYNC_AFTER_SAVE_MS = 3000;
export const SYNC_PERIOD_MS = 60_000;
const LOCK_NAME = 'tne13-sync';

export type FicheSyncState = { state: 'pending' } | { state: 'invalid' | 'conflict'; errors: FieldError[] };

export interface SyncView {
  phase: 'idle' | 'syncing' | 'offline' | 'auth' | 'error';
  lastSyncAt: string | null;
  message: string | null;
}

export const syncView = signal<SyncView>({ phase: 'idle', lastSyncAt: null, message: null });
/** Revisions not yet acknowledged, by fiche id; a fiche absent from it has been sent. */
export const outboxState = signal<ReadonlyMap<string, FicheSyncState>>(new Map());
export const pendingCount = computed(() => [...outboxState.value.values()].filter((s) => s.state === 'pending').length);
export const refusedCount = computed(() => outboxState.value.size - pendingCount.value);

export async function refreshOutboxState(db: AuditDb): Promise<void> {
  const entries = await listOutbox(db);
  outboxState.value = new Map(
    entries.map((e) => [e.id, e.refusal ? { state: e.refusal.status, errors: e.refusal.errors } : { state: 'pending' as const }]),
  );
}

export function endpointOf(settings: { endpoint: string; token: string }): Endpoint {
  return { url: settings.endpoint.trim() || new URL('/api/v1/sync', location.origin).href, token: settings.token.trim() };
}

const MESSAGES = {
  auth: "Envoi impossible sans jeton d'accès valable.",
  offline: 'Serveur injoignable : les fiches restent sur la tablette et partiront au retour du réseau.',
};

class Scheduler {
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextAttemptAt = 0;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly db: AuditDb) {}

  /** `force`: the user asked, or the network came back — the backoff is not waited for. */
  trigger(force = false): Promise<void> {
    if (!force && Date.now() < this.nextAttemptAt) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.withLock().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.trigger();
      }
    });
    return this.running;
  }

  private async withLock(): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return this.run();
    // Another tab holding the lock is syncing this same database: wait for it, then find what is left (often
    // nothing) and show the outbox as it now is.
    await locks.request(LOCK_NAME, () => this.run());
  }

  private async run(): Promise<void> {
    const settings = await getSyncSettings();
    if (!settings.token.trim()) return this.finish({ kind: 'auth' });
    const endpoint = endpointOf(settings);
    syncView.value = { ...syncView.value, phase: 'syncing' };
    if (!(await probeHealth(endpoint))) return this.finish({ kind: 'later', retryAfterMs: undefined, reason: 'offline' });
    try {
      const report = await runSync({ db: this.db, endpoint, deviceId: await getDeviceId() });
      this.finish(report.end);
      if (report.end.kind === 'done') await this.refreshDirectory(endpoint);
    } catch (error) {
      this.finish({ kind: 'later', retryAfterMs: undefined, reason: error instanceof Error ? error.message : String(error) });
    } finally {
      await refreshOutboxState(this.db);
    }
  }

  /** The server's directory, when it changed; a failure here never fails the sync. */
  private async refreshDirectory(endpoint: Endpoint): Promise<void> {
    try {
      const { refreshDirectoryFromServer } = await import('./directory-import');
      await refreshDirectoryFromServer(this.db, new URL('schools', endpoint.url).href);
    } catch (error) {
      console.warn('directory refresh failed', error);
    }
  }

  private finish(end: RunEnd): void {
    clearTimeout(this.timer);
    if (end.kind === 'done') {
      this.failures = 0;
      this.nextAttemptAt = 0;
      syncView.value = { phase: 'idle', lastSyncAt: new Date().toISOString(), message: null };
      return;
    }
    if (end.kind === 'auth') {
      syncView.value = { ...syncView.value, phase: 'auth', message: MESSAGES.auth };
      return;
    }
    this.failures += 1;
    const wait = end.retryAfterMs ?? backoffMs(this.failures);
    this.nextAttemptAt = Date.now() + wait;
    this.timer = setTimeout(() => void this.trigger(true), wait);
    const offline = end.reason === 'offline';
    syncView.value = { ...syncView.value, phase: offline ? 'offline' : 'error', message: offline ? MESSAGES.offline : `Envoi interrompu : ${end.reason}. Nouvel essai automatique.` };
  }
}

export function loadSyncSettings(): Promise<SyncSettings> {
  return getSyncSettings();
}

/** Keeps the endpoint and token, and syncs with them at once. */
export async function saveSyncSettings(settings: SyncSettings): Promise<void> {
  await setSyncSettings(settings);
  void syncNow();
}

let scheduler: Scheduler | undefined;

/** "Synchroniser maintenant". */
export function syncNow(): Promise<void> {
  return scheduler?.trigger(true) ?? Promise.resolve();
}

export function startSync(db: AuditDb): void {
  scheduler = new Scheduler(db);
  const s = scheduler;
  void refreshOutboxState(db).then(() => s.trigger());
  window.addEventListener('online', () => void s.trigger(true));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void s.trigger();
  });
  let afterSave: ReturnType<typeof setTimeout> | undefined;
  onRevision(() => {
    void refreshOutboxState(db);
    clearTimeout(afterSave);
    afterSave = setTimeout(() => void s.trigger(), SYNC_AFTER_SAVE_MS);
  });
  setInterval(() => {
    if (navigator.onLine) void s.trigger();
  }, SYNC_PERIOD_MS);
}
