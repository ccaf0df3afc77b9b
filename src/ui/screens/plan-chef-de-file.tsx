// One chef de file's equipment plan (pilotage.md, "Equipment plan"): its totals, its ranked schools walked in order
// (funded with the running total, or why not), and the articles to price before deciding.
import { signal } from '@preact/signals';
import { useState } from 'preact/hooks';
import type { LabelledPlan } from '../../gaps/pilotage';
import type { PlanLine, PlanStatus } from '../../gaps/plan';
import type { FundingRule } from '../../model/referential';
import { routeHash } from '../../state/route';
import { costText, euros, integer } from '../format';
import { count } from '../plural';
import { TableRegion } from '../components/table-region';
import { CumulativeChart } from '../charts';

/** True from "beforeprint" to "afterprint": every folded list is built and opened, to be printed whole. */
export const printingPlan = signal(false);

/** Rows shown before the rest of a long list is folded in a <details> (printed whole). */
export const PLAN_ROWS_SHOWN = 30;

export const STATUS_TEXT: Record<PlanStatus, string> = {
  funded: 'Financée',
  'does-not-fit': 'Ne tient pas dans le reste du budget',
  'nothing-priced': 'Rien de chiffré',
};

const PERCENT = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
export const rateText = (rate: number) => PERCENT.format(rate);

/** "70 % sous 200 000 € HT, 50 % à partir de ce montant, sur tout le plan", from the référentiel. */
export function fundingRuleText(funding: FundingRule): string {
  return `${rateText(funding.stateShareBelow)} sous ${euros(funding.equipmentThresholdHt)} HT, ${rateText(funding.stateShareAtOrAbove)} à partir de ce montant, appliqué à tout le plan`;
}

const settingsLink = (text: string) => <a href={routeHash({ screen: 'settings' })}>{text}</a>;

function Kits({ plan }: { plan: LabelledPlan }) {
  const { kits } = plan;
  if (kits.recorded === 0) return <>aucun néo-titulaire recensé</>;
  if (kits.unitPriceHt === null) {
    return <>non chiffré : {count(kits.recorded, 'néo-titulaire recensé', 'néo-titulaires recensés')}, aucun kit financé ({settingsLink('chiffrer le kit dans les Paramètres')})</>;
  }
  return (
    <>
      {integer(kits.funded)} financé{kits.funded > 1 ? 's' : ''} sur {count(kits.recorded, 'néo-titulaire recensé', 'néo-titulaires recensés')}, {euros(kits.costHt)} HT
      ({euros(kits.unitPriceHt)} HT le kit, {kits.first ? 'avant les écoles' : 'après les écoles'})
    </>
  );
}

function Totals({ plan, funding }: { plan: LabelledPlan; funding: FundingRule }) {
  const toEquip = plan.lines.reduce((sum, l) => sum + l.classesToEquip, 0);
  const pricedNeed = plan.lines.reduce((sum, l) => sum + l.costHt, 0);
  return (
    <dl class="plan-totals">
      <dt>Budget HT</dt>
      <dd>{euros(plan.budgetHt)}</dd>
      <dt>Besoin chiffré des écoles classées</dt>
      <dd>{euros(pricedNeed)} HT pour {count(plan.lines.length, 'école classée', 'écoles classées')}</dd>
      <dt>Écoles financées</dt>
      <dd>{integer(plan.schoolsFunded)} sur {integer(plan.lines.length)}</dd>
      <dt>Classes amenées au socle</dt>
      <dd>{integer(plan.classesBroughtToSocle)} sur {count(toEquip, 'classe à équiper', 'classes à équiper')} dans ces écoles</dd>
      <dt>Kits néo-titulaires</dt>
      <dd><Kits plan={plan} /></dd>
      <dt>Total HT</dt>
      <dd>{euros(plan.totalHt)}</dd>
      <dt>Part de l'État</dt>
      <dd>{euros(plan.stateShareHt)}, soit {rateText(plan.stateShareRate)} du total (règle : {fundingRuleText(funding)})</dd>
      <dt>Coût net pour la collectivité</dt>
      <dd>{euros(plan.netCostHt)}</dd>
      <dt>Reste du budget</dt>
      <dd>{euros(plan.leftHt)}</dd>
    </dl>
  );
}

