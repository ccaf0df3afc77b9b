// The head and rows of a table of needs by article: quantity, unit price and amount HT, "non chiffré" where the
// référentiel has no price (the school screen's table and the printed fiche's).
import { eurosCents, integer } from '../format';

export interface NeedLine {
  item: string;
  label: string;
  quantity: number;
  unitPriceHt: number | null;
  amountHt: number | null;
}

export function NeedLines({ lines }: { lines: readonly NeedLine[] }) {
  return (
    <>
      <thead>
        <tr>
          <th scope="col">Article</th><th scope="col" class="number">Quantité</th><th scope="col" class="number">Prix unitaire HT</th>
          <th scope="col" class="number">Montant HT</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((n) => (
          <tr key={n.item}>
            <th scope="row">{n.label}</th>
            <td class="number">{integer(n.quantity)}</td>
            <td class="number">{n.unitPriceHt === null ? 'non chiffré' : eurosCents(n.unitPriceHt)}</td>
            <td class="number">{n.amountHt === null ? 'non chiffré' : eurosCents(n.amountHt)}</td>
          </tr>
        ))}
      </tbody>
    </>
  );
}
