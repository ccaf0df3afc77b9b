// What a classroom or a school needs, article by article, with each amount or "non chiffré"
// ("Écran numérique interactif (ENI 65") : 2 700 € HT ; Ordinateur de classe : non chiffré").
import type { Need } from '../../gaps/types';
import { euros } from '../format';

/** One line per article: quantities and amounts of the same article added up. */
export function needsByItem(needs: readonly Need[]): Need[] {
  const byItem = new Map<string, Need>();
  for (const n of needs) {
    const line = byItem.get(n.item);
    if (!line) byItem.set(n.item, { ...n });
    else {
      line.quantity += n.quantity;
      line.amountHt = line.amountHt === null || n.amountHt === null ? null : line.amountHt + n.amountHt;
    }
  }
  return [...byItem.values()];
}

export function needText(n: Need): string {
  const quantity = n.quantity > 1 ? `${n.quantity} × ` : '';
  return `${quantity}${n.label} : ${n.amountHt === null ? 'non chiffré' : `${euros(n.amountHt)} HT`}`;
}

export function NeedsText({ needs }: { needs: readonly Need[] }) {
  return <>{needsByItem(needs).map(needText).join(' ; ')}</>;
}
