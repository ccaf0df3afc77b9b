// The campaign's fiches on this device, kept in memory and updated after every saved revision.
import { computed, signal } from '@preact/signals';
import type { AuditDb } from '../storage/db';
import { listCampaignFiches } from '../storage/fiche-queries';
import { groupAudits, type SchoolAudit } from '../model/audit-status';
import type { Fiche } from '../model/types';

export const campaignFiches = signal<ReadonlyMap<string, Fiche>>(new Map());

export const auditsByUai = computed(() => groupAudits(campaignFiches.value.values()));

export const NO_AUDIT: SchoolAudit = { school: undefined, classrooms: [], status: 'todo' };

export function auditOf(uai: string): SchoolAudit {
  return auditsByUai.value.get(uai) ?? NO_AUDIT;
}

export async function loadCampaignFiches(db: AuditDb, campaign: string): Promise<void> {
  const fiches = await listCampaignFiches(db, campaign);
  campaignFiches.value = new Map(fiches.map((fiche) => [fiche.id, fiche]));
}

const revisionListeners = new Set<(fiche: Fiche) => void>();

/** Calls `listener` with every revision saved on this device from now on. */
export function onRevision(listener: (fiche: Fiche) => void): () => void {
  revisionListeners.add(listener);
  return () => revisionListeners.delete(listener);
}

/** Takes in a revision just saved on this device. */
export function noteRevision(fiche: Fiche): void {
  const next = new Map(campaignFiches.value);
  next.set(fiche.id, fiche);
  campaignFiches.value = next;
  for (const listener of revisionListeners) listener(fiche);
}
