// The school fiche of one school and campaign under its derived id (issue 13): v1 let two tablets make two school
// fiches of one school; v2 has one, `ecole-<campaign>-<uai>`. Pure, so that the device's database upgrade and every
// server store's migration make the same fiche from the same fiches.
import type { SchoolFiche } from '../types';
import { schoolFicheId } from '../sync-protocol';
import { mergeFiche, resolveConflicts } from './merge';

/** A v1 school fiche head: its fleets may lack the `id` that v2 requires. */
export type LegacySchoolFiche = Omit<SchoolFiche, 'data'> & {
  data: Omit<SchoolFiche['data'], 'fleets'> & { fleets: Array<Omit<SchoolFiche['data']['fleets'][number], 'id'> & { id?: string }> };
};

/**
 * A fleet without an id gets `flotte-<n>`, n its place in the list from 1: stable, and the same place in two fiches of
 * one school is taken for the same fleet by the merge (the same fleets recorded twice, in the order the school
 * lists them, are far likelier than two lists of different fleets, and a union would count each device twice).
 */
export function withFleetIds(fiche: LegacySchoolFiche): SchoolFiche {
  return { ...fiche, data: dataWithFleetIds(fiche.data) };
}

/** The same on a fiche's data (a draft's); the data itself when every fleet has its id. */
export function dataWithFleetIds(data: LegacySchoolFiche['data']): SchoolFiche['data'] {
  if (data.fleets.every((fleet) => typeof fleet.id === 'string' && fleet.id !== '')) return data as SchoolFiche['data'];
  return { ...data, fleets: data.fleets.map((fleet, i) => ({ ...fleet, id: typeof fleet.id === 'string' && fleet.id !== '' ? fleet.id : `flotte-${i + 1}` })) };
}

const byUpdatedAt = (a: SchoolFiche, b: SchoolFiche) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id);

/**
 * The derived fiche made from the heads of one school's fiches in one campaign, as revision `rev`. One head is
 * taken as it is. Two or more are merged pairwise, oldest first, each newer one as the merge's `head`, against the
 * empty fiche (base null); a field both filled differently takes the most recently updated fiche's value. The result
 * carries the newest fiche's envelope (updatedAt, author, referentialVersion) and the earliest createdAt, if any.
 */
export function deriveSchoolFiche(sources: readonly LegacySchoolFiche[], rev: number): SchoolFiche {
  const [oldest, ...newer] = sources.map(withFleetIds).sort(byUpdatedAt);
  if (oldest === undefined) throw new Error('deriveSchoolFiche: no fiche to derive from');
  const merged = newer.reduce((local, head) => {
    const result = mergeFiche(null, local, head);
    const resolved = resolveConflicts(result, Object.fromEntries(result.conflicts.map((c) => [c.path, 'head' as const])));
    return { ...head, data: resolved.data, deleted: resolved.deleted };
  }, oldest);
  const createdAt = sources.map((s) => s.createdAt).filter((at): at is string => at !== undefined).sort()[0];
  const { createdAt: _newest, ...envelope } = merged;
  return { ...envelope, ...(createdAt === undefined ? {} : { createdAt }), id: schoolFicheId(merged.campaign, merged.uai), rev };
}

/** Whether a school fiche still has an id from before sync v2. */
export function needsDerivedId(fiche: Pick<SchoolFiche, 'id' | 'campaign' | 'uai'>): boolean {
  return fiche.id !== schoolFicheId(fiche.campaign, fiche.uai);
}

/** Whether a fiche saved before fleets had ids still lacks one. */
export function lacksFleetIds(fiche: LegacySchoolFiche): boolean {
  return fiche.data.fleets.some((fleet) => typeof fleet.id !== 'string' || fleet.id === '');
}
