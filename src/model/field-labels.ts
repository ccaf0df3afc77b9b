// Each field's French name, keyed by its typed path: validation messages, the gap engine's "à renseigner" and the
// forms read it here, and a field of the schema without a name does not compile. `form` is how the form words a
// field where its section already says what it is about ("Année d'installation" under "Affichage collectif").
import { labelPath, type LabelPath } from './field-paths';
import type { ClassroomData, ClassroomFiche, FicheKind, SchoolData } from './types';

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
