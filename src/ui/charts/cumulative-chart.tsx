// The equipment plan's spending as it grows (pilotage.md, "Equipment plan"): a step for each school funded, in the
// order the plan walks them, and one for the néo-titulaires' kits (first or last, as the plan funds them), against
// the budget drawn as a dashed line. Coordinates are percentages of the drawing and text is in CSS pixels, so the
// drawing fills any width while its words keep their size (a viewBox would shrink them to nothing at 360 px).
import type { LabelledPlan } from '../../gaps/pilotage';
import { euros, integer } from '../format';
import { count } from '../plural';
import { ChartFigure } from './chart-figure';

export interface CumulativeStep {
  key: string;
  label: string;
  costHt: number;
  /** The plan's spending once this step is funded, HT. */
  cumulativeHt: number;
}

/** The plan's funded steps in order; the last one's cumulative amount is the plan's total. */
export function cumulativeSteps(plan: LabelledPlan): CumulativeStep[] {
  const schools = plan.lines
    .filter((l) => l.status === 'funded')
    .map((l) => ({ key: l.uai, label: l.name, costHt: l.costHt, cumulativeHt: l.cumulativeHt ?? 0 }));
  if (plan.kits.funded === 0) return schools;
  const label = `Kits de ${count(plan.kits.funded, 'néo-titulaire')}`;
  return plan.kits.first
    ? [{ key: 'kits', label, costHt: plan.kits.costHt, cumulativeHt: plan.kits.costHt }, ...schools]
    : [...schools, { key: 'kits', label, costHt: plan.kits.costHt, cumulativeHt: plan.totalHt }];
}

// The plot's top and bottom, in % of the drawing's height: room above for two lines (the budget's and the total's
// labels, when the plan spends nearly all its budget), below for the axis'.
const TOP_PCT = 20;
const BOTTOM_PCT = 86;
const pct = (n: number) => `${n.toFixed(3)}%`;

function Drawing({ steps, budgetHt }: { steps: readonly CumulativeStep[]; budgetHt: number }) {
  const total = steps.at(-1)?.cumulativeHt ?? 0;
  const top = Math.max(budgetHt, total) || 1;
  const y = (ht: number) => pct(BOTTOM_PCT - ((BOTTOM_PCT - TOP_PCT) * ht) / top);
  const x = (i: number) => pct((100 * i) / steps.length);
  const nearBudget = budgetHt > 0 && (budgetHt - total) / top < 0.12;
  return (
    <svg class="chart-steps" width="100%" focusable="false">
      <line class="chart-axis" x1="0" x2="100%" y1={y(0)} y2={y(0)} />
      {budgetHt > 0 && (
        <>
          <line class="chart-budget" data-testid="budget-line" x1="0" x2="100%" y1={y(budgetHt)} y2={y(budgetHt)} />
          <text class="chart-text" x="0" y={y(budgetHt)} dy="-0.45em">Budget : {euros(budgetHt)} HT</text>
        </>
      )}
      {steps.map((step, i) => (
        <g key={step.key} data-testid="step">
          <line class="chart-step" x1={x(i)} x2={x(i)} y1={y(i === 0 ? 0 : (steps[i - 1] as CumulativeStep).cumulativeHt)} y2={y(step.cumulativeHt)} />
          <line class="chart-step" x1={x(i)} x2={x(i + 1)} y1={y(step.cumulativeHt)} y2={y(step.cumulativeHt)} />
        </g>
      ))}
      {/* Above the last step: the line never rises above it. Near the budget line, above the budget's label instead. */}
      <text class="chart-text" x="100%" y={y(nearBudget ? budgetHt : total)} dy={nearBudget ? '-1.7em' : '-0.45em'} text-anchor="end">
        Total : {euros(total)} HT
      </text>
      <text class="chart-text" x="0" y="100%" dy="-0.3em">1</text>
      <text class="chart-text" x="100%" y="100%" dy="-0.3em" text-anchor="end">{integer(steps.length)}</text>
    </svg>
  );
}

export function CumulativeChart({ plan }: { plan: LabelledPlan }) {
  const steps = cumulativeSteps(plan);
  const schools = plan.schoolsFunded;
  const caption = `${plan.label} : coût HT cumulé du plan, école après école, face au budget`;
  const order = plan.kits.funded === 0 ? '' : plan.kits.first ? ', les kits des néo-titulaires en premier' : ', puis les kits des néo-titulaires';
  const note = steps.length === 0
    ? `Aucune école financée : ${plan.budgetHt > 0 ? 'aucune ne tient dans le budget' : 'aucun budget saisi'}.`
    : `En abscisse, de 1 à ${integer(steps.length)} : les ${count(schools, 'école financée', 'écoles financées')} dans l'ordre de priorité${order}. ` +
      `Trait plein en escalier : le coût HT cumulé, ${euros(plan.totalHt)} HT à la fin. ` +
      (plan.budgetHt > 0 ? `Trait en tirets : le budget, ${euros(plan.budgetHt)} HT ; reste ${euros(plan.leftHt)} HT.` : 'Aucun budget saisi.');
  return (
    <ChartFigure
      caption={caption}
      note={note}
      table={
        <>
          <thead>
            <tr>
              <th scope="col">Financé, dans l'ordre</th>
              <th scope="col" class="number">Coût HT</th>
              <th scope="col" class="number">Coût HT cumulé</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s, i) => (
              <tr key={s.key}>
                <th scope="row">{integer(i + 1)}. {s.label}</th>
                <td class="number">{euros(s.costHt)}</td>
                <td class="number">{euros(s.cumulativeHt)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Budget</th>
              <td />
              <td class="number">{euros(plan.budgetHt)}</td>
            </tr>
          </tfoot>
        </>
      }
    >
      {steps.length > 0 && <Drawing steps={steps} budgetHt={plan.budgetHt} />}
    </ChartFigure>
  );
}
