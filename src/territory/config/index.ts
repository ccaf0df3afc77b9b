// The départements shipped with a configuration of their own, and the one a server or a tablet without
// configuration holds. Any other département gets the generic one (territory-for.ts).
import type { TerritoryConfig } from '../territory';
import { BOUCHES_DU_RHONE } from './bouches-du-rhone';

export const SHIPPED_CONFIGS: readonly TerritoryConfig[] = [BOUCHES_DU_RHONE];

/** Where the application started: the default territory, and the one the demonstration schools are placed in. */
export const SHIPPED_TERRITORY: TerritoryConfig = BOUCHES_DU_RHONE;
