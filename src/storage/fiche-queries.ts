// Reading fiches (kept apart from saving, which validates: the first screen needs no validation code).
import type { AuditDb } from './db';
import type { Fiche } from '../model/types';

export function getFiche(db: AuditDb, id: string): Promise<Fiche | undefined> {
  return db.fiches.get(id);
}

/** Every fiche of one school in one campaign, tombstones included. */
export function listSchoolFiches(db: AuditDb, campaign: string, uai: string): Promise<Fiche[]> {
  return db.fiches.where('[campaign+uai]').equals([campaign, uai]).toArray();
}

/** Every fiche of a campaign, tombstones included. */
export function listCampaignFiches(db: AuditDb, campaign: string): Promise<Fiche[]> {
  return db.fiches.where('[campaign+uai]').between([campaign, ''], [campaign, '\uffff']).toArray();
}

/** The schools that have at least one fiche, in any campaign. */
export async function uaisWithFiches(db: AuditDb): Promise<Set<string>> {
  const keys = (await db.fiches.orderBy('[campaign+uai]').uniqueKeys()) as unknown as Array<[string, string]>;
  return new Set(keys.map(([, uai]) => uai));
}
