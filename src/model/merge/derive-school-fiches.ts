// Sync v2 gives a school fiche the derived id `ecole-<campaign>-<uai>` (sync.md). Fiches made before under a UUID
// become that id; two of one school (two tablets each made one) are merged field by field with the rules of the
// merge (merge.ts), a field both changed taking the more recently updated fiche's value. Pure: the device's
// database upgrade and the server's migration both use it.
import { schoolFicheId } from '../sync-protocol';
import type { SchoolData, SchoolFiche } from '../types';
import { mergeFiche, resolveConflicts } from './merge';

/** Fleets saved before fleets had ids get `flotte-<n>` by position: the same on every device and on the server. */
export function withFleetIds(data: SchoolData): SchoolData {
  if (data.fleets.every((fleet) => typeof fleet.id === 'string' && fleet.id !== '')) return data;
  return { ...data, fleets: data.fleets.map((fleet, i) => (typeof fleet.id === 'string' && fleet.id !== '' ? fleet : { ...fleet, id: `flotte-${i + 1}` })) };
}

/**
 * One school's fiches of one campaign as the one fiche of the derived id: the newest's envelope, the data of all of
 * them merged (oldest first, each newer one as the head). `rev` is left to the caller.
 */
export function deriveSchoolFiche(fiches: readonly SchoolFiche[]): SchoolFiche {
  const [first, ...rest] = [...fiches].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
  if (!first) throw new Error('deriveSchoolFiche: no fiche');
  let merged: SchoolFiche = { ...first, data: withFleetIds(first.data) };
  for (const next of rest) {
    const head: SchoolFiche = { ...next, data: withFleetIds(next.data) };
    const result = mergeFiche(null, merged, head);
    const choices = Object.fromEntries(result.conflicts.map((c) => [c.path, 'head' as const]));
    const { data, deleted } = resolveConflicts(result, choices);
    merged = { ...head, data, deleted };
  }
  return { ...merged, id: schoolFicheId(merged.campaign, merged.uai) };
}

/** Whether a school fiche still has an id from before sync v2. */
export function needsDerivedId(fiche: Pick<SchoolFiche, 'id' | 'campaign' | 'uai'>): boolean {
  return fiche.id !== schoolFicheId(fiche.campaign, fiche.uai);
}
