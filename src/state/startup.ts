// WARNING: main bundle. What happens before the first screen, and what waits until it is up. The database opens
// before the first screen only on a device that has one (Dexie is most of the app's weight): a first visit shows the
// profile form, then the schools list from the demonstration directory in memory, which is what the new database
// will hold. The database and sync start once the schools list is up, the gaps worker in any case after it; their
// chunks are fetched again when the network comes back if a first visit lost it before they arrived (chunks.ts).
import { effect, signal } from '@preact/signals';
import { hasDatabase } from '../storage/db-name';
import { countDrafts } from '../storage/drafts';
import { auditor, campaign, loadSession } from './session';
import { loadDirectory, showDemoDirectory } from './directory';
import { loadCampaignFiches } from './audits';
import { flushAllEditors } from './open-editors';
import { loadReferential } from './referential';
import { followRevisions, recomputeGaps } from './gaps';
import { persistOnFirstSave } from './persistence';
import { databaseReady, deviceDb, setDeviceDb } from './device-db';
import { importChunk } from './chunks';

/** The directory and the campaign's fiches are known: the schools list can show. */
export const dataReady = signal(false);
/** Sync is starting: the header loads its indicator (with the sync engine, in one round trip). */
export const syncStarted = signal(false);

/** At the latest this long after the schools list is up, deferred work starts even if the main thread is never idle. */
const IDLE_TIMEOUT_MS = 2000;
/** Made when deferred work starts: the first-visit test and benchmark count what was fetched before it. */
export const DEFERRED_MARK = 'tne:deferred';

let firstVisit = false;

/** Session and référentiel (small preferences), and, for an auditor, the data of the schools list. */
export async function startApp(): Promise<void> {
  await loadSession();
  await loadReferential();
  firstVisit = !(await hasDatabase());
  if (auditor.value) await loadData();
}

/** What the schools list reads; a device without a database has no fiche nor draft, only the demonstration schools. */
async function loadData(): Promise<void> {
  if (firstVisit) await showDemoDirectory();
  else await openDatabase();
  dataReady.value = true;
}

let opening: Promise<void> | undefined;

/** Opens the database once and loads the directory, the drafts left by a killed tab and the campaign's fiches. */
function openDatabase(): Promise<void> {
  opening ??= loadDatabase();
  return opening;
}

async function loadDatabase(): Promise<void> {
  void import('./sync').catch(() => undefined); // fetched while the database opens (startSyncOnce waits for it)
  const { appDb } = await importChunk(() => import('../storage/db'));
  setDeviceDb(appDb());
  await loadDirectory();
  if (auditor.value && (await countDrafts(deviceDb())) > 0) {
    // Typing left by a closed or killed tab becomes revisions before any screen can open those fiches.
    const { recoverDrafts } = await importChunk(() => import('./commit'));
    await recoverDrafts();
  }
  let loaded = campaign.value;
  await loadCampaignFiches();
  followRevisions();
  persistOnFirstSave();
  campaign.subscribe((value) => {
    if (value === loaded) return;
    loaded = value;
    void loadCampaignFiches().then(() => recomputeGaps());
  });
  // The screens that need the database open once sync has started, as they always did: its first run has found
  // what the outbox holds, and a token saved on the "Appareil" screen is sent at once.
  await startSyncOnce();
  databaseReady.value = true;
}

let sync: Promise<void> | undefined;

/** Sync, in its own chunk (with the header's indicator, which `syncStarted` loads at the same time). */
function startSyncOnce(): Promise<void> {
  syncStarted.value = true;
  sync ??= importChunk(() => import('./sync')).then(({ startSync }) => startSync());
  return sync;
}

/** What the schools list does without: the database and sync on a first visit, the gaps worker. */
async function startBackground(): Promise<void> {
  await openDatabase();
  void recomputeGaps(); // in the worker; screens show the gaps when they arrive
}

/** Runs `work` once the main thread is idle after the screen's render; the mark tells where it began. */
function whenIdle(work: () => Promise<void>, onError: (error: unknown) => void): void {
  const run = () => {
    performance.mark(DEFERRED_MARK);
    work().catch(onError);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(run, 0);
}

/**
 * Called once the first screen is on show. The profile form of a first visit needs nothing more; once there is an
 * auditor and the schools list can show, the rest starts when the main thread is idle.
 */
export function afterFirstScreen(onError: (error: unknown) => void): void {
  let started = false;
  effect(() => {
    if (!auditor.value || started) return;
    started = true;
    (dataReady.value ? Promise.resolve() : loadData()).then(() => whenIdle(startBackground, onError), onError);
  });
}

/** Commits open forms when the tab is hidden or closed: a tablet may never come back to it. */
export function flushOnHide(): void {
  const flush = () => void flushAllEditors();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
  window.addEventListener('pagehide', flush);
}
