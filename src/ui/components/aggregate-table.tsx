// One of the Département screen's four tables: the gaps of a grouping of schools, one row per group and the
// département's total, titled, in a region that scrolls sideways with the groups' names kept in view (styles.css).
import type { Aggregate } from '../../gaps/types';
import { recordsNothing } from '../../gaps/aggregates';
import { euros, integer } from '../format';
import { count } from '../plural';
import { TableRegion } from './table-region';

const COLUMNS: ReadonlyArray<readonly [string, (a: Aggregate) => string]> = [
  ['Écoles', (a) => integer(a.schools)],
  ['Écoles en cours', (a) => integer(a.schoolsInProgress)],
  ['Écoles terminées', (a) => integer(a.schoolsAudited)],
  ['Écoles au socle', (a) => integer(a.schoolsMeeting)],
  ['Classes auditées', (a) => integer(a.classesAudited)],
  ['Classes au socle', (a) => integer(a.classesMeeting)],
  ['Classes à équiper', (a) => integer(a.classesToEquip)],
  ['Classes à compléter', (a) => integer(a.classesUnknown)],
  ['Néo-titulaires recensés', (a) => integer(a.newTeachers)],
  ['Besoin estimé HT', (a) => euros(a.costHt)],
  ['Articles non chiffrés', (a) => integer(a.unpricedItems)],
  ['Part État estimée', (a) => euros(a.stateShareHt)],
];

/** The rows shown: all of them, or only those where something is recorded. */
export function shownRows(rows: readonly Aggregate[], hideEmpty: boolean): readonly Aggregate[] {
  return hideEmpty ? rows.filter((row) => !recordsNothing(row)) : rows;
}

interface Props {
  id: string;
  caption: string;
  header: string;
  rows: readonly Aggregate[];
  total: Aggregate;
  hideEmpty: boolean;
}

export function AggregateTable({ id, caption, header, rows, total, hideEmpty }: Props) {
  const shown = shownRows(rows, hideEmpty);
  const hidden = rows.length - shown.length;
  // The title stands above the region, not in a <caption>: a caption is as wide as the table and scrolls away with
  // it, cut off on a narrow screen.
  return (
    <>
      <h3 id={id} class="table-title">
        {caption}
        {hidden > 0 && ` (${count(hidden, 'ligne vide masquée', 'lignes vides masquées')})`}
      </h3>
      <TableRegion labelledBy={id}>
        <table class="aggregate-table" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{header}</th>
              {COLUMNS.map(([label]) => <th scope="col" class="number" key={label}>{label}</th>)}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
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
    </>
  );
}