function LinesTable({ id, lines }: { id: string; lines: readonly PlanLine[] }) {
  return (
    <TableRegion labelledBy={id}>
      <table class="plan-table" aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col" class="number">Rang</th>
            <th scope="col">École</th>
            <th scope="col">Situation</th>
            <th scope="col" class="number">Besoin retenu HT</th>
            <th scope="col" class="number">Cumul HT</th>
            <th scope="col" class="number">Classes amenées au socle</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.uai} class={`plan-${line.status}`}>
              <td class="number">{integer(line.rank)}</td>
              <th scope="row"><a href={routeHash({ screen: 'school', uai: line.uai })}>{line.name}</a> <span class="plan-commune">{line.commune}</span></th>
              <td class="plan-status">{STATUS_TEXT[line.status]}</td>
              <td class="number">{costText(line.costHt, line.unpricedItems)}</td>
              <td class="number">{line.cumulativeHt === null ? '–' : euros(line.cumulativeHt)}</td>
              <td class="number">{integer(line.classesBroughtToSocle)} sur {integer(line.classesToEquip)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/**
 * The rest of a long list, folded; its rows are built only once it is opened (hundreds of rows at each keystroke of a
 * budget otherwise). While printing it is open with its rows: a toggle event would come after the page is laid out.
 */
function FoldedLines({ id, lines, firstRank, lastRank }: { id: string; lines: readonly PlanLine[]; firstRank: number; lastRank: number }) {
  const [open, setOpen] = useState(false);
  const printing = printingPlan.value;
  const funded = lines.filter((l) => l.status === 'funded').length;
  return (
    <details class="plan-more" open={open || printing} onToggle={(e) => printing || setOpen(e.currentTarget.open)}>
      <summary id={id}>{`Écoles suivantes : rangs ${integer(firstRank)} à ${integer(lastRank)} (${count(funded, 'financée', 'financées')})`}</summary>
      {(open || printing) && <LinesTable id={id} lines={lines} />}
    </details>
  );
}

function Lines({ plan }: { plan: LabelledPlan }) {
  const id = `plan-ecoles-${plan.key}`;
  const rest = plan.lines.slice(PLAN_ROWS_SHOWN);
  return (
    <>
      <h3 id={id} class="table-title">Écoles classées, dans l'ordre de priorité du chef de file</h3>
      <p class="hint">
        Besoin retenu : les articles des règles requises du socle, et la modernisation des ordinateurs (C03) si elle est incluse ; la liste
        des priorités montre le besoin estimé entier. Une classe n'est amenée au socle que si tous ses besoins du socle ont un prix : une école financée peut
        n'en amener aucune tant que des articles restent non chiffrés.
      </p>
      <LinesTable id={id} lines={plan.lines.slice(0, PLAN_ROWS_SHOWN)} />
      {rest.length > 0 && <FoldedLines id={`${id}-suite`} lines={rest} firstRank={rest[0]?.rank ?? 0} lastRank={plan.lines.at(-1)?.rank ?? 0} />}
    </>
  );
}

function Unpriced({ plan }: { plan: LabelledPlan }) {
  const id = `plan-non-chiffre-${plan.key}`;
  if (plan.unpriced.length === 0) return null;
  return (
    <>
      <h3 id={id} class="table-title">Non chiffré : à chiffrer avant arbitrage</h3>
      <p>Ces besoins ne sont jamais financés par la simulation tant qu'ils n'ont pas de prix.</p>
      <ul aria-labelledby={id}>
        {plan.unpriced.map((a) => (
          <li key={a.item}>
            {a.label} : {integer(a.quantity)} {a.schools === null ? '(un par néo-titulaire recensé)' : `dans ${count(a.schools, 'école')}`}
          </li>
        ))}
      </ul>
      <p>{settingsLink('Chiffrer ces articles dans les Paramètres')} (rubrique Prix).</p>
    </>
  );
}

export function ChefDeFilePlanSection({ plan, funding }: { plan: LabelledPlan; funding: FundingRule }) {
  const titleId = `plan-${plan.key}`;
  return (
    <section class="plan-chef" aria-labelledby={titleId}>
      <h2 id={titleId}>{plan.label}</h2>
      <Totals plan={plan} funding={funding} />
      {plan.budgetHt > 0 && plan.lines.length > 0 && <CumulativeChart plan={plan} />}
      {plan.lines.length === 0 ? (
        <p>Aucune école de ce chef de file n'est classée : aucune classe auditée hors socle ni règle obligatoire d'école non respectée.</p>
      ) : plan.budgetHt === 0 ? (
        <p>Aucun budget saisi : rien n'est financé. Saisissez un budget pour voir les écoles financées dans l'ordre de priorité.</p>
      ) : (
        <Lines plan={plan} />
      )}
      <Unpriced plan={plan} />
    </section>
  );
}
