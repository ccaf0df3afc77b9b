// The département's figures: progress towards the two targets, and the gaps grouped four ways.
import { gapReport } from '../../state/gaps';
import type { Aggregate, DepartementReport } from '../../gaps/types';
import { costText, euros, integer, percent } from '../format';
import { TableRegion } from '../components/table-region';
import { SpreadsheetExport } from '../components/spreadsheet-export';
import type { AuditDb } from '../../storage/db';

const GROUPS: ReadonlyArray<readonly [keyof Omit<DepartementReport, 'total' | 'targets'>, string, string]> = [
  ['byChefDeFile', 'Par chef de file', 'Chef de file'],
  ['byCirconscription', 'Par circonscription', 'Circonscription'],
  ['byCommune', 'Par commune', 'Commune'],
  ['byEducationPrioritaire', 'Par éducation prioritaire', 'Éducation prioritaire'],
];

const COLUMNS: ReadonlyArray<readonly [string, (a: Aggregate) => string]> = [
  ['Écoles', (a) => integer(a.schools)],
  ['Écoles auditées', (a) => integer(a.schoolsAudited)],
  ['Écoles au socle', (a) => integer(a.schoolsMeeting)],
  ['Classes auditées', (a) => integer(a.classesAudited)],
  ['Classes au socle', (a) => integer(a.classesMeeting)],
  ['Classes à équiper', (a) => integer(a.classesToEquip)],
  ['Classes à compléter', (a) => integer(a.classesUnknown)],
  ['Néo-titulaires à équiper', (a) => integer(a.newTeachers)],
  ['Besoin estimé HT', (a) => euros(a.costHt)],
  ['Articles non chiffrés', (a) => integer(a.unpricedItems)],
  ['Part État estimée', (a) => euros(a.stateShareHt)],
];

function AggregateTable({ id, caption, header, rows, total }: { id: string; caption: string; header: string; rows: Aggregate[]; total: Aggregate }) {
  return (
    <TableRegion labelledBy={id}>
      <table>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{header}</th>
            {COLUMNS.map(([label]) => <th scope="col" class="number" key={label}>{label}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {COLUMNS.map(([label, value]) => <td class="number" key={label}>{value(row)}</td>)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total département</th>
            {COLUMNS.map(([label, value]) => <td class="number" key={label}>{value(total)}</td>)}
          </tr>
        </tfoot>
      </table>
    </TableRegion>
  );
}

function Progress({ id, label, value, target, detail }: { id: string; label: string; value: number; target: number; detail: string }) {
  return (
    <div class="progress">
      <p id={id}>
        {label} : <strong>{integer(value)}</strong> sur un objectif de {integer(target)} ({percent(value, target)}). {detail}
      </p>
      <progress aria-labelledby={id} max={target} value={Math.min(value, target)} />
    </div>
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
      <Progress id="objectif-classes" label="Classes au socle" value={total.classesMeeting} target={targets.classes}
        detail={`Classes auditées à équiper : ${integer(total.classesToEquip)} ; à compléter : ${integer(total.classesUnknown)}.`} />
      <Progress id="objectif-neo" label="Néo-titulaires à équiper recensés" value={total.newTeachers} target={targets.newTeachers} detail="" />
      <SpreadsheetExport db={db} />
      {GROUPS.map(([key, caption, header]) => (
        <AggregateTable key={key} id={`table-${key}`} caption={caption} header={header} rows={report.departement[key]} total={total} />
      ))}
    </main>
  );
}
