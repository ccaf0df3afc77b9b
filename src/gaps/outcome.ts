// Small helpers to state a rule's outcome from recorded values.
import type { RuleId } from '../model/referential';
import type { Outcome, RuleResult } from './types';

export function result(rule: RuleId, outcome: Outcome, missing: string[] = []): RuleResult {
  return { rule, outcome, missing: outcome === 'unknown' ? missing : [] };
}

/** A yes/no question of the fiche: true holds, false fails, null is "non renseigné". */
export function fromAnswer(rule: RuleId, answer: boolean | null | undefined, field: string): RuleResult {
  if (answer === null || answer === undefined) return result(rule, 'unknown', [field]);
  return result(rule, answer ? 'holds' : 'fails');
}

/** Whether every one of `required` holds: false if one fails, null if one is unknown and none fails. */
export function allHold(results: readonly RuleResult[]): boolean | null {
  if (results.some((r) => r.outcome === 'fails')) return false;
  if (results.some((r) => r.outcome === 'unknown')) return null;
  return true;
}
