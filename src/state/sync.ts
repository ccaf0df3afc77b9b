// When the device syncs, and what the user sees of it. Triggers: start-up, the `online` event, coming back to the
// tab, a few seconds after a save, a timer while online, and "Synchroniser maintenant". Connectivity is judged by
// GET /api/v1/health, not by navigator.onLine. One sync at a time across tabs (Web Locks). After a run, the
// directory and the Département's référentiel are taken from the server when they changed (ETag).
import { computed, signal } from '@preact/signals';
import { listOutbox } from '../storage/outbox';
import { cursorKey, forgetCursor } from '../storage/pulled';
import { getDeviceId, getSyncSettings } from '../storage/prefs';
import type { FieldError } from '../model/types';
import { runSync, type PullStats, type RunEnd } from '../sync/sync-run';
import { backoffMs } from '../sync/backoff';
import { fetchReferential, probeHealth, type Endpoint } from '../sync/transport';
import { readSyncAddress, SYNC_PATH } from '../sync/endpoint';
import { onRevision } from './audits';
import { deviceDb } from './device-db';
import { flushAllEditors } from './open-editors';
import { campaign, currentAuthor } from './session';
import { departementReferential, referential, simulation } from './referential';
import { receiveReferential } from './referential-received';
import { applyReferential } from './gaps';
import { recordTiming } from './timings';

export const SYNC_AFTER_SAVE_MS = 3000;
export const SYNC_PERIOD_MS = 60_000;
const LOCK_NAME = 'tne13-sync';

/** `deleted`: the revision waiting is a classroom's deletion (a tombstone), not new content. */
export type FicheSyncState =
  | { state: 'pending'; deleted: boolean }
  | { state: 'invalid' | 'forbidden'; errors: FieldError[] }
  /** A field changed here and on the server differently: held until the user chooses ("À arbitrer"). */
  | { state: 'arbitrate' };

export interface SyncView {
  /** `unconfigured`: no token yet, nothing attempted; `address`: the stored server address cannot be read. */
  phase: 'idle' | 'syncing' | 'offline' | 'auth' | 'error' | 'unconfigured' | 'address';
  lastSyncAt: string | null;
  message: string | null;
}

export const syncView = signal<SyncView>({ phase: 'idle', lastSyncAt: null, message: null });
/** Revisions not yet acknowledged, by fiche id; a fiche absent from it has been sent. */
export const outboxState = signal<ReadonlyMap<string, FicheSyncState>>(new Map());
const pending = computed(() => [...outboxState.value.values()].filter((s) => s.state === 'pending'));
/** Fiches whose new content waits to be sent. */
export const pendingCount = computed(() => pending.value.filter((s) => !s.deleted).length);
/** Deletions of classrooms waiting to be sent, counted apart: they are not new work. */
export const pendingDeletionCount = computed(() => pending.value.length - pendingCount.value);
export const arbitrateCount = computed(() => [...outboxState.value.values()].filter((s) => s.state === 'arbitrate').length);
export const refusedCount = computed(() => outboxState.value.size - pending.value.length - arbitrateCount.value);

/** What a merge told the user (a fiche deleted on one tablet and edited on another is kept), until dismissed. */
export const syncNotices = signal<ReadonlyArray<{ seq: number; text: string }>>([]);

async function loadNotices(): Promise<void> {
  const db = deviceDb();
  const notices = await db.notices.toArray();
  const fiches = await db.fiches.bulkGet(notices.map((n) => n.ficheId));
  syncNotices.value = notices.map((n, i) => {
    const fiche = fiches[i];
    const title = !fiche ? 'Fiche' : fiche.kind === 'school' ? 'Fiche école' : `Classe ${fiche.data.label}`;
    return { seq: n.seq as number, text: `${title} : ${n.message}.` };
  });
}

export async function dismissNotices(): Promise<void> {
  await deviceDb().notices.clear();
  syncNotices.value = [];
}

export async function refreshOutboxState(): Promise<void> {
  await loadNotices();
  const db = deviceDb();
  const [entries, held] = await Promise.all([listOutbox(db), db.arbitrations.toCollection().primaryKeys()]);
  const arbitrated = new Set(held);
  outboxState.value = new Map(
    entries.map((e): [string, FicheSyncState] => {
      if (arbitrated.has(e.id)) return [e.id, { state: 'arbitrate' }];
      return [e.id, e.refusal ? { state: e.refusal.status, errors: e.refusal.errors } : { state: 'pending', deleted: e.record.deleted }];
    }),
  );
}

/** Where to send, or null when the stored address cannot be read (kept by an older version of the app). */
export function endpointOf(settings: { endpoint: string; token: string }): Endpoint | null {
  const address = readSyncAddress(settings.endpoint);
  if (!address.ok) return null;
  return { url: address.url || new URL(SYNC_PATH, location.origin).href, token: settings.token.trim() };
}

