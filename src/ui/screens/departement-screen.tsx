// The département's figures: progress towards the plan's targets (pilotage.md, "Progress figures"), its charts, the
// export, and the gaps grouped four ways.
import { signal } from '@preact/signals';
import { gapSummary } from '../../state/gaps';
import type { Aggregate, DepartementReport } from '../../gaps/types';
import { costText, euros, integer } from '../format';
import { count } from '../plural';
import { AggregateTable, shownRows } from '../components/aggregate-table';
import { TargetProgress } from '../components/target-progress';
import { SpreadsheetExport } from './spreadsheet-export';
import { DepartementCharts } from './departement-charts';
import { DepartementNav } from './departement-nav';

type Grouping = keyof Omit<DepartementReport, 'total' | 'targets'>;

const GROUPS: ReadonlyArray<readonly [Grouping, string, string]> = [
  ['byChefDeFile', 'Par chef de file', 'Chef de file'],
  ['byCirconscription', 'Par circonscription', 'Circonscription'],
  ['byCommune', 'Par commune', 'Commune'],
  ['byEducationPrioritaire', 'Par éducation prioritaire', 'Éducation prioritaire'],
];

/**
 * On by default: a device's directory lists every school of the département while it holds the fiches of the few its
 * user visited, so the rows that say something would drown among tens of rows of zeros. Each table says how many
 * rows it hides, and the totals count every school. Kept while the app is open.
 */
export const hideEmptyRows = signal(true);

/** "Classes saisies : 4, dont 3 auditées. Socle pas encore établi (à compléter) : 1." */
function classesRecordedText(total: Aggregate): string {
  // Every classroom fiche has one verdict: au socle, à équiper or still open; untouched ones are not audited.
  const recorded = total.classesMeeting + total.classesToEquip + total.classesUnknown;
  if (recorded === 0) return 'Classes saisies : 0.';
  const audited = recorded > 1 && total.classesAudited === recorded ? 'toutes auditées' : `dont ${count(total.classesAudited, 'auditée')}`;
  return `Classes saisies : ${integer(recorded)}, ${audited}. Socle pas encore établi (à compléter) : ${integer(total.classesUnknown)}.`;
}

/** "Objectif du plan : amener 2 700 classes … et équiper 1 000 néo-titulaires.", or which target is not set. */
function targetsText({ classes, newTeachers }: DepartementReport['targets']): string {
  const bring = classes === null ? null : `amener ${integer(classes)} classes au socle numérique de base (les classes à équiper)`;
  const equip = newTeachers === null ? null : `équiper ${integer(newTeachers)} néo-titulaires`;
  if (bring && equip) return `Objectif du plan : ${bring} et ${equip}.`;
  if (bring) return `Objectif du plan : ${bring} ; néo-titulaires à équiper : objectif non fixé.`;
  if (equip) return `Objectif du plan : ${equip} ; classes à équiper : objectif non fixé.`;
  return "Objectifs du plan non fixés (classes à équiper, néo-titulaires à équiper) : le Département les fixe dans le référentiel qu'il publie.";
}

function Progress({ total, targets }: { total: Aggregate; targets: DepartementReport['targets'] }) {
  const toAudit = total.schools - total.schoolsInProgress - total.schoolsAudited;
  return (
    <section aria-labelledby="titre-avancement">
      <h2 id="titre-avancement">Avancement</h2>
      <p>
        {targetsText(targets)} Les chiffres ci-dessous comptent ce que disent les audits présents sur cet
        appareil, pas les équipements livrés.
      </p>
      <TargetProgress id="objectif-classes-a-equiper" label="Classes à équiper trouvées par les audits" value={total.classesToEquip} target={targets.classes}
        detail="Classes auditées qui n'atteignent pas le socle : celles que le plan doit y amener." />
      <TargetProgress id="objectif-classes-au-socle" label="Classes au socle" value={total.classesMeeting} target={targets.classes}
        detail="Classes auditées qui atteignent le socle, grâce au plan ou déjà avant lui : celles qui l'atteignaient avant ne sont pas dans l'objectif." />
      <p>{classesRecordedText(total)}</p>
      <TargetProgress id="objectif-neo" label="Néo-titulaires recensés" value={total.newTeachers} target={targets.newTeachers} unit="à équiper"
        detail="Néo-titulaires inscrits sur les fiches des écoles." />
      <TargetProgress id="avancement-ecoles" label="Écoles dont l'audit est terminé" value={total.schoolsAudited} target={total.schools}
        detail={`En cours : ${integer(total.schoolsInProgress)} (classes saisies, fiche de l'école absente ou en brouillon) ; à auditer : ${integer(toAudit)} (aucune fiche).`} />
    </section>
  );
}

function Tables({ report }: { report: DepartementReport }) {
  const hide = hideEmptyRows.value;
  const hidden = GROUPS.reduce((sum, [key]) => sum + report[key].length - shownRows(report[key], hide).length, 0);
  return (
    <section aria-labelledby="titre-chiffres">
      <h2 id="titre-chiffres">Chiffres détaillés</h2>
      <p class="row-filter">
        <label class="checkbox">
          <input type="checkbox" checked={hide} aria-describedby="lignes-vides" onChange={(e) => (hideEmptyRows.value = e.currentTarget.checked)} />
          <span>Masquer les lignes vides</span>
        </label>
      </p>
      <p id="lignes-vides" class="hint">
        Une ligne est vide quand aucune de ses écoles n'a encore de fiche ; ses écoles restent comptées dans le total.{' '}
        <span role="status">{hide ? `${count(hidden, 'ligne masquée', 'lignes masquées')} en tout.` : 'Toutes les lignes sont affichées.'}</span>
      </p>
      {GROUPS.map(([key, caption, header]) => (
        <AggregateTable key={key} id={`table-${key}`} caption={caption} header={header} rows={report[key]} total={report.total} hideEmpty={hide} />
      ))}
    </section>
  );
}

export function DepartementScreen() {
  const report = gapSummary.value;
  if (!report) return <main id="contenu" aria-busy="true"><DepartementNav current="departement" /><h1>Département</h1><p>Calcul en cours…</p></main>;
  const { total, targets } = report.departement;
  return (
    <main id="contenu" class="wide">
      <DepartementNav current="departement" />
      <h1>Département : écart au socle numérique</h1>
      <p>
        Fiches présentes sur cet appareil (saisies ici ou reçues du serveur) pour la campagne en cours, référentiel {report.referentialVersion}. Besoin estimé :{' '}
        {costText(total.costHt, total.unpricedItems)} ; part de l'État estimée : {euros(total.stateShareHt)}.
      </p>
      <Progress total={total} targets={targets} />
      <DepartementCharts report={report.departement} hideEmpty={hideEmptyRows} />
      <SpreadsheetExport />
      <Tables report={report.departement} />
    </main>
  );
}
