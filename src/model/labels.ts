// French words the user reads for codes of the records: enumerations and field names.
// Forms, validation messages and exports all take their wording from here.
import type {
  AuthorRole, Charging, ComputerType, Condition, DisplayType, FleetType, InternetAccess, NetworkAccess,
  SchoolStatus, WifiCoverage,
} from './types';

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

export const STORAGE_LABELS: Record<'ssd' | 'hdd', string> = { ssd: 'SSD', hdd: 'Disque dur' };

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

/** Field names as the forms show them, by path without array indexes (`data.fleets.count`). */
export const FIELD_LABELS: Record<string, string> = {
  id: 'Identifiant',
  kind: 'Type de fiche',
  uai: 'UAI',
  campaign: 'Campagne',
  rev: 'Révision',
  updatedAt: 'Date de modification',
  deleted: 'Suppression',
  author: 'Auteur',
  'author.name': "Nom de l'auteur",
  'author.role': "Rôle de l'auteur",
  referentialVersion: 'Version du référentiel',
  data: 'Contenu de la fiche',
  'data.label': 'Nom de la classe',
  'data.levels': 'Niveaux',
  'data.pupils': "Nombre d'élèves",
  'data.display': 'Affichage collectif',
  'data.computer': 'Ordinateur de la classe',
  'data.network': 'Réseau de la classe',
  'data.documentCamera': 'Visualiseur',
  'data.internet': 'Connexion internet',
  'data.wifi': 'Wi-Fi',
  'data.ent': 'ENT',
  'data.peripherals': 'Périphériques',
  'data.display.type': "Type d'affichage",
  'data.display.condition': "État de l'affichage",
  'data.display.year': "Année de l'affichage",
  'data.display.sizeInches': "Taille de l'affichage (pouces)",
  'data.computer.type': "Ordinateur de la classe",
  'data.computer.condition': "État de l'ordinateur",
  'data.computer.year': "Année de l'ordinateur",
  'data.computer.os': "Système d'exploitation",
  'data.computer.ramGb': 'Mémoire vive (Go)',
  'data.computer.storage': 'Stockage',
  'data.computer.linkedToDisplay': "Ordinateur relié à l'affichage",
  'data.computer.inventoryTag': "Numéro d'inventaire",
  'data.network.access': 'Accès réseau',
  'data.network.tested': 'Accès réseau testé',
  'data.documentCamera.present': 'Visualiseur',
  'data.documentCamera.condition': 'État du visualiseur',
  'data.notes': 'Remarques',
  'data.trainingNeeds': 'Besoins de formation',
  'data.visitDate': 'Date de visite',
  'data.status': "Statut de l'audit",
  'data.classesCount': 'Nombre de classes',
  'data.newTeachers': 'Néo-titulaires à équiper',
  'data.internet.access': 'Accès internet',
  'data.internet.downloadMbps': 'Débit descendant (Mb/s)',
  'data.internet.uploadMbps': 'Débit montant (Mb/s)',
  'data.wifi.accessPoints': "Points d'accès Wi-Fi",
  'data.wifi.coverage': 'Couverture Wi-Fi',
  'data.wifi.switchable': 'Wi-Fi débrayable',
  'data.fleets': 'Flottes mobiles',
  'data.fleets.type': 'Type de flotte',
  'data.fleets.count': "Nombre d'appareils",
  'data.fleets.workingCount': "Nombre d'appareils fonctionnels",
  'data.fleets.year': "Année d'achat de la flotte",
  'data.fleets.charging': 'Solution de charge et de rangement',
  'data.fleets.mdm': 'Gestion de flotte (MDM)',
  'data.filtering': 'Filtrage internet',
  'data.usageCharter': "Charte d'usage d'internet",
  'data.ent.used': 'ENT ou service de partage utilisé',
  'data.ent.name': "Nom de l'ENT",
  'data.resources': 'Ressources numériques',
  'data.peripherals.printerScanner': 'Imprimante-scanner',
  'data.peripherals.camera': 'Appareil photo',
  'data.peripherals.robots': 'Robots',
  'data.needs': 'Besoins exprimés',
};

/** The label of a field path such as `data.fleets.1.count`, for messages. */
export function fieldLabel(path: string): string {
  const withoutIndexes = path.split('.').filter((part) => !/^\d+$/.test(part)).join('.');
  const label = FIELD_LABELS[withoutIndexes] ?? withoutIndexes;
  const index = /\.(\d+)(?:\.|$)/.exec(path)?.[1];
  return index === undefined ? label : `${label} (n° ${Number(index) + 1})`;
}
