// How the demonstration directory is named on screen, apart from its forty schools so that a badge costs no more.
import { BOUCHES_DU_RHONE } from '../territory/config/bouches-du-rhone';
import type { Territory } from '../territory/territory';
export const DEMO_DIRECTORY_LABEL = 'données de démonstration';

/** The département the demonstration schools are placed in (the shipped configuration's). */
export const DEMO_TERRITORY: Pick<Territory, 'name' | 'nameWithArticle'> = BOUCHES_DU_RHONE;
