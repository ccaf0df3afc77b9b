// The reasons a rule gives, in the référentiel's own wording (RuleDef.reasons) filled with recorded values.
import { fillReason, ruleDef, type RuleId } from '../model/referential';
import { capitalize } from './outcome';

type Values = Readonly<Record<string, string | number>>;

/** The reason `code` of `rule` filled in, as the référentiel writes it (to be joined with others). */
export function reasonText(rule: RuleId, code: string, values?: Values): string {
  const template = ruleDef(rule).reasons[code];
  if (template === undefined) throw new Error(`référentiel: no reason ${code} for ${rule}`);
  return fillReason(template, values);
}

/** The reason `code` of `rule`, filled and opening with a capital ("VPI de 2016 : plus de 8 ans, …"). */
export function reasonOf(rule: RuleId, code: string, values?: Values): string {
  return capitalize(reasonText(rule, code, values));
}

/** Several reasons of one rule as one: "Ordinateur de 2015 : plus de 5 ans ; disque dur, pas de SSD". */
export function joinReasons(texts: readonly string[]): string {
  return capitalize(texts.join(' ; '));
}

/** 4.5 → "4,5": numbers inside French sentences. */
export function decimalText(value: number): string {
  return String(value).replace('.', ',');
}