const MESSAGES = {
  unconfigured: 'Synchronisation pas encore réglée : les fiches restent sur cette tablette.',
  auth: "Envoi impossible sans jeton d'accès valable.",
  address: "Envoi impossible : l'adresse du serveur de synchronisation est à corriger.",
  offline: 'Serveur injoignable : les fiches restent sur la tablette et partiront au retour du réseau.',
};

/** A reason as the end of a sentence after a colon: lower-cased first word, one full stop whatever it ends with. */
function clauseOf(reason: string): string {
  const trimmed = reason.trim().replace(/[\s.]+$/u, '');
  const clause = /^\p{Lu}\p{Ll}/u.test(trimmed) ? trimmed.charAt(0).toLowerCase() + trimmed.slice(1) : trimmed;
  return `${clause}${/[?!…]$/u.test(clause) ? '' : '.'}`;
}

/** "Envoi interrompu : <reason>. Nouvel essai automatique.", with one full stop whatever the reason ends with. */
export function interruptedMessage(reason: string): string {
  return `Envoi interrompu : ${clauseOf(reason)} Nouvel essai automatique.`;
}

/** What "Récupérer les fiches du serveur" came to: how many heads the server sent, or why it did not. */
export type RestoreOutcome = { ok: true; received: number } | { ok: false; message: string };

const NOT_RESTORED = {
  unconfigured: "Fiches non récupérées : saisissez d'abord le jeton d'accès.",
  address: "Fiches non récupérées : l'adresse du serveur de synchronisation est à corriger.",
  auth: "Fiches non récupérées : le serveur n'accepte pas ce jeton d'accès.",
  offline: 'Fiches non récupérées : serveur injoignable. Réessayez une fois la tablette connectée au réseau.',
};

/** A run's end as a restore tells it. Cut short, the pull resumes by itself where it stopped (its cursor). */
export function restoreOutcome(end: RunEnd, received: number): RestoreOutcome {
  if (end.kind === 'done') return { ok: true, received };
  if (end.kind === 'auth') return { ok: false, message: end.message ? `Fiches non récupérées : ${clauseOf(end.message)}` : NOT_RESTORED.auth };
  if (end.kind === 'forbidden') return end.pulled ? { ok: true, received } : { ok: false, message: `Fiches non récupérées : ${clauseOf(end.message)}` };
  if (end.reason === 'offline') return { ok: false, message: NOT_RESTORED.offline };
  return { ok: false, message: `Récupération interrompue : ${clauseOf(end.reason)} Elle reprendra d'elle-même à la prochaine synchronisation.` };
}

class Scheduler {
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextAttemptAt = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private againForced = false;
  /** Restores asked for: the next run pulls its scope from the start, then tells each of them how it went. */
  private restores: Array<(outcome: RestoreOutcome) => void> = [];

  /** `force`: the user asked, or the network came back — the backoff is not waited for. */
  trigger(force = false): Promise<void> {
    if (!force && Date.now() < this.nextAttemptAt) return Promise.resolve();
    if (this.running) {
      this.again = true;
      this.againForced ||= force;
      return this.running;
    }
    this.running = this.withLock().finally(() => {
      this.running = undefined;
      if (this.again) {
        const forced = this.againForced;
        this.again = false;
        this.againForced = false;
        void this.trigger(forced);
      }
    });
    return this.running;
  }

  /** A run that pulls every head in scope again, whatever the cursor says; after the one running, if any. */
  restore(): Promise<RestoreOutcome> {
    return new Promise((resolve) => {
      this.restores.push(resolve);
      void this.trigger(true);
    });
  }

