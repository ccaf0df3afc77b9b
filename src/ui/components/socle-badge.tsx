// The classroom's gap to the socle, live while the form is typed (screens/classroom-socle.tsx previews it): the
// verdict, why (in the référentiel's words, with what was recorded), what is still to record, and what to buy.
import { ruleDef, SEVERITY_FAILING, type Severity } from '../../model/referential';
import type { ClassroomGap, RuleResult } from '../../gaps/types';
import { costText } from '../format';
import { NeedsText } from './needs-text';

/** The severities a classroom's badge lists, in this order; "hors socle" rules (the visualiseur) are not listed. */
const LISTED: readonly Severity[] = ['required', 'warning'];

export const VERDICTS = { true: 'Au socle', false: 'Pas au socle', null: 'Socle : à compléter' } as const;

function FailingRules({ failing, severity }: { failing: readonly RuleResult[]; severity: Severity }) {
  const own = failing.filter((r) => ruleDef(r.rule).severity === severity);
  if (own.length === 0) return null;
  return (
    <div class="socle-group">
      <p class="socle-group-title">{SEVERITY_FAILING[severity]} :</p>
      <ul class="socle-list">
        {own.map((r) => (
          <li key={r.rule}>
            <strong>{ruleDef(r.rule).short}</strong> : {r.reason}.
          </li>
        ))}
      </ul>
    </div>
  );
}

/** `referentialVersion`: the référentiel in force, named under the verdict. */
export function SocleBadge({ gap, referentialVersion }: { gap: ClassroomGap | undefined; referentialVersion: string }) {
  if (!gap) return null;
  const failing = gap.rules.filter((r) => r.outcome === 'fails');
  const missing = [...new Set(gap.rules.filter((r) => r.outcome === 'unknown' && ruleDef(r.rule).severity !== 'outside').flatMap((r) => r.missing))];
  return (
    <section class={`socle-badge socle-${String(gap.meetsSocle)}`} aria-labelledby="socle-classe">
      <h2 id="socle-classe" class="socle-verdict" aria-live="polite">
        {VERDICTS[String(gap.meetsSocle) as keyof typeof VERDICTS]}
      </h2>
      {LISTED.map((severity) => <FailingRules key={severity} failing={failing} severity={severity} />)}
      {missing.length > 0 && <p class="socle-unknown">Reste à renseigner : {missing.join(', ')}.</p>}
      {gap.needs.length > 0 && (
        <p class="socle-needs">
          À prévoir : <NeedsText needs={gap.needs} />. Besoin estimé : {costText(gap.costHt, gap.unpricedItems)}.
        </p>
      )}
      <p class="socle-version">Référentiel {referentialVersion}</p>
    </section>
  );
}
