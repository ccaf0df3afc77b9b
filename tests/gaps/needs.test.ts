import { describe, expect, it } from 'vitest';
import { costsOf, need, roundCents } from '../../src/gaps/needs';
import { REFERENTIAL_V1, type ItemId, type RuleId } from '../../src/model/referential';
import { withPrices } from './fixtures';

describe('need', () => {
  it.each<[RuleId, ItemId, number, string, number, number]>([
    ['C01', 'display', 1, 'Écran numérique interactif (ENI 65")', 2700, 2700],
    ['C01', 'display', 3, 'Écran numérique interactif (ENI 65")', 2700, 8100],
    ['C01', 'display-installation', 2, "Installation d'un affichage collectif", 500, 1000],
    ['C03', 'computer-upgrade', 4, "Mise à niveau d'un ordinateur (SSD et mémoire)", 87, 348],
  ])('prices %s %s × %i from the price table', (rule, item, quantity, label, unitPriceHt, amountHt) => {
    expect(need(REFERENTIAL_V1, rule, item, quantity, 'motif')).toEqual({ rule, item, label, reason: 'motif', quantity, unitPriceHt, amountHt });
  });

  it.each<[ItemId, string]>([
    ['class-computer', 'Ordinateur de classe'],
    ['classroom-connection', "Raccordement d'une classe au réseau"],
    ['mobile-terminal', 'Terminal mobile (tablette ou portable)'],
    ['charging-cart', 'Chariot ou valise de charge et de rangement'],
    ['mdm-licence', 'Licence de gestion de flotte (MDM)'],
    ['access-point', 'Borne Wi-Fi'],
  ])('leaves %s "non chiffré" (null), never 0 €', (item, label) => {
    expect(need(REFERENTIAL_V1, 'E01', item, 5, 'motif')).toEqual({ rule: 'E01', item, label, reason: 'motif', quantity: 5, unitPriceHt: null, amountHt: null });
  });

  it('names an item missing from the price table by its id, unpriced', () => {
    const referential = { ...REFERENTIAL_V1, prices: REFERENTIAL_V1.prices.filter((p) => p.item !== 'access-point') };
    expect(need(referential, 'E03', 'access-point', 2, 'motif')).toMatchObject({ label: 'access-point', unitPriceHt: null, amountHt: null });
  });

  it.each([
    [0.1, 3, 0.3],
    [19.999, 3, 60],
    [289.99, 7, 2029.93],
    [33.333, 3, 100],
    [1.004, 1, 1],
    [0, 10, 0],
  ])('rounds %s € × %i to the cent: %s €', (unitPriceHt, quantity, amountHt) => {
    expect(need(withPrices({ 'mobile-terminal': unitPriceHt }), 'E01', 'mobile-terminal', quantity, 'motif').amountHt).toBe(amountHt);
  });

  it('follows a price changed in the référentiel', () => {
    expect(need(withPrices({ display: 3100 }), 'C01', 'display', 2, 'motif')).toMatchObject({ unitPriceHt: 3100, amountHt: 6200 });
    expect(need(withPrices({ display: null }), 'C01', 'display', 2, 'motif')).toMatchObject({ unitPriceHt: null, amountHt: null });
  });
});

describe('costsOf', () => {
  it.each([
    ['no needs', [], { costHt: 0, unpricedItems: 0 }],
    ['priced needs only', [need(REFERENTIAL_V1, 'C01', 'display', 1, 'motif'), need(REFERENTIAL_V1, 'C01', 'display-installation', 1, 'motif')], { costHt: 3200, unpricedItems: 0 }],
    ['unpriced needs only', [need(REFERENTIAL_V1, 'C02', 'class-computer', 1, 'motif'), need(REFERENTIAL_V1, 'E01', 'mobile-terminal', 20, 'motif')], { costHt: 0, unpricedItems: 2 }],
    ['both', [need(REFERENTIAL_V1, 'C03', 'computer-upgrade', 1, 'motif'), need(REFERENTIAL_V1, 'C04', 'classroom-connection', 1, 'motif')], { costHt: 87, unpricedItems: 1 }],
    ['a need priced at 0 €, which is priced', [need(withPrices({ 'access-point': 0 }), 'E03', 'access-point', 3, 'motif')], { costHt: 0, unpricedItems: 0 }],
  ])('sums %s: priced amounts in costHt, unpriced needs counted apart', (_case, needs, expected) => {
    expect(costsOf(needs)).toEqual(expected);
  });

  it('rounds the sum to the cent', () => {
    const prices = withPrices({ 'mobile-terminal': 0.1 });
    expect(costsOf([need(prices, 'E01', 'mobile-terminal', 1, 'motif'), need(prices, 'E01', 'mobile-terminal', 2, 'motif')]).costHt).toBe(0.3);
  });
});

describe('roundCents', () => {
  it.each([
    [0.1 + 0.2, 0.3],
    [139_999.29999999, 139_999.3],
    [87.125, 87.13],
    [1_234.5649, 1_234.56],
  ])('rounds %s to %s', (amount, expected) => {
    expect(roundCents(amount)).toBe(expected);
  });
});
