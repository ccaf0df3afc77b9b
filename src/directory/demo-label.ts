// How the demonstration directory is named on screen, apart from its forty schools so that a badge costs no more.
import { SHIPPED_TERRITORY } from '../territory/config';
import type { Territory } from '../territory/territory';
export const DEMO_DIRECTORY_LABEL = 'données de démonstration';

/** The département the demonstration schools are placed in: the shipped one. */
export const DEMO_TERRITORY: Pick<Territory, 'name' | 'nameWithArticle'> = SHIPPED_TERRITORY;
