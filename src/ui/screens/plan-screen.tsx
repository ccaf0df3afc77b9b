// "Plan d'équipement" (pilotage.md, "Equipment plan"): a simulation, never a commitment. A budget per chef de file
// and two switches, kept on this device; the plan is computed again at each keystroke, and its key totals are
// announced once typing pauses. Printed on A4 landscape (plan-screen.css).
import { useEffect, useState } from 'preact/hooks';
import { planReport, planSettings, setBudget, setPlanOption, usePilotage } from '../../state/pilotage';
import { referential } from '../../state/referential';
import { isSimulationVersion, SIMULATION_NOTE } from '../../model/referential-version';
import type { LabelledPlan } from '../../gaps/pilotage';
import type { PlanOptions } from '../../gaps/plan';
import { euros, integer } from '../format';
import { count } from '../plural';
import { NumberField } from '../components/number-field';
import { ChefDeFilePlanSection, printingPlan } from './plan-chef-de-file';
import { exportPlan, planExportMessage, planExportState } from '../../state/plan-export';
import './plan-screen.css';
import { DepartementNav } from './departement-nav';

/** How long typing must pause before the totals are announced. */
export const SUMMARY_DELAY_MS = 700;

const OPTION_LABELS: ReadonlyArray<readonly [keyof PlanOptions, string]> = [
  ['computerUpgrades', 'Inclure la modernisation des ordinateurs (C03)'],
  ['newTeachersFirst', 'Équiper les néo-titulaires avant les écoles'],
];

/** "Ville de Poitiers : 12 écoles financées, 34 classes amenées au socle, 298 400 € HT, reste 1 600 €." */
export function summaryText(plans: readonly LabelledPlan[]): string {
  return plans
    .map((p) => `${p.label} : ${count(p.schoolsFunded, 'école financée', 'écoles financées')}, ${count(p.classesBroughtToSocle, 'classe amenée', 'classes amenées')} au socle, ${euros(p.totalHt)} HT, reste ${euros(p.leftHt)}.`)
    .join(' ');
}

function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

/** Every folded list is printed whole (see FoldedLines). */
function usePrintOpensDetails(): void {
  useEffect(() => {
    const before = () => void (printingPlan.value = true);
    const after = () => void (printingPlan.value = false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      printingPlan.value = false;
    };
  }, []);
}

/** The switches apply to every chef de file's plan. */
const plansLegend = (plans: number) => (plans === 1 ? 'Pour le plan' : plans === 2 ? 'Pour les deux plans' : `Pour les ${plans} plans`);

function Settings() {
  const { budgetsHt, options } = planSettings.value;
  return (
    <section aria-labelledby="titre-reglages">
      <h2 id="titre-reglages">Budgets et choix de la simulation</h2>
      <p class="plan-screen-only">Gardés sur cet appareil ; le plan est recalculé à chaque chiffre saisi.</p>
      <div class="plan-budgets">
        {referential.value.territory.chefsDeFile.map(({ id, labelWithArticle }) => (
          <NumberField key={id} id={`budget-${id}`} label={`Budget HT ${labelWithArticle}`} unit="€" hint="Dépense brute, part de l'État comprise."
            value={budgetsHt[id] ?? null} onChange={(value) => setBudget(id, value)} />
        ))}
      </div>
      <fieldset class="field checkboxes">
        <legend>{plansLegend(referential.value.territory.chefsDeFile.length)}</legend>
        {OPTION_LABELS.map(([option, label]) => (
          <label key={option} class="checkbox">
            <input type="checkbox" checked={options[option]} onChange={(e) => setPlanOption(option, e.currentTarget.checked)} />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
      <p class="plan-print-only">
        Choix : modernisation des ordinateurs (C03) {options.computerUpgrades ? 'incluse' : 'non incluse'} ; néo-titulaires équipés{' '}
        {options.newTeachersFirst ? 'avant' : 'après'} les écoles.
      </p>
    </section>
  );
}

/** Export of the plan as it is on screen (one sheet per chef de file), and its print. */
function PlanActions() {
  const state = planExportState.value;
  const message = planExportMessage(state);
  return (
    <>
      <div class="actions">
        <button type="button" class="button" aria-disabled={state.status === 'running'} onClick={() => state.status !== 'running' && void exportPlan()}>
          {state.status === 'running' ? 'Export du plan en cours…' : 'Exporter le plan (XLSX)'}
        </button>
        <button type="button" class="button secondary" onClick={() => window.print()}>Imprimer le plan</button>
      </div>
      <p role="status" class={state.status === 'failed' ? 'field-error' : undefined}>{message}</p>
    </>
  );
}

export function PlanScreen() {
  useEffect(() => usePilotage('plan'), []);
  usePrintOpensDetails();
  const report = planReport.value;
  const summary = report ? summaryText(report.plans) : '';
  const announced = useSettled(summary, SUMMARY_DELAY_MS);
  if (!report) return <main id="contenu" aria-busy="true"><DepartementNav current="plan" /><h1>Plan d'équipement</h1><p>Calcul en cours…</p></main>;
  const ranked = report.plans.reduce((sum, p) => sum + p.lines.length, 0);
  return (
    <main id="contenu" class="wide plan-screen">
      <DepartementNav current="plan" />
      <h1>Plan d'équipement</h1>
      <p class="plan-banner">
        <strong>Simulation, pas un engagement.</strong> Le plan parcourt les écoles classées de chaque chef de file dans l'ordre de priorité et
        finance une école entière quand ses besoins chiffrés du socle tiennent dans le reste du budget ; sinon il passe à la suivante.
      </p>
      <p>Fiches présentes sur cet appareil, référentiel {report.referentialVersion} ; {count(ranked, 'école classée', 'écoles classées')}.</p>
      <Settings />
      <p class="plan-summary"><strong>En bref :</strong> {summary}</p>
      <p class="visually-hidden" aria-live="polite">{announced}</p>
      <PlanActions />
      {report.plans.map((plan) => <ChefDeFilePlanSection key={plan.key} plan={plan} funding={referential.value.funding} />)}
      <p class="plan-print-only">Imprimé le {new Date().toLocaleDateString('fr-FR')} · {integer(ranked)} écoles classées · référentiel {report.referentialVersion}
        {isSimulationVersion(report.referentialVersion) && ` (${SIMULATION_NOTE})`}.</p>
    </main>
  );
}
