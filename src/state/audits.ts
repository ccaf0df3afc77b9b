// The campaign's fiches on this device, kept in memory and updated after every revision the device's database
// announces (storage/saved.ts): a save, wherever it was made, reaches the screens without being told twice.
import { computed, signal } from '@preact/signals';
import { listCampaignFiches } from '../storage/fiche-queries';
import { onSaved } from '../storage/saved';
import { groupAudits, type SchoolAudit } from '../model/audit-status';
import type { Fiche } from '../model/types';
import { deviceDb, isDeviceDb } from './device-db';
import { campaign } from './session';

export const campaignFiches = signal<ReadonlyMap<string, Fiche>>(new Map());

export const auditsByUai = computed(() => groupAudits(campaignFiches.value.values()));

export const NO_AUDIT: SchoolAudit = { school: undefined, classrooms: [], status: 'todo' };

export function auditOf(uai: string): SchoolAudit {
  return auditsByUai.value.get(uai) ?? NO_AUDIT;
}

export async function loadCampaignFiches(): Promise<void> {
  const fiches = await listCampaignFiches(deviceDb(), campaign.value);
  campaignFiches.value = new Map(fiches.map((fiche) => [fiche.id, fiche]));
}

type RevisionListener = (fiches: readonly Fiche[]) => void;
const revisionListeners = new Set<RevisionListener>();

/** Calls `listener` with the campaign's revisions saved on this device from now on (one save, or an import's batch). */
export function onRevision(listener: RevisionListener): () => void {
  revisionListeners.add(listener);
  return () => revisionListeners.delete(listener);
}

/** Takes in the revisions of the campaign just committed to the device's database. */
function takeIn(saved: readonly Fiche[]): void {
  const fiches = saved.filter((fiche) => fiche.campaign === campaign.value);
  if (fiches.length === 0) return;
  const next = new Map(campaignFiches.value);
  for (const fiche of fiches) next.set(fiche.id, fiche);
  campaignFiches.value = next;
  for (const listener of revisionListeners) listener(fiches);
}

onSaved((fiches, db) => {
  if (isDeviceDb(db)) takeIn(fiches);
});
