// Which rules a référentiel asks for, in its order, and which of them a classroom or a school must hold to meet the
// socle: read from the référentiel's data (scope and severity), never from a list in the code. Made once per
// référentiel: the engine runs over thousands of classrooms.
import type { ClassroomRuleId, Referential, RuleDef, RuleId, SchoolRuleId } from '../model/referential';

export interface RulePlan {
  classroom: readonly (RuleDef & { id: ClassroomRuleId })[];
  school: readonly (RuleDef & { id: SchoolRuleId })[];
  /** The rules whose failure keeps a classroom or a school from the socle ("requis"). */
  required: ReadonlySet<RuleId>;
}

const plans = new WeakMap<Referential, RulePlan>();

export function rulePlan(referential: Referential): RulePlan {
  let plan = plans.get(referential);
  if (!plan) {
    plan = {
      classroom: referential.rules.filter((r): r is RuleDef & { id: ClassroomRuleId } => r.scope === 'classroom'),
      school: referential.rules.filter((r): r is RuleDef & { id: SchoolRuleId } => r.scope === 'school'),
      required: new Set(referential.rules.filter((r) => r.severity === 'required').map((r) => r.id)),
    };
    plans.set(referential, plan);
  }
  return plan;
}

/** An evaluation missing for a rule of the référentiel is a programming error, said at once. */
export function missingEvaluation(referential: Referential, rule: RuleId): Error {
  return new Error(`référentiel ${referential.version}: no evaluation for rule ${rule}`);
}
