// What happens before the first screen: session, directory, drafts left by a killed tab, the campaign's fiches.
import type { AuditDb } from '../storage/db';
import { countDrafts } from '../storage/drafts';
import { auditor, campaign, loadSession } from './session';
import { loadDirectory } from './directory';
import { loadCampaignFiches } from './audits';
import { flushAllEditors } from './open-editors';
import { loadReferential } from './referential';
import { followRevisions, recomputeGaps } from './gaps';
import { persistOnFirstSave } from './persistence';
import { startSync } from './sync';

export async function startApp(db: AuditDb): Promise<void> {
  await loadSession();
  await loadReferential();
  await loadDirectory(db);
  if (auditor.value && (await countDrafts(db)) > 0) {
    // Typing left by a closed or killed tab becomes revisions before any screen can open those fiches.
    const { recoverDrafts } = await import('./commit');
    await recoverDrafts(db, auditor.value);
  }
  let loaded = campaign.value;
  await loadCampaignFiches(db, loaded);
  followRevisions();
  persistOnFirstSave();
  startSync(db);
  void recomputeGaps(); // in the worker; screens show the gaps when they arrive
  campaign.subscribe((value) => {
    if (value !== loaded) void loadCampaignFiches(db, (loaded = value)).then(() => recomputeGaps());
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
