// French words the user reads for the codes of the records' enumerations (`enums.ts`); the fields' own names are in
// `field-labels.ts`. Forms, validation messages and exports all take their wording from these two.
import type {
  AuthorRole, Charging, ComputerType, Condition, DisplayType, FleetType, InternetAccess, NetworkAccess,
  SchoolStatus, StorageType, WifiCoverage,
} from './enums';

export const CONDITION_LABELS: Record<Condition, string> = {
  working: 'Fonctionnel',
  degraded: 'Dégradé',
  broken: 'En panne',
  out_of_service: 'Hors service',
};

export const ROLE_LABELS: Record<AuthorRole, string> = {
  erun: 'ERUN',
  technicien: 'Technicien',
  directeur: 'Directeur ou directrice',
  autre: 'Autre',
};

export const DISPLAY_LABELS: Record<DisplayType, string> = {
  eni: 'ENI (écran interactif)',
  vpi: 'VPI',
  tni: 'TNI',
  projector: 'Vidéoprojecteur',
  tv: 'Téléviseur',
  none: 'Aucun',
};

/** A display's name inside a sentence ("VPI de 2016 : …"). */
export const DISPLAY_SHORT_LABELS: Record<Exclude<DisplayType, 'none'>, string> = {
  eni: 'ENI',
  vpi: 'VPI',
  tni: 'TNI',
  projector: 'vidéoprojecteur',
  tv: 'téléviseur',
};

export const COMPUTER_LABELS: Record<ComputerType, string> = {
  desktop: 'Fixe',
  laptop: 'Portable',
  none: 'Aucun',
};

export const STORAGE_LABELS: Record<StorageType, string> = { ssd: 'SSD', hdd: 'Disque dur' };

export const NETWORK_LABELS: Record<NetworkAccess, string> = {
  wired: 'Filaire',
  wifi: 'Wi-Fi',
  both: 'Filaire et Wi-Fi',
  none: 'Aucun',
};

export const INTERNET_LABELS: Record<InternetAccess, string> = {
  fibre: 'Fibre',
  vdsl: 'VDSL',
  adsl: 'ADSL',
  mobile: '4G / 5G',
  satellite: 'Satellite',
  none: 'Aucun',
};

export const COVERAGE_LABELS: Record<WifiCoverage, string> = {
  all: 'Toutes les classes',
  partial: 'Une partie',
  none: 'Aucune',
};

export const FLEET_LABELS: Record<FleetType, string> = { tablet: 'Tablettes', laptop: 'Portables', hybrid: 'Hybrides' };

export const CHARGING_LABELS: Record<Charging, string> = { cart: 'Chariot', case: 'Valise', none: 'Aucune' };

export const STATUS_LABELS: Record<SchoolStatus, string> = { draft: 'Brouillon', complete: 'Terminé' };
