// French values of the spreadsheet: Oui / Non, the forms' labels instead of codes, and empty for "non renseigné".
import { roundCents } from '../gaps/needs';
import type { Need, RuleResult } from '../gaps/types';
import type { RuleDef } from '../model/referential';
import { TRAINING_THEMES } from '../model/training';
import type { Charging, Fleet, FleetType } from '../model/types';
import { parisDateTime } from './paris-time';
import type { DateValue } from './sheet';

export function yesNo(value: boolean | null | undefined): string | null {
  if (value === true) return 'Oui';
  if (value === false) return 'Non';
  return null;
}

export function labelOf<K extends string>(labels: Record<K, string>, value: K | null | undefined): string | null {
  return value === null || value === undefined ? null : labels[value];
}

/** Empty text is an empty cell. */
export function textOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** `2026-03-14` → a date cell; anything else (null, unreadable) → empty. */
export function dayCell(value: string | null | undefined): DateValue | null {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? { date: value } : null;
}

/** An ISO timestamp → a Paris date-and-time cell. */
export function timeCell(value: string | Date | null | undefined): DateValue | null {
  const wall = value ? parisDateTime(value) : null;
  return wall ? { date: wall } : null;
}

/** "C01, C04": the rules that fail (unknown ones are "non renseigné", not failures). */
export function failedRules(rules: readonly RuleResult[]): string | null {
  const failed = rules.filter((r) => r.outcome === 'fails').map((r) => r.rule);
  return failed.length > 0 ? failed.join(', ') : null;
}

/** "1 × Ordinateur de classe ; 2 × Borne Wi-Fi". */
export function needsText(needs: readonly Need[]): string | null {
  return needs.length > 0 ? needs.map((n) => `${n.quantity} × ${n.label}`).join(' ; ') : null;
}

const TRAINING_LABELS = new Map(
  TRAINING_THEMES.flatMap((theme) => [[theme.id, theme.label] as const, ...theme.subThemes.map((s) => [s.id, s.label] as const)]),
);

export function trainingText(ids: readonly string[] | undefined): string | null {
  if (!ids || ids.length === 0) return null;
  return ids.map((id) => TRAINING_LABELS.get(id) ?? id).join(' ; ');
}

/** Money to the cent, as every amount of the spreadsheet is shown; null stays "non chiffré". */
export function cents(amount: number | null | undefined): number | null {
  return amount === null || amount === undefined ? null : roundCents(amount);
}

/** An estimate shown to the euro (the State's share). */
export const wholeEuros = (amount: number): number => Math.round(amount);

/** "Affichage collectif – VPI de 2016 : plus de 8 ans, ne compte plus pour le socle": the rule's short name and
 * why it fails. */
export function motif(rules: readonly RuleDef[], need: Need): string {
  const short = rules.find((r) => r.id === need.rule)?.short ?? need.rule;
  return need.reason ? `${short} – ${need.reason}` : short;
}

/** Singular and plural of a fleet's devices, and the agreement of "fonctionnel" with them. */
const FLEET_NOUNS: Record<FleetType, readonly [one: string, many: string, working: string]> = {
  tablet: ['tablette', 'tablettes', 'fonctionnelle'],
  laptop: ['portable', 'portables', 'fonctionnel'],
  hybrid: ['hybride', 'hybrides', 'fonctionnel'],
};

const CHARGING_TEXT: Record<Charging, string> = { cart: 'chariot', case: 'valise', none: 'sans chariot ni valise' };

const plural = (n: number, one: string, many: string) => `${n} ${n >= 2 ? many : one}`;

/** "12 tablettes (10 fonctionnelles, 2021, chariot, MDM)": what is not recorded is left out. */
export function fleetText(fleet: Fleet): string {
  const [one, many, working] = FLEET_NOUNS[fleet.type];
  const details = [plural(fleet.workingCount, working, `${working}s`)];
  if (fleet.year !== null) details.push(String(fleet.year));
  if (fleet.charging !== null) details.push(CHARGING_TEXT[fleet.charging]);
  if (fleet.mdm !== null) details.push(fleet.mdm ? 'MDM' : 'sans MDM');
  return `${plural(fleet.count, one, many)} (${details.join(', ')})`;
}

/** Every fleet of a school in one cell, separated by " ; ". */
export function fleetsText(fleets: readonly Fleet[] | undefined): string | null {
  return fleets && fleets.length > 0 ? fleets.map(fleetText).join(' ; ') : null;
}
