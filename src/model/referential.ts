// The socle numérique référentiel v1 (shared/spec/domain.md) as data: rules, parameters, prices, funding, targets.
// Every threshold is a parameter and every price a setting: the Département changes them without a code change,
// and each computed result names the référentiel version that produced it.

export type RuleId = 'C01' | 'C02' | 'C03' | 'C04' | 'C05' | 'E01' | 'E02' | 'E03' | 'E04' | 'E05' | 'E06' | 'E07' | 'E08' | 'E09';
export type Severity = 'required' | 'warning' | 'recommended' | 'outside';
export type ItemId =
  | 'display'
  | 'display-installation'
  | 'class-computer'
  | 'display-link'
  | 'computer-upgrade'
  | 'classroom-connection'
  | 'mobile-terminal'
  | 'charging-cart'
  | 'mdm-licence'
  | 'access-point';

export interface RuleDef {
  id: RuleId;
  scope: 'classroom' | 'school';
  label: string;
  severity: Severity;
}

export interface ReferentialParams {
  maxAgeYears: number;
  minRamGb: number;
  terminalsPerGroup: number;
  classesPerGroup: number;
  /** Empty by default: E04 is then not evaluated. */
  minDownloadMbps: number | null;
}

export interface PriceItem {
  item: ItemId;
  label: string;
  /** HT; null: "non chiffré", never 0 €. */
  unitPriceHt: number | null;
  date: string | null;
  source: string | null;
}

export interface FundingRule {
  /** Equipment spending per collectivité at or above which the State's share drops. */
  equipmentThresholdHt: number;
  stateShareBelow: number;
  stateShareAtOrAbove: number;
  resourcesShare: number;
}

export interface Targets {
  classes: number;
  newTeachers: number;
}

export interface Referential {
  version: string;
  rules: readonly RuleDef[];
  params: ReferentialParams;
  prices: readonly PriceItem[];
  funding: FundingRule;
  targets: Targets;
}

export const RULES: readonly RuleDef[] = [
  { id: 'C01', scope: 'classroom', severity: 'required', label: 'Un affichage collectif (vidéoprojecteur, VPI, TNI ou ENI)' },
  { id: 'C02', scope: 'classroom', severity: 'required', label: "Un ordinateur de classe qui pilote l'affichage" },
  { id: 'C03', scope: 'classroom', severity: 'warning', label: "L'ordinateur de la classe est aux normes (non obsolète)" },
  { id: 'C04', scope: 'classroom', severity: 'required', label: 'Un accès au réseau depuis la classe (filaire ou Wi-Fi)' },
  { id: 'C05', scope: 'classroom', severity: 'outside', label: 'Un visualiseur' },
  { id: 'E01', scope: 'school', severity: 'required', label: 'Des terminaux mobiles partagés en nombre suffisant' },
  { id: 'E02', scope: 'school', severity: 'required', label: 'Chaque flotte mobile a une solution de charge et de rangement et une gestion de flotte (MDM)' },
  { id: 'E03', scope: 'school', severity: 'required', label: 'Des bornes Wi-Fi couvrant les classes, qui peuvent être coupées' },
  { id: 'E04', scope: 'school', severity: 'required', label: 'Un accès internet au débit minimal' },
  { id: 'E05', scope: 'school', severity: 'required', label: 'Un filtrage internet en place' },
  { id: 'E06', scope: 'school', severity: 'recommended', label: "Une charte d'usage d'internet adoptée" },
  { id: 'E07', scope: 'school', severity: 'recommended', label: 'Un ENT ou un service de partage utilisé' },
  { id: 'E08', scope: 'school', severity: 'recommended', label: 'Des ressources pédagogiques numériques disponibles' },
  { id: 'E09', scope: 'school', severity: 'outside', label: 'Une imprimante-scanner et un appareil photo' },
];

export const SEVERITY_LABELS: Record<Severity, string> = {
  required: 'Requis',
  warning: 'Avertissement',
  recommended: 'Recommandé',
  outside: 'Hors socle',
};

export const DEFAULT_PRICES: readonly PriceItem[] = [
  { item: 'display', label: 'Écran numérique interactif (ENI 65")', unitPriceHt: 2700, date: '2017', source: 'Chiffre public (2017), à remplacer par les prix de la collectivité' },
  { item: 'display-installation', label: "Installation d'un affichage collectif", unitPriceHt: 500, date: '2017', source: 'Chiffre public (2017), à remplacer par les prix de la collectivité' },
  { item: 'class-computer', label: 'Ordinateur de classe', unitPriceHt: null, date: null, source: null },
  { item: 'display-link', label: "Raccordement de l'ordinateur à l'affichage", unitPriceHt: null, date: null, source: null },
  { item: 'computer-upgrade', label: "Mise à niveau d'un ordinateur (SSD et mémoire)", unitPriceHt: 87, date: '2023', source: 'Ville de Marseille (2023)' },
  { item: 'classroom-connection', label: "Raccordement d'une classe au réseau", unitPriceHt: null, date: null, source: null },
  { item: 'mobile-terminal', label: 'Terminal mobile (tablette ou portable)', unitPriceHt: null, date: null, source: null },
  { item: 'charging-cart', label: 'Chariot ou valise de charge et de rangement', unitPriceHt: null, date: null, source: null },
  { item: 'mdm-licence', label: 'Licence de gestion de flotte (MDM)', unitPriceHt: null, date: null, source: null },
  { item: 'access-point', label: 'Borne Wi-Fi', unitPriceHt: null, date: null, source: null },
];

export const REFERENTIAL_V1: Referential = {
  version: '2026.1',
  rules: RULES,
  params: { maxAgeYears: 5, minRamGb: 8, terminalsPerGroup: 10, classesPerGroup: 4, minDownloadMbps: null },
  prices: DEFAULT_PRICES,
  funding: { equipmentThresholdHt: 200_000, stateShareBelow: 0.7, stateShareAtOrAbove: 0.5, resourcesShare: 0.5 },
  targets: { classes: 2700, newTeachers: 1000 },
};

export const TERMINALS_PER_GROUP_ALLOWED = [10, 12, 15] as const;

export function ruleDef(id: RuleId): RuleDef {
  return RULES.find((rule) => rule.id === id) as RuleDef;
}

/** "2026.1" → "2026.1-local.1" → "2026.1-local.2". */
export function nextLocalVersion(version: string): string {
  const local = /^(.*)-local\.(\d+)$/.exec(version);
  return local ? `${local[1]}-local.${Number(local[2]) + 1}` : `${version}-local.1`;
}
