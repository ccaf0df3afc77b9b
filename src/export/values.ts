// French values of the spreadsheet: Oui / Non, the forms' labels instead of codes, and empty for "non renseigné".
import type { Need, RuleResult } from '../gaps/types';
import { TRAINING_THEMES } from '../model/training';
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

/** Classroom labels sort as people read them: "CE1" before "CE2", "Classe 2" before "Classe 10". */
export const byLabel = (a: string, b: string): number => a.localeCompare(b, 'fr', { numeric: true, sensitivity: 'base' });
