// Numbers and amounts as French readers expect them.
import type { Outcome } from '../gaps/types';
import { parisDateTime } from '../export/paris-time';

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

/** The one French "ko" and "Mo" of the app: 1 024 and 1 048 576 octets, as the users' computers count a file. */
export const BYTES_PER_KO = 1024;
export const BYTES_PER_MO = 1024 * BYTES_PER_KO;

/** Every size a user reads: 12 582 912 → "12 Mo"; 2 306 867 → "2,2 Mo"; 3 954 → "4 ko"; a few octets → "1 ko". */
export function fileSize(bytes: number): string {
  const ko = Math.round(bytes / BYTES_PER_KO);
  if (ko >= BYTES_PER_KO) return `${ONE_DECIMAL.format(bytes / BYTES_PER_MO)} Mo`;
  return `${INTEGER.format(bytes > 0 ? Math.max(1, ko) : 0)} ko`;
}

/** `2026-11-28T08:12:00Z` → "28/11/2026 à 09 h 12": Paris time, whatever the tablet's time zone; null if unreadable. */
export function parisDateTimeText(value: string): string | null {
  const wall = parisDateTime(value);
  if (!wall) return null;
  const [date = '', time = ''] = wall.split('T');
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year} à ${time.replace(':', ' h ')}`;
}
