// The codes of records.md's enumerations, each written once as a tuple: the schemas accept them, the labels map
// each to its French word (`Record<Condition, string>` fails to compile if one is missing), the types read them.

export const CONDITIONS = ['working', 'degraded', 'broken', 'out_of_service'] as const;
export type Condition = (typeof CONDITIONS)[number];

export const AUTHOR_ROLES = ['erun', 'technicien', 'directeur', 'autre'] as const;
export type AuthorRole = (typeof AUTHOR_ROLES)[number];

export const CLASS_LEVELS = ['CP', 'CE1', 'CE2', 'CM1', 'CM2', 'ULIS', 'UPE2A', 'PS', 'MS', 'GS'] as const;
export type ClassLevel = (typeof CLASS_LEVELS)[number];

export const DISPLAY_TYPES = ['eni', 'vpi', 'tni', 'projector', 'tv', 'none'] as const;
export type DisplayType = (typeof DISPLAY_TYPES)[number];

export const COMPUTER_TYPES = ['desktop', 'laptop', 'none'] as const;
export type ComputerType = (typeof COMPUTER_TYPES)[number];

export const STORAGE_TYPES = ['ssd', 'hdd'] as const;
export type StorageType = (typeof STORAGE_TYPES)[number];

export const NETWORK_ACCESSES = ['wired', 'wifi', 'both', 'none'] as const;
export type NetworkAccess = (typeof NETWORK_ACCESSES)[number];

export const INTERNET_ACCESSES = ['fibre', 'vdsl', 'adsl', 'mobile', 'satellite', 'none'] as const;
export type InternetAccess = (typeof INTERNET_ACCESSES)[number];

export const WIFI_COVERAGES = ['all', 'partial', 'none'] as const;
export type WifiCoverage = (typeof WIFI_COVERAGES)[number];

export const FLEET_TYPES = ['tablet', 'laptop', 'hybrid'] as const;
export type FleetType = (typeof FLEET_TYPES)[number];

export const CHARGINGS = ['cart', 'case', 'none'] as const;
export type Charging = (typeof CHARGINGS)[number];

export const SCHOOL_STATUSES = ['draft', 'complete'] as const;
export type SchoolStatus = (typeof SCHOOL_STATUSES)[number];
