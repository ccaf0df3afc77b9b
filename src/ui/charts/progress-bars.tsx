// Progress of each group towards its whole ("12 sur 40 (30 %)"): the audits of a chef de file's schools, say.
import { integer } from '../format';
import { shareOf } from '../components/target-progress';
import { BarRows, ChartFigure } from './chart-figure';

export interface ProgressRow {
  key: string;
  label: string;
  value: number;
  total: number;
}

interface Props {
  caption: string;
  /** Column titles of the data table: the groups, the value counted, the whole it is counted against. */
  headers: { group: string; value: string; total: string };
  rows: readonly ProgressRow[];
  note?: string;
}

export const progressText = (value: number, total: number) => `${integer(value)} sur ${integer(total)} (${shareOf(value, total)})`;

export function ProgressBars({ caption, headers, rows, note }: Props) {
  const bars = rows.map((r) => ({ key: r.key, label: r.label, share: r.total > 0 ? r.value / r.total : 0, value: progressText(r.value, r.total) }));
  return (
    <ChartFigure
      caption={caption}
      note={note}
      table={
        <>
          <thead>
            <tr>
              <th scope="col">{headers.group}</th>
              <th scope="col" class="number">{headers.value}</th>
              <th scope="col" class="number">{headers.total}</th>
              <th scope="col" class="number">Part</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td class="number">{integer(r.value)}</td>
                <td class="number">{integer(r.total)}</td>
                <td class="number">{shareOf(r.value, r.total)}</td>
              </tr>
            ))}
          </tbody>
        </>
      }
    >
      <BarRows rows={bars} />
    </ChartFigure>
  );
}
