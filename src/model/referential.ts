// The socle numérique référentiel v1 (shared/spec/domain.md) as data: rules, parameters, prices, funding, targets.
// Every threshold is a parameter and every price a setting: the Département changes them without a code change,
// and each computed result names the référentiel version that produced it.
import type { Territory, TerritoryConfig, TerritoryTargets } from '../territory/territory';
import { SHIPPED_TERRITORY } from '../territory/config';

export const CLASSROOM_RULE_IDS = ['C01', 'C02', 'C03', 'C04', 'C05'] as const;
export const SCHOOL_RULE_IDS = ['E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E08', 'E09'] as const;
export type ClassroomRuleId = (typeof CLASSROOM_RULE_IDS)[number];
export type SchoolRuleId = (typeof SCHOOL_RULE_IDS)[number];
export type RuleId = ClassroomRuleId | SchoolRuleId;
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
  | 'access-point'
  /** A néo-titulaire's equipment kit: not a rule's need, funded by the plan (pilotage.md). */
  | 'kit-neo-titulaire';

export interface RuleDef {
  id: RuleId;
  scope: 'classroom' | 'school';
  /** The rule as the référentiel states it. */
  label: string;
  /** Its name in a list or a spreadsheet cell ("Affichage collectif"). */
  short: string;
  severity: Severity;
  /** The parameters the rule reads (its thresholds), so that a reader sees what a change of parameter moves. */
  params: readonly (keyof ReferentialParams)[];
  /** The articles a failure of the rule asks for (priced with the price table). */
  needs: readonly ItemId[];
  /**
   * Why the rule fails (or is not evaluated), in the user's words, by reason code; `{name}` is replaced by a value
   * of the fiche or a parameter ("{equipment} de {year} : plus de {maxAge} ans"). The engine fills them in.
   */
  reasons: Readonly<Record<string, string>>;
}

