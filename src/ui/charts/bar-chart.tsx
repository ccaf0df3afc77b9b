// Amounts by category (the département's needs by article): one bar per priced category, as long as its amount HT
// against the largest; a category with no price has no bar and says "non chiffré" with its quantity, never 0 €.
import { euros, integer } from '../format';
import { BarRows, ChartFigure } from './chart-figure';

export interface AmountRow {
  key: string;
  label: string;
  quantity: number;
  /** HT; null: "non chiffré". */
  amountHt: number | null;
}

interface Props {
  caption: string;
  /** Column title of the categories in the data table. */
  header: string;
  rows: readonly AmountRow[];
}

const UNPRICED = 'non chiffré';

export function BarChart({ caption, header, rows }: Props) {
  const largest = Math.max(0, ...rows.map((r) => r.amountHt ?? 0));
  const unpriced = rows.filter((r) => r.amountHt === null).length;
  const bars = rows.map((r) => ({
    key: r.key,
    label: `${r.label} (quantité : ${integer(r.quantity)})`,
    share: r.amountHt === null ? null : largest > 0 ? r.amountHt / largest : 0,
    value: r.amountHt === null ? '' : `${euros(r.amountHt)} HT`,
    missing: `${UNPRICED} : à chiffrer avant arbitrage`,
  }));
  return (
    <ChartFigure
      caption={caption}
      note={unpriced > 0 ? `Un article ${UNPRICED} n'a pas de prix dans le référentiel : il n'a pas de barre et n'est compté dans aucun montant.` : undefined}
      table={
        <>
          <thead>
            <tr>
              <th scope="col">{header}</th>
              <th scope="col" class="number">Quantité</th>
              <th scope="col" class="number">Montant HT</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td class="number">{integer(r.quantity)}</td>
                <td class="number">{r.amountHt === null ? UNPRICED : euros(r.amountHt)}</td>
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
