// The priority list's first schools (pilotage.md, "Priority of a school"): one bar per school, its score out of 100.
import type { PriorityRow } from '../../gaps/pilotage';
import { integer } from '../format';
import { BarRows, ChartFigure } from './chart-figure';

const SCORE = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const SCORE_MAX = 100;

export const scoreText = (score: number) => SCORE.format(score);

interface Props {
  /** In rank order: the département's list, or a chef de file's. */
  rows: readonly PriorityRow[];
  /** How many of the first are shown. */
  limit?: number;
}

export function PriorityBars({ rows, limit = 20 }: Props) {
  const shown = rows.slice(0, limit);
  const bars = shown.map((r) => ({
    key: r.uai,
    label: `${integer(r.rank)}. ${r.name} (${r.commune})`,
    share: r.score / SCORE_MAX,
    value: `${scoreText(r.score)} sur ${SCORE_MAX}`,
  }));
  const caption = shown.length < rows.length
    ? `Les ${integer(shown.length)} premières écoles à équiper, sur ${integer(rows.length)} classées : score de priorité sur ${SCORE_MAX}`
    : `Les écoles à équiper, par ordre de priorité : score sur ${SCORE_MAX}`;
  return (
    <ChartFigure
      caption={caption}
      table={
        <>
          <thead>
            <tr>
              <th scope="col">Rang et école</th>
              <th scope="col">Commune</th>
              <th scope="col">Chef de file</th>
              <th scope="col" class="number">Score sur {SCORE_MAX}</th>
              <th scope="col">Raisons</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.uai}>
                <th scope="row">{integer(r.rank)}. {r.name}</th>
                <td>{r.commune}</td>
                <td>{r.chefDeFileLabel}</td>
                <td class="number">{scoreText(r.score)}</td>
                <td>{r.reasons.join(' ; ')}</td>
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