export interface ReferentialParams {
  /** A computer (and a mobile fleet) older than this is obsolete. */
  maxAgeYears: number;
  /** A collective display older than this no longer counts for C01. */
  displayMaxAgeYears: number;
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

/**
 * The priority scale (pilotage.md, "Priority of a school"): how many points each part of a school's situation
 * weighs, out of 100 with the default weights.
 */
export interface PriorityWeights {
  repPlus: number;
  rep: number;
  /** Points of the social index at its lowest: ips × clamp((ipsHigh − IPS) / ipsSpan, 0, 1). */
  ips: number;
  ipsHigh: number;
  ipsSpan: number;
  /** Points when the IPS is unknown. */
  ipsUnknown: number;
  /** Points when every audited class is off the socle (share × the share of them). */
  share: number;
  perFailingRule: number;
  failingRulesMax: number;
}

export const PRIORITY_WEIGHTS_V1: PriorityWeights = {
  repPlus: 40, rep: 25, ips: 20, ipsHigh: 110, ipsSpan: 40, ipsUnknown: 10, share: 30, perFailingRule: 2, failingRulesMax: 10,
};

/** Classes to bring to the socle and néo-titulaires to equip; null: the Département has not set it ("non fixé"). */
export type Targets = TerritoryTargets;

export interface Referential {
  version: string;
  rules: readonly RuleDef[];
  params: ReferentialParams;
  /** Parameters whose default value is an assumption, with what the user is told while the value is the default. */
  assumptions: Readonly<Partial<Record<keyof ReferentialParams, { default: number; note: string }>>>;
  prices: readonly PriceItem[];
  funding: FundingRule;
  targets: Targets;
  priorityWeights: PriorityWeights;
  /** The département and its chefs de file: labels, order and the département's name all come from here. */
  territory: Territory;
}

export const RULES: readonly RuleDef[] = [
  {
    id: 'C01', scope: 'classroom', severity: 'required', short: 'Affichage collectif',
    label: 'Un affichage collectif (vidéoprojecteur, VPI, TNI ou ENI)',
    params: ['displayMaxAgeYears'], needs: ['display', 'display-installation'],
    reasons: {
      none: 'aucun affichage collectif dans la classe',
      tv: 'un téléviseur ne compte pas comme affichage collectif',
      unusable: '{equipment} {condition}',
      tooOld: '{equipment} de {year} : plus de {maxAge} ans, ne compte plus pour le socle',
    },
  },
  {
    id: 'C02', scope: 'classroom', severity: 'required', short: 'Ordinateur de classe',
    label: "Un ordinateur de classe qui pilote l'affichage",
    params: [], needs: ['class-computer', 'display-link'],
    reasons: {
      none: "pas d'ordinateur dans la classe",
      unusable: '{condition}',
      notLinked: "non relié à l'affichage collectif",
    },
  },
  {
    id: 'C03', scope: 'classroom', severity: 'warning', short: 'Ordinateur à moderniser',
    label: "L'ordinateur de la classe est aux normes (non obsolète)",
    params: ['maxAgeYears', 'minRamGb'], needs: ['class-computer', 'computer-upgrade'],
    reasons: {
      tooOld: 'acheté en {year}, plus de {maxAge} ans',
      lowRam: '{ram} Go de mémoire vive, moins de {minRam} Go',
      hdd: 'disque dur, pas de SSD',
    },
  },
  {
    id: 'C04', scope: 'classroom', severity: 'required', short: 'Réseau dans la classe',
    label: 'Un accès au réseau depuis la classe (filaire ou Wi-Fi)',
    params: [], needs: ['classroom-connection'],
    reasons: { none: "pas d'accès au réseau dans la classe" },
  },
  {
    id: 'C05', scope: 'classroom', severity: 'outside', short: 'Visualiseur', label: 'Un visualiseur',
    params: [], needs: [],
    reasons: { absent: 'pas de visualiseur', unusable: '{condition}' },
  },
  {
    id: 'E01', scope: 'school', severity: 'required', short: 'Terminaux mobiles',
    label: 'Des terminaux mobiles partagés en nombre suffisant',
    params: ['terminalsPerGroup', 'classesPerGroup', 'maxAgeYears'], needs: ['mobile-terminal'],
    reasons: {
      short: '{counted} sur {required} requis ({classes})',
      oldFleets: 'flottes de plus de {maxAge} ans non comptées',
    },
  },
  {
    id: 'E02', scope: 'school', severity: 'required', short: 'Charge et gestion des flottes',
    label: 'Chaque flotte mobile a une solution de charge et de rangement et une gestion de flotte (MDM)',
    params: [], needs: ['charging-cart', 'mdm-licence'],
    reasons: { noCharging: '{fleet} sans chariot ni valise de charge', noMdm: '{fleet} sans MDM' },
  },
  {
    id: 'E03', scope: 'school', severity: 'required', short: 'Wi-Fi',
    label: 'Des bornes Wi-Fi couvrant les classes, qui peuvent être coupées',
    params: [], needs: ['access-point'],
    reasons: {
      partial: 'Wi-Fi dans une partie des classes',
      none: 'pas de Wi-Fi dans les classes',
      notSwitchable: 'Wi-Fi qui ne peut pas être coupé',
    },
  },
  {
    id: 'E04', scope: 'school', severity: 'required', short: 'Débit internet',
    label: 'Un accès internet au débit minimal',
    params: ['minDownloadMbps'], needs: [],
    reasons: {
      notSet: 'seuil de débit non fixé : à régler dans Paramètres (« Débit descendant minimal »)',
      slow: '{speed} Mb/s, moins que les {min} Mb/s requis',
    },
  },
  {
    id: 'E05', scope: 'school', severity: 'required', short: 'Filtrage internet', label: 'Un filtrage internet en place',
    params: [], needs: [],
    reasons: { no: 'pas de filtrage internet' },
  },
  {
    id: 'E06', scope: 'school', severity: 'recommended', short: "Charte d'usage", label: "Une charte d'usage d'internet adoptée",
    params: [], needs: [],
    reasons: { no: "pas de charte d'usage d'internet adoptée" },
  },
  {
    id: 'E07', scope: 'school', severity: 'recommended', short: 'ENT', label: 'Un ENT ou un service de partage utilisé',
    params: [], needs: [],
    reasons: { no: "pas d'ENT ni de service de partage utilisé" },
  },
  {
    id: 'E08', scope: 'school', severity: 'recommended', short: 'Ressources numériques',
    label: 'Des ressources pédagogiques numériques disponibles',
    params: [], needs: [],
    reasons: { no: 'pas de ressources pédagogiques numériques' },
  },
  {
    id: 'E09', scope: 'school', severity: 'outside', short: 'Périphériques', label: 'Une imprimante-scanner et un appareil photo',
    params: [], needs: [],
    reasons: { noPrinterScanner: "pas d'imprimante-scanner", noCamera: "pas d'appareil photo" },
  },
];

export const SEVERITY_LABELS: Record<Severity, string> = {
  required: 'Requis',
  warning: 'Avertissement',
  recommended: 'Recommandé',
  outside: 'Hors socle',
};

/** What a failing rule of each severity is called where it is listed ("Manque : …"). */
export const SEVERITY_FAILING: Record<Severity, string> = {
  required: 'Manque',
  warning: 'À moderniser',
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
  { item: 'kit-neo-titulaire', label: "Kit d'équipement d'un néo-titulaire", unitPriceHt: null, date: null, source: null },
];

export const REFERENTIAL_V1: Referential = {
  version: '2026.1',
  rules: RULES,
  params: { maxAgeYears: 5, displayMaxAgeYears: 8, minRamGb: 8, terminalsPerGroup: 10, classesPerGroup: 4, minDownloadMbps: null },
  assumptions: { displayMaxAgeYears: { default: 8, note: 'hypothèse, à confirmer par le Département' } },
  prices: DEFAULT_PRICES,
  funding: { equipmentThresholdHt: 200_000, stateShareBelow: 0.7, stateShareAtOrAbove: 0.5, resourcesShare: 0.5 },
  targets: { ...SHIPPED_TERRITORY.targets },
  priorityWeights: PRIORITY_WEIGHTS_V1,
  territory: territoryOf(SHIPPED_TERRITORY),
};

/** The territory a référentiel carries: the configuration without its targets, which the référentiel holds apart. */
function territoryOf(config: TerritoryConfig): Territory {
  const { departement, name, nameWithArticle, chefsDeFile } = config;
  return { departement, name, nameWithArticle, chefsDeFile };
}

/**
 * The référentiel a département starts with: v1's rules, parameters, prices and funding, with its territory and its
 * targets (the shipped ones, or none set for a département without configuration): `territoryFor(code, file?)`.
 * It takes a configuration, not a code, so that the table of the 101 départements (territory-for.ts) stays out of
 * the app's first screen, which only needs the shipped one.
 */
export function defaultReferentialFor(territory: TerritoryConfig): Referential {
  return { ...REFERENTIAL_V1, targets: { ...territory.targets }, territory: territoryOf(territory) };
}

export const TERMINALS_PER_GROUP_ALLOWED = [10, 12, 15] as const;

const RULES_BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

export function ruleDef(id: RuleId): RuleDef {
  return RULES_BY_ID.get(id) as RuleDef;
}

/** Fills a reason's `{name}` placeholders; a number is written the French way (4.5 → "4,5"). */
export function fillReason(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? String(value).replace('.', ',') : value;
  });
}

