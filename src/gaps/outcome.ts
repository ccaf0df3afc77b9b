// Small helpers to state a rule's outcome from recorded values.
import type { RuleId } from '../model/referential';
import type { Outcome, RuleResult } from './types';

const NOTHING_MISSING: readonly string[] = Object.freeze([]);
// Results without missing fields are shared (and frozen): the engine makes tens of thousands of them.
const shared = new Map<string, RuleResult>();

export function result(rule: RuleId, outcome: Outcome, missing: readonly string[] = NOTHING_MISSING, reason: string | null = null): RuleResult {
  if (reason !== null) return { rule, outcome, missing: NOTHING_MISSING, reason };
  if (outcome === 'unknown' && missing.length > 1) return { rule, outcome, missing, reason };
  const key = outcome === 'unknown' && missing.length === 1 ? `${rule}:unknown:${missing[0]}` : `${rule}:${outcome}`;
  let found = shared.get(key);
  if (!found) {
    const kept = outcome === 'unknown' ? Object.freeze([...missing]) : NOTHING_MISSING;
    shared.set(key, (found = Object.freeze({ rule, outcome, missing: kept, reason: null })));
  }
  return found;
}

/** A yes/no question of the fiche: true holds, false fails with `reason`, null is "non renseigné". */
export function fromAnswer(rule: RuleId, answer: boolean | null | undefined, field: string, reason: string): RuleResult {
  if (answer === null || answer === undefined) return result(rule, 'unknown', [field]);
  return answer ? result(rule, 'holds') : result(rule, 'fails', NOTHING_MISSING, reason);
}

/** "non relié" → "Non relié": a reason opening a sentence or a list item. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Whether every one of `required` holds: false if one fails, null if one is unknown and none fails. */
export function allHold(results: readonly RuleResult[]): boolean | null {
  if (results.some((r) => r.outcome === 'fails')) return false;
  if (results.some((r) => r.outcome === 'unknown')) return null;
  return true;
}
