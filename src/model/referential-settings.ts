// Editing the référentiel's parameters, prices and targets: the same validation in the settings form and anywhere
// else a référentiel is read from; every edit makes a new local version.
import * as v from 'valibot';
import { decimalIn, integerIn, text } from './fields';
import { TERMINALS_PER_GROUP_ALLOWED, type FundingRule, type PriorityWeights, type Referential, type ReferentialParams } from './referential';
import type { FieldError } from './types';

/**
 * Each parameter set in "Paramètres", once, in the order shown: its name (the form's, the messages', the spreadsheet's
 * Référentiel sheet's), its unit, how it is typed and its bounds. Typed by the référentiel's parameters: a parameter
 * cannot be left out, and adding one is adding its line here.
 */
export interface ParamSetting {
  label: string;
  /** After the field and the name in messages ("ans"); the Référentiel sheet's unit unless `sheetUnit` says otherwise. */
  unit?: string;
  /** The Référentiel sheet's unit where the form shows none ("terminaux"). */
  sheetUnit?: string;
  decimal?: boolean;
  /** Chosen among these values rather than typed. */
  choices?: readonly number[];
  /** The parameter may be left empty: what that means, in the form and in the spreadsheet. */
  whenEmpty?: { form: string; sheet: string };
  check: v.GenericSchema;
}

export const PARAM_SETTINGS: Readonly<Record<keyof ReferentialParams, ParamSetting>> = {
  maxAgeYears: { label: "Âge maximal d'un ordinateur ou d'une flotte mobile", unit: 'ans', check: integerIn(1, 30) },
  displayMaxAgeYears: { label: "Âge maximal d'un affichage collectif", unit: 'ans', check: integerIn(1, 30) },
  minRamGb: { label: "Mémoire vive minimale d'un ordinateur", unit: 'Go', decimal: true, check: decimalIn(1, 256) },
  terminalsPerGroup: {
    label: 'Terminaux mobiles par groupe de classes',
    sheetUnit: 'terminaux',
    choices: TERMINALS_PER_GROUP_ALLOWED,
    check: v.picklist(TERMINALS_PER_GROUP_ALLOWED, 'choisissez 10, 12 ou 15'),
  },
  classesPerGroup: { label: 'Classes par groupe', sheetUnit: 'classes', check: integerIn(1, 30) },
  minDownloadMbps: {
    label: 'Débit descendant minimal',
    unit: 'Mb/s',
    decimal: true,
    whenEmpty: { form: 'non évalué', sheet: "non fixé : la règle E04 n'est pas évaluée" },
    check: v.nullable(decimalIn(0, 100_000)),
  },
};

export const PARAM_KEYS = Object.keys(PARAM_SETTINGS) as Array<keyof ReferentialParams>;

/** The priority scale's weights (pilotage.md) as "Paramètres" shows them, in this order: name, unit, bounds. */
export const PRIORITY_WEIGHT_SETTINGS: Readonly<Record<keyof PriorityWeights, { label: string; unit: string; check: v.GenericSchema }>> = {
  repPlus: { label: 'École en REP+', unit: 'points', check: decimalIn(0, 100) },
  rep: { label: 'École en REP', unit: 'points', check: decimalIn(0, 100) },
  ips: { label: 'IPS le plus bas : points', unit: 'points', check: decimalIn(0, 100) },
  ipsHigh: { label: 'IPS à partir duquel il ne compte plus', unit: 'IPS', check: decimalIn(0, 200) },
  ipsSpan: { label: "Écart d'IPS jusqu'au maximum de points", unit: 'IPS', check: decimalIn(1, 200) },
  ipsUnknown: { label: 'IPS inconnu', unit: 'points', check: decimalIn(0, 100) },
  share: { label: 'Toutes les classes auditées hors socle', unit: 'points', check: decimalIn(0, 100) },
  perFailingRule: { label: "Par règle requise de l'école non tenue", unit: 'points', check: decimalIn(0, 100) },
  failingRulesMax: { label: "Règles de l'école non tenues, au plus", unit: 'points', check: decimalIn(0, 100) },
};

export const PRIORITY_WEIGHT_KEYS = Object.keys(PRIORITY_WEIGHT_SETTINGS) as Array<keyof PriorityWeights>;

