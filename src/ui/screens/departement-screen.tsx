// The département's figures: progress towards the plan's targets (pilotage.md, "Progress figures"), the export,
// and the gaps grouped four ways.
import { gapReport } from '../../state/gaps';
import type { Aggregate, DepartementReport } from '../../gaps/types';
import { costText, euros, integer } from '../format';
import { AggregateTable } from '../components/aggregate-table';
import { TargetProgress } from '../components/target-progress';
import { SpreadsheetExport } from '../components/spreadsheet-export';
import type { AuditDb } from '../../storage/db';

type Grouping = keyof Omit<DepartementReport, 'total' | 'targets'>;

const GROUPS: ReadonlyArray<readonly [Grouping, string, string]> = [
  ['byChefDeFile', 'Par chef de file', 'Chef de file'],
  ['byCirconscription', 'Par circonscription', 'Circonscription'],
  ['byCommune', 'Par commune', 'Commune'],
  ['byEducationPrioritaire', 'Par éducation prioritaire', 'Éducation prioritaire'],
];

function Progress({ total, targets }: { total: Aggregate; targets: DepartementReport['targets'] }) {
  const toAudit = total.schools - total.schoolsInProgress - total.schoolsAudited;
  return (
    <section aria-labelledby="titre-avancement">
      <h2 id="titre-avancement">Avancement</h2>
      <p>
        Objectif du plan : {integer(targets.classes)} classes à équiper, c'est-à-dire à amener au socle numérique de base, et{' '}
        {integer(targets.newTeachers)} néo-titulaires à équiper.
      </p>
      <TargetProgress id="objectif-classes-a-equiper" label="Classes à équiper recensées" value={total.classesToEquip} target={targets.classes}
        detail="Classes auditées qui n'atteignent pas le socle." />
      <TargetProgress id="objectif-classes-au-socle" label="Classes au socle" value={total.classesMeeting} target={targets.classes}
        detail="Classes auditées qui l'atteignent, avant le plan ou grâce à lui." />
      <p>
        Classes auditées : {integer(total.classesAudited)}. Classes à compléter (socle pas encore établi) : {integer(total.classesUnknown)}.
      </p>
      <TargetProgress id="objectif-neo" label="Néo-titulaires recensés" value={total.newTeachers} target={targets.newTeachers} unit="à équiper" />
      <TargetProgress id="avancement-ecoles" label="Écoles terminées" value={total.schoolsAudited} target={total.schools}
        detail={`En cours : ${integer(total.schoolsInProgress)} ; à auditer : ${integer(toAudit)}.`} />
    </section>
  );
}

export function DepartementScreen({ db }: { db: AuditDb }) {
  const report = gapReport.value;
  if (!report) return <main id="contenu" aria-busy="true"><h1>Département</h1><p>Calcul en cours…</p></main>;
  const { total, targets } = report.departement;
  return (
    <main id="contenu" class="wide">
      <h1>Département : écart au socle numérique</h1>
      <p>
        Fiches de cet appareil pour la campagne en cours, référentiel {report.referentialVersion}. Besoin estimé :{' '}
        {costText(total.costHt, total.unpricedItems)} ; part de l'État estimée : {euros(total.stateShareHt)}.
      </p>
      <Progress total={total} targets={targets} />
      <SpreadsheetExport db={db} />
      {GROUPS.map(([key, caption, header]) => (
        <AggregateTable key={key} id={`table-${key}`} caption={caption} header={header} rows={report.departement[key]} total={total} />
      ))}
    </main>
  );
}