/** The note shown beside a parameter while it holds its assumed default, else null. */
export function assumptionNote(referential: Pick<Referential, 'params' | 'assumptions'>, key: keyof ReferentialParams): string | null {
  const assumption = referential.assumptions?.[key];
  return assumption && referential.params[key] === assumption.default ? assumption.note : null;
}

/**
 * A référentiel stored on this device (edited in Paramètres) brought up to this version of the app: rules,
 * their wording and the assumptions come from the code; parameters, funding and targets added since it was
 * stored take their defaults; prices are kept by article, new articles added with their default price.
 */
export function migrateReferential(stored: Partial<Referential> | undefined, shipped: Referential = REFERENTIAL_V1): Referential {
  if (!stored) return shipped;
  const prices = shipped.prices.map((price) => {
    const kept = stored.prices?.find((p) => p.item === price.item);
    return kept ? { ...price, unitPriceHt: kept.unitPriceHt, date: kept.date, source: kept.source } : price;
  });
  return {
    version: stored.version ?? shipped.version,
    rules: shipped.rules,
    params: { ...shipped.params, ...stored.params },
    assumptions: shipped.assumptions,
    prices,
    funding: { ...shipped.funding, ...stored.funding },
    targets: { ...shipped.targets, ...stored.targets },
    priorityWeights: { ...shipped.priorityWeights, ...stored.priorityWeights },
    // Stored before the territory travelled with the référentiel: it was the shipped one's.
    territory: stored.territory ?? shipped.territory,
  };
}

/** "2026.1" → "2026.1-local.1" → "2026.1-local.2". */
export function nextLocalVersion(version: string): string {
  const local = /^(.*)-local\.(\d+)$/.exec(version);
  return local ? `${local[1]}-local.${Number(local[2]) + 1}` : `${version}-local.1`;
}
