// French words the user reads for the records: each code of an enumeration, and each field's name, keyed by its typed
// path. Forms, validation messages, the gap engine's "à renseigner" and exports all take their wording from here; a
// code or a field of the schema without its word does not compile. A field's `form` is how the form words it where
// its section already says what it is about ("Année d'installation" under "Affichage collectif").
import { labelPath, type LabelPath } from './field-paths';
import type {
  AuthorRole, Charging, ClassroomData, ClassroomFiche, ComputerType, Condition, DisplayType, FicheKind, FleetType,
  InternetAccess, NetworkAccess, PhotoSubject, SchoolData, SchoolStatus, StorageType, WifiCoverage,
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

/** What a photo shows, as the form offers it. */
export const PHOTO_SUBJECT_LABELS: Record<PhotoSubject, string> = {
  display: 'Affichage collectif',
  computer: 'Ordinateur',
  network: 'Réseau',
  documentCamera: 'Visualiseur',
  fleet: 'Flotte mobile',
  general: 'Vue générale',
};

/** A photo's subject in a file name of the export's zip (`<UAI>/<classe>/<sujet>-<n>.jpg`): plain ASCII. */
export const PHOTO_SUBJECT_FILE_NAMES: Record<PhotoSubject, string> = {
  display: 'affichage',
  computer: 'ordinateur',
  network: 'reseau',
  documentCamera: 'visualiseur',
  fleet: 'flotte',
  general: 'general',
};

export const CHARGING_LABELS: Record<Charging, string> = { cart: 'Chariot', case: 'Valise', none: 'Aucune' };

export const STATUS_LABELS: Record<SchoolStatus, string> = { draft: 'Brouillon', complete: 'Terminé' };

// Each field's name by path; `form` where the form words it otherwise.
export type FieldLabel = string | { readonly name: string; readonly form: string };
type Labels<T> = { readonly [P in LabelPath<T>]: FieldLabel };

const ENVELOPE_FIELDS: Labels<Omit<ClassroomFiche, 'data'>> = {
  id: 'Identifiant',
  kind: 'Type de fiche',
  uai: 'UAI',
  campaign: 'Campagne',
  rev: 'Révision',
  updatedAt: 'Date de modification',
  createdAt: 'Date de création',
  deleted: 'Suppression',
  author: 'Auteur',
  'author.name': "Nom de l'auteur",
  'author.role': "Rôle de l'auteur",
  referentialVersion: 'Version du référentiel',
};

/** A fiche's photos: the same fields on both kinds (records.md v2 "Photos"). */
const PHOTO_FIELDS = {
  photos: 'Photos',
  'photos.sha256': { name: 'Empreinte de la photo', form: 'Photo' },
  'photos.type': 'Format de la photo',
  'photos.bytes': 'Taille de la photo',
  'photos.takenAt': { name: 'Date de la photo', form: 'Prise le' },
  'photos.subject': { name: 'Sujet de la photo', form: 'Sujet' },
  'photos.caption': { name: 'Légende de la photo', form: 'Légende' },
} as const;

export const CLASSROOM_FIELDS: Labels<ClassroomData> = {
  label: 'Nom de la classe',
  levels: 'Niveaux',
  pupils: "Nombre d'élèves",
  display: 'Affichage collectif',
  'display.type': "Type d'affichage",
  'display.condition': "État de l'affichage",
  'display.year': { name: "Année de l'affichage", form: "Année d'installation" },
  'display.sizeInches': { name: "Taille de l'affichage (pouces)", form: 'Taille' },
  computer: 'Ordinateur de la classe',
  'computer.type': { name: 'Ordinateur de la classe', form: 'Ordinateur' },
  'computer.condition': "État de l'ordinateur",
  'computer.year': { name: "Année de l'ordinateur", form: "Année d'achat" },
  'computer.os': "Système d'exploitation",
  'computer.ramGb': { name: 'Mémoire vive (Go)', form: 'Mémoire vive' },
  'computer.storage': 'Stockage',
  'computer.linkedToDisplay': { name: "Ordinateur relié à l'affichage", form: "Relié à l'affichage collectif" },
  'computer.inventoryTag': "Numéro d'inventaire",
  network: 'Réseau de la classe',
  'network.access': { name: 'Accès réseau', form: 'Accès réseau dans la classe' },
  'network.tested': { name: 'Accès réseau testé', form: 'Accès testé pendant la visite' },
  documentCamera: 'Visualiseur',
  'documentCamera.present': { name: 'Visualiseur', form: 'Visualiseur présent' },
  'documentCamera.condition': 'État du visualiseur',
  trainingNeeds: 'Besoins de formation',
  notes: { name: 'Remarques', form: 'Remarques sur la classe' },
  ...PHOTO_FIELDS,
};

export const SCHOOL_FIELDS: Labels<SchoolData> = {
  visitDate: 'Date de visite',
  status: "Statut de l'audit",
  classesCount: { name: 'Nombre de classes', form: "Nombre de classes de l'école" },
  pupils: { name: "Nombre d'élèves", form: "Nombre d'élèves de l'école" },
  newTeachers: 'Néo-titulaires à équiper',
  internet: 'Connexion internet',
  'internet.access': 'Accès internet',
  'internet.downloadMbps': { name: 'Débit descendant (Mb/s)', form: 'Débit descendant' },
  'internet.uploadMbps': { name: 'Débit montant (Mb/s)', form: 'Débit montant' },
  wifi: 'Wi-Fi',
  'wifi.accessPoints': { name: "Points d'accès Wi-Fi", form: "Nombre de points d'accès" },
  'wifi.coverage': { name: 'Couverture Wi-Fi', form: 'Classes couvertes' },
  'wifi.switchable': { name: 'Wi-Fi débrayable', form: 'Wi-Fi débrayable (peut être coupé)' },
  fleets: 'Flottes mobiles',
  'fleets.id': 'Identifiant de la flotte',
  'fleets.type': { name: 'Type de flotte', form: "Type d'appareils" },
  'fleets.count': "Nombre d'appareils",
  'fleets.workingCount': { name: "Nombre d'appareils fonctionnels", form: 'Dont fonctionnels' },
  'fleets.year': { name: "Année d'achat de la flotte", form: "Année d'achat" },
  'fleets.charging': { name: 'Solution de charge et de rangement', form: 'Charge et rangement' },
  'fleets.mdm': 'Gestion de flotte (MDM)',
  filtering: { name: 'Filtrage internet', form: 'Filtrage internet en place' },
  usageCharter: { name: "Charte d'usage d'internet", form: "Charte d'usage d'internet adoptée" },
  ent: 'ENT',
  'ent.used': 'ENT ou service de partage utilisé',
  'ent.name': { name: "Nom de l'ENT", form: "Nom de l'ENT ou du service" },
  resources: { name: 'Ressources numériques', form: 'Ressources pédagogiques numériques disponibles' },
  peripherals: 'Périphériques',
  'peripherals.printerScanner': 'Imprimante-scanner',
  'peripherals.camera': 'Appareil photo',
  'peripherals.robots': { name: 'Robots', form: 'Nombre de robots' },
  trainingNeeds: 'Besoins de formation',
  needs: { name: 'Besoins exprimés', form: "Besoins exprimés par l'école (ressources, matériel, accompagnement)" },
  notes: 'Remarques',
  ...PHOTO_FIELDS,
};

const nameOf = (label: FieldLabel): string => (typeof label === 'string' ? label : label.name);

function byRootPath(labels: Readonly<Record<string, FieldLabel>>, prefix = ''): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).map(([path, label]) => [`${prefix}${path}`, nameOf(label)]));
}

/** Field names by path from the record's root (`data.fleets.count`), for messages about any record. A path both
 * kinds have (`data.pupils`, `data.notes`) has one name for both. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  ...byRootPath(ENVELOPE_FIELDS),
  data: 'Contenu de la fiche',
  ...byRootPath(CLASSROOM_FIELDS, 'data.'),
  ...byRootPath(SCHOOL_FIELDS, 'data.'),
};

/** The label of a field path such as `data.fleets.1.count`, for messages. */
export function fieldLabel(path: string): string {
  const withoutIndexes = labelPath(path);
  const label = FIELD_LABELS[withoutIndexes] ?? withoutIndexes;
  const index = /\.(\d+)(?:\.|$)/.exec(path)?.[1];
  return index === undefined ? label : `${label} (n° ${Number(index) + 1})`;
}

/** How a form labels the field at `path` (relative to the fiche's data; list indexes allowed). */
export function formLabel(kind: FicheKind, path: string): string {
  const labels: Readonly<Record<string, FieldLabel>> = kind === 'school' ? SCHOOL_FIELDS : CLASSROOM_FIELDS;
  const label = labels[labelPath(path)];
  if (label === undefined) return path;
  return typeof label === 'string' ? label : label.form;
}
