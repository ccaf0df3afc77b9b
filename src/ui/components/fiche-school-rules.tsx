// The printed fiche's school rules, by their short names: each one's level and outcome, with why it fails or what
// is not recorded.
import { ruleDef, SEVERITY_LABELS } from '../../model/referential';
import type { RuleResult } from '../../gaps/types';
import { OUTCOME_LABELS } from '../format';
import { TableRegion } from './table-region';

function resultText(r: RuleResult): string {
  // A rule not evaluated lacks a threshold: the app's reason says where to set it, which means nothing on paper.
  if (r.outcome === 'not-evaluated') return `${OUTCOME_LABELS[r.outcome]} : aucun seuil fixé pour cette règle`;
  const detail = r.reason ?? (r.missing.length > 0 ? `à renseigner : ${r.missing.join(', ')}` : null);
  return detail ? `${OUTCOME_LABELS[r.outcome]} : ${detail}` : OUTCOME_LABELS[r.outcome];
}

export function FicheSchoolRules({ rules }: { rules: readonly RuleResult[] }) {
  return (
    <TableRegion labelledBy="fiche-regles">
      <table class="fiche-table fiche-rules">
        <thead>
          <tr><th scope="col">Règle</th><th scope="col">Critère</th><th scope="col">Niveau</th><th scope="col">Résultat</th></tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.rule}>
              <th scope="row">{r.rule}</th>
              <td>{ruleDef(r.rule).short}</td>
              <td>{SEVERITY_LABELS[ruleDef(r.rule).severity]}</td>
              <td>{resultText(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
