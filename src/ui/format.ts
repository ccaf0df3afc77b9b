// Numbers and amounts as French readers expect them.
import type { Outcome } from '../gaps/types';

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const EUROS_CENTS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const INTEGER = new Intl.NumberFormat('fr-FR');

export const euros = (amount: number) => EUROS.format(amount);
export const eurosCents = (amount: number) => EUROS_CENTS.format(amount);
export const integer = (n: number) => INTEGER.format(n);
export const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)} %` : '–');

export const OUTCOME_LABELS: Record<Outcome, string> = {
  holds: 'Respectée',
  fails: 'Non respectée',
  unknown: 'Non renseignée',
  'not-applicable': 'Sans objet',
  'not-evaluated': 'Non évaluée',
};

/** "3 200 € HT", or "3 200 € HT + 2 articles non chiffrés", or "non chiffré". */
export function costText(costHt: number, unpricedItems: number): string {
  const unpriced = unpricedItems === 0 ? '' : `${unpricedItems} article${unpricedItems > 1 ? 's' : ''} non chiffré${unpricedItems > 1 ? 's' : ''}`;
  if (costHt === 0 && unpricedItems > 0) return unpriced;
  return unpriced ? `${euros(costHt)} HT + ${unpriced}` : `${euros(costHt)} HT`;
}

const ONE_DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** 1 960 990 → "1,9 Mo"; 3 954 → "4 ko". */
export function fileSize(bytes: number): string {
  if (bytes >= 1_000_000) return `${ONE_DECIMAL.format(bytes / 1_000_000)} Mo`;
  return `${INTEGER.format(Math.max(1, Math.round(bytes / 1000)))} ko`;
}