/**
 * The funding rule (domain.md): not edited in "Paramètres", but published by the Département with the rest. Shares are
 * fractions (0.7), shown as percentages in the spreadsheet.
 */
export const FUNDING_SETTINGS: Readonly<Record<keyof FundingRule, { label: string; unit: '€ HT' | '%'; check: v.GenericSchema }>> = {
  equipmentThresholdHt: { label: "Seuil des dépenses d'équipement d'une collectivité", unit: '€ HT', check: decimalIn(0, 100_000_000) },
  stateShareBelow: { label: "Part de l'État sous le seuil", unit: '%', check: decimalIn(0, 1) },
  stateShareAtOrAbove: { label: "Part de l'État à partir du seuil", unit: '%', check: decimalIn(0, 1) },
  resourcesShare: { label: "Part de l'État pour les ressources numériques", unit: '%', check: decimalIn(0, 1) },
};

export const FUNDING_KEYS = Object.keys(FUNDING_SETTINGS) as Array<keyof FundingRule>;

/** A setting's name in a message: "Mémoire vive minimale d'un ordinateur (Go)". */
const PARAM_LABELS: Record<string, string> = {
  ...Object.fromEntries(PARAM_KEYS.map((key) => {
    const { label, unit } = PARAM_SETTINGS[key];
    return [`params.${key}`, unit ? `${label} (${unit})` : label];
  })),
  ...Object.fromEntries(PRIORITY_WEIGHT_KEYS.map((key) => {
    const { label, unit } = PRIORITY_WEIGHT_SETTINGS[key];
    return [`priorityWeights.${key}`, `Priorité : ${label} (${unit})`];
  })),
  ...Object.fromEntries(FUNDING_KEYS.map((key) => {
    const { label, unit } = FUNDING_SETTINGS[key];
    // A share is typed as a fraction: 0,7 for 70 %.
    return [`funding.${key}`, `Financement : ${label} (${unit === '%' ? 'fraction, 0,7 pour 70 %' : unit})`];
  })),
  'targets.classes': 'Objectif : classes à équiper',
  'targets.newTeachers': 'Objectif : néo-titulaires à équiper',
  unitPriceHt: 'Prix unitaire HT (€)',
  date: 'Date du prix',
  source: 'Source du prix',
};

// The parts of a référentiel and their bounds, read by the settings form below and by the référentiel a server
// publishes (referential-schema.ts).
export const paramsSchema = v.object(Object.fromEntries(PARAM_KEYS.map((key) => [key, PARAM_SETTINGS[key].check])));
/** What a price may be, whoever sets it. */
export const priceEntries = {
  unitPriceHt: v.nullable(decimalIn(0, 1_000_000)),
  date: v.nullable(text(20)),
  source: v.nullable(text(200)),
};
// Empty: the Département has not set it ("objectif non fixé"), as a département without configuration starts.
export const targetsSchema = v.object({ classes: v.nullable(integerIn(0, 100_000)), newTeachers: v.nullable(integerIn(0, 100_000)) });
export const priorityWeightsSchema = v.object(Object.fromEntries(PRIORITY_WEIGHT_KEYS.map((key) => [key, PRIORITY_WEIGHT_SETTINGS[key].check])));
export const fundingSchema = v.object(Object.fromEntries(FUNDING_KEYS.map((key) => [key, FUNDING_SETTINGS[key].check])));

const schema = v.object({
  params: paramsSchema,
  prices: v.array(v.object({ item: v.string(), label: v.string(), ...priceEntries })),
  targets: targetsSchema,
  priorityWeights: priorityWeightsSchema,
});

export function settingLabel(path: string, referential: Pick<Referential, 'prices'>): string {
  const price = /^prices\.(\d+)\.(\w+)$/.exec(path);
  if (price) return `${PARAM_LABELS[price[2] as string] ?? price[2]} – ${referential.prices[Number(price[1])]?.label ?? ''}`;
  return PARAM_LABELS[path] ?? path;
}

export function validateReferentialSettings<T extends Pick<Referential, 'params' | 'prices' | 'targets' | 'priorityWeights'>>(input: T): FieldError[] {
  const result = v.safeParse(schema, input);
  if (result.success) return [];
  return result.issues.map((issue) => {
    const path = v.getDotPath(issue) ?? '';
    return { path, message: `${settingLabel(path, input)} : ${issue.message}.` };
  });
}