  private async withLock(): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return this.run();
    // Another tab holding the lock is syncing this same database: wait for it, then find what is left (often
    // nothing) and show the outbox as it now is.
    await locks.request(LOCK_NAME, () => this.run());
  }

  private async run(): Promise<void> {
    const restores = this.restores.splice(0);
    const outcome = await this.attempt(restores.length > 0);
    for (const resolve of restores) resolve(outcome);
  }

  private async attempt(fromStart: boolean): Promise<RestoreOutcome> {
    const startedAt = performance.now();
    const settings = await getSyncSettings();
    // Not an error: nothing was attempted. The header says calmly where to set it up.
    if (!settings.token.trim()) return this.waitForSettings('unconfigured');
    const endpoint = endpointOf(settings);
    if (!endpoint) return this.waitForSettings('address');
    syncView.value = { ...syncView.value, phase: 'syncing' };
    const offline: RunEnd = { kind: 'later', retryAfterMs: undefined, reason: 'offline' };
    if (!(await probeHealth(endpoint))) return this.finish(offline, 0);
    try {
      // What the forms hold goes to disk first, as revisions: a head for a fiche being typed in is then merged with it.
      await flushAllEditors();
      const merger = { author: currentAuthor(), referentialVersion: referential.value.version };
      const scope = settings.circonscriptions ?? [];
      if (fromStart) await forgetCursor(deviceDb(), cursorKey(campaign.value, scope));
      // Read by bench/sync.ts: each pull until its last page is written, and the run as the indicator shows it.
      const onPulled = ({ startedAt: pullStart, ms, pages, fiches }: PullStats) => recordTiming('tne:sync-pull', pullStart, { ms, pages, fiches });
      const report = await runSync({ db: deviceDb(), endpoint, deviceId: await getDeviceId(), campaign: campaign.value, scope, merger, onPulled });
      recordTiming('tne:sync-run', startedAt, { end: report.end.kind, sent: report.sent, uploaded: report.uploaded, pulled: report.pulled });
      const outcome = this.finish(report.end, report.received);
      if (report.end.kind === 'done') await this.refreshDirectory(endpoint);
      if (report.end.kind === 'done' || (report.end.kind === 'forbidden' && report.end.pulled)) await this.refreshReferential(endpoint);
      return outcome;
    } catch (error) {
      console.error('sync run failed', error);
      return this.finish({ kind: 'later', retryAfterMs: undefined, reason: 'erreur inattendue sur la tablette' }, 0);
    } finally {
      await refreshOutboxState();
    }
  }

  /** The server's directory, when it changed; a failure here never fails the sync. */
  private async refreshDirectory(endpoint: Endpoint): Promise<void> {
    try {
      const { refreshDirectoryFromServer } = await import('./directory-import');
      await refreshDirectoryFromServer(new URL('schools', endpoint.url).href);
    } catch (error) {
      console.warn('directory refresh failed', error);
    }
  }

  /**
   * The Département's référentiel, when the server has another version: kept, and computed with at once unless a
   * simulation is in force (which then says it started from an older version). A failure here never fails the sync.
   */
  private async refreshReferential(endpoint: Endpoint): Promise<void> {
    try {
      const held = departementReferential.value;
      const outcome = await fetchReferential(endpoint, held.receivedAt === null ? null : held.etag);
      if (outcome.kind !== 'answered') return;
      const received = await receiveReferential(outcome.body, outcome.etag, new Date());
      if (received === 'adopted' && simulation.value === null) await applyReferential();
    } catch (error) {
      console.warn('référentiel refresh failed', error);
    }
  }

  private waitForSettings(phase: 'unconfigured' | 'address'): RestoreOutcome {
    clearTimeout(this.timer);
    syncView.value = { ...syncView.value, phase, message: MESSAGES[phase] };
    return { ok: false, message: NOT_RESTORED[phase] };
  }

  /** Shows how the run ended, plans the next one after a failure, and says what a restore came to. */
  private finish(end: RunEnd, received: number): RestoreOutcome {
    clearTimeout(this.timer);
    const outcome = restoreOutcome(end, received);
    if (end.kind === 'done') {
      this.failures = 0;
      this.nextAttemptAt = 0;
      syncView.value = { phase: 'idle', lastSyncAt: new Date().toISOString(), message: null };
      return outcome;
    }
    if (end.kind === 'auth') {
      // The server says which (unknown, revoked, expired) and what to do; an older server may say nothing.
      syncView.value = { ...syncView.value, phase: 'auth', message: end.message ?? MESSAGES.auth };
      return outcome;
    }
    if (end.kind === 'forbidden') {
      syncView.value = { ...syncView.value, phase: 'error', message: end.message };
      return outcome;
    }
    this.failures += 1;
    const wait = end.retryAfterMs ?? backoffMs(this.failures);
    this.nextAttemptAt = Date.now() + wait;
    this.timer = setTimeout(() => void this.trigger(true), wait);
    const offline = end.reason === 'offline';
    syncView.value = { ...syncView.value, phase: offline ? 'offline' : 'error', message: offline ? MESSAGES.offline : interruptedMessage(end.reason) };
    return outcome;
  }
}

let scheduler: Scheduler | undefined;

/** "Synchroniser maintenant". */
export function syncNow(): Promise<void> {
  return scheduler?.trigger(true) ?? Promise.resolve();
}

/** "Récupérer les fiches du serveur": a sync whose pull takes every head of the campaign in scope again. */
export function restoreFromServer(): Promise<RestoreOutcome> {
  return scheduler?.restore() ?? Promise.resolve({ ok: false, message: 'Fiches non récupérées : la synchronisation démarre encore, réessayez dans un instant.' });
}

export function startSync(): void {
  scheduler = new Scheduler();
  const s = scheduler;
  void refreshOutboxState().then(() => s.trigger());
  window.addEventListener('online', () => void s.trigger(true));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void s.trigger();
  });
  let afterSave: ReturnType<typeof setTimeout> | undefined;
  onRevision(() => {
    void refreshOutboxState();
    clearTimeout(afterSave);
    afterSave = setTimeout(() => void s.trigger(), SYNC_AFTER_SAVE_MS);
  });
  setInterval(() => {
    if (navigator.onLine) void s.trigger();
  }, SYNC_PERIOD_MS);
}
