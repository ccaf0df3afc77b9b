// The Département screen's charts (pilotage.md, "Progress figures"): where the audits stand per chef de file and per
// circonscription, the needs by article and the priority list's first 20 schools. The last two are asked of the gaps
// worker while the screen is open, and follow every change of the gaps.
import { useEffect } from 'preact/hooks';
import type { Signal } from '@preact/signals';
import type { Aggregate, DepartementReport } from '../../gaps/types';
import { articleNeeds, priorityList, usePilotage } from '../../state/pilotage';
import { routeHash } from '../../state/route';
import { shownRows } from '../components/aggregate-table';
import { BarChart, PriorityBars, ProgressBars, type ProgressRow } from '../charts';
import { count } from '../plural';

const TOP_PRIORITIES = 20;

const schoolsDone = (a: Aggregate): ProgressRow => ({ key: a.key, label: a.label, value: a.schoolsAudited, total: a.schools });
const classesAtSocle = (a: Aggregate): ProgressRow => ({ key: a.key, label: a.label, value: a.classesMeeting, total: a.classesAudited });

const SCHOOLS_HEADERS = { value: 'Écoles terminées', total: 'Écoles' };

function Audits({ report, hideEmpty }: { report: DepartementReport; hideEmpty: boolean }) {
  const circonscriptions = shownRows(report.byCirconscription, hideEmpty);
  const hidden = report.byCirconscription.length - circonscriptions.length;
  return (
    <>
      <ProgressBars caption="Écoles dont l'audit est terminé, par chef de file" headers={{ group: 'Chef de file', ...SCHOOLS_HEADERS }}
        rows={report.byChefDeFile.map(schoolsDone)} />
      <ProgressBars caption="Classes au socle parmi les classes auditées, par chef de file" headers={{ group: 'Chef de file', value: 'Classes au socle', total: 'Classes auditées' }}
        rows={report.byChefDeFile.map(classesAtSocle)} />
      <ProgressBars caption="Écoles dont l'audit est terminé, par circonscription" headers={{ group: 'Circonscription', ...SCHOOLS_HEADERS }}
        rows={circonscriptions.map(schoolsDone)}
        note={hidden > 0 ? `${count(hidden, 'circonscription', 'circonscriptions')} sans aucune fiche sur cet appareil ${hidden > 1 ? 'ne sont pas montrées' : "n'est pas montrée"} (case « Masquer les lignes vides » plus bas).` : undefined} />
    </>
  );
}

function Articles() {
  const needs = articleNeeds.value;
  if (!needs) return <p>Besoins par article : calcul en cours…</p>;
  if (needs.articles.length === 0) return <p>Besoins par article : aucun besoin recensé.</p>;
  return (
    <BarChart caption="Besoins du département par article : montant HT" header="Article"
      rows={needs.articles.map((a) => ({ key: a.item, label: a.label, quantity: a.quantity, amountHt: a.amountHt }))} />
  );
}

function Priorities() {
  const list = priorityList.value;
  return (
    <>
      {!list ? <p>Priorités : calcul en cours…</p>
        : list.rows.length === 0 ? <p>Aucune école à équiper : aucune classe auditée n'est hors socle et chaque école tient ses règles.</p>
        : <PriorityBars rows={list.rows} limit={TOP_PRIORITIES} />}
      <p class="chart-link"><a href={routeHash({ screen: 'priorites' })}>Voir toutes les priorités</a></p>
    </>
  );
}

export function DepartementCharts({ report, hideEmpty }: { report: DepartementReport; hideEmpty: Signal<boolean> }) {
  useEffect(() => usePilotage('articles', 'priorities'), []);
  return (
    <section class="charts" aria-labelledby="titre-graphiques">
      <h2 id="titre-graphiques">En graphiques</h2>
      <Audits report={report} hideEmpty={hideEmpty.value} />
      <Articles />
      <Priorities />
    </section>
  );
}
