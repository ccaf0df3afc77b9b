// Needs priced with the référentiel's price table; an item without a price is "non chiffré", never 0 €.
import type { ItemId, Referential, RuleId } from '../model/referential';
import type { Costs, Need } from './types';

export function need(referential: Referential, rule: RuleId, item: ItemId, quantity: number, reason: string): Need {
  const price = referential.prices.find((p) => p.item === item);
  const unitPriceHt = price?.unitPriceHt ?? null;
  return {
    rule,
    item,
    label: price?.label ?? item,
    reason,
    quantity,
    unitPriceHt,
    amountHt: unitPriceHt === null ? null : roundCents(unitPriceHt * quantity),
  };
}

export function costsOf(needs: readonly Need[]): Costs {
  let costHt = 0;
  let unpricedItems = 0;
  for (const n of needs) {
    if (n.amountHt === null) unpricedItems += 1;
    else costHt += n.amountHt;
  }
  return { costHt: roundCents(costHt), unpricedItems };
}

export function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
