// The chef de file filter of the lists (Écoles, Priorités): every one of the territory's, in its order, after "Tous".
import type { Territory } from '../territory/territory';

export function chefDeFileOptions(territory: Territory): ReadonlyArray<readonly [id: string, label: string]> {
  return [['', 'Tous'], ...territory.chefsDeFile.map((chef) => [chef.id, chef.label] as const)];
}

/** A filter with one chef de file would only repeat "Tous": the lists show it when there are several. */
export const hasSeveralChefsDeFile = (territory: Territory): boolean => territory.chefsDeFile.length > 1;
