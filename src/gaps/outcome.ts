// Small helpers to state a rule's outcome from recorded values.
import type { RuleId } from '../model/referential';
import type { Outcome, RuleResult } from './types';

const NOTHING_MISSING: readonly string[] = Object.freeze([]);

// Results are shared (and frozen): the engine makes tens of thousands of them, from a few distinct ones. They are
// found through nested maps keyed by what tells them apart (an outcome, then the reason or the one missing field,
// then the rule): no key string is built and hashed per call, and the reason and field strings, themselves shared,
// keep their hash. Bounded, though the bound is never reached in practice.
type ByRule = Map<RuleId, RuleResult>;
const plain = new Map<Outcome, ByRule>();
const detailed = new Map<Outcome, Map<string, ByRule>>();
let detailedSize = 0;
const MAX_SHARED = 20_000;

function sharedResult(byRule: ByRule, rule: RuleId, make: () => RuleResult): RuleResult {
  let found = byRule.get(rule);
  if (!found) byRule.set(rule, (found = Object.freeze(make())));
  return found;
}

function byRuleFor<K>(map: Map<K, ByRule>, key: K): ByRule {
  let byRule = map.get(key);
  if (!byRule) map.set(key, (byRule = new Map()));
  return byRule;
}

export function result(rule: RuleId, outcome: Outcome, missing: readonly string[] = NOTHING_MISSING, reason: string | null = null): RuleResult {
  if (reason === null && outcome === 'unknown' && missing.length > 1) return { rule, outcome, missing, reason };
  const detail = reason ?? (outcome === 'unknown' ? missing[0] : undefined);
  if (detail === undefined) return sharedResult(byRuleFor(plain, outcome), rule, () => ({ rule, outcome, missing: NOTHING_MISSING, reason: null }));
  let byDetail = detailed.get(outcome);
  if (!byDetail) detailed.set(outcome, (byDetail = new Map()));
  let byRule = byDetail.get(detail);
  if (!byRule) {
    if (++detailedSize > MAX_SHARED) [detailedSize, byDetail] = [0, new Map()];
    detailed.set(outcome, byDetail);
    byDetail.set(detail, (byRule = new Map()));
  }
  return sharedResult(byRule, rule, () => ({ rule, outcome, missing: reason === null ? Object.freeze([...missing]) : NOTHING_MISSING, reason }));
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

