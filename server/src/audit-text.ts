// The audit log as `npm run audit-log` prints it, one line per entry: the time in Paris, the event, who, the details,
// separated by two spaces. Pure: entries in, French text out.
import { parisDateTime } from '../../src/export/paris-time';
import { OTHER_ADDRESSES, type AuditEntry } from './store/store';
import { frenchDay } from './tokens';

const NUMBER = new Intl.NumberFormat('fr-FR');

/** `2` → `2 écoles`, `1` → `1 école`, `0` → `0 école`: French takes the plural from 2. */
export function count(n: number, one: string, many: string = `${one}s`): string {
  return `${NUMBER.format(n)} ${Math.abs(n) >= 2 ? many : one}`;
}

/** `2026-11-29T10:12:34.000Z` → `29/11/2026 11:12:34` (Paris); the minute alone with `seconds` false. */
export function frenchTime(iso: string, seconds = true): string {
  const wall = parisDateTime(iso) ?? iso;
  // Paris is a whole number of hours from UTC: the seconds are those of the ISO time.
  return `${frenchDay(wall.slice(0, 10))} ${wall.slice(11, 16)}${seconds ? `:${iso.slice(17, 19)}` : ''}`;
}

const byCli = (account: string) => `compte ${account} (ligne de commande)`;

function expiry(expiresOn: string | null): string {
  return expiresOn === null ? 'sans expiration' : `expire le ${frenchDay(expiresOn)} à 24 h`;
}

/** The event, who, and the details of an entry. */
function describe(entry: AuditEntry): [string, string, string] {
  switch (entry.kind) {
    case 'token-created':
      return ['Jeton créé', byCli(entry.by), `n° ${entry.token.id} pour « ${entry.token.owner} », rôle ${entry.token.role}, ${expiry(entry.token.expiresOn)}`];
    case 'token-revoked':
      return ['Jeton révoqué', byCli(entry.by), `n° ${entry.token.id} de « ${entry.token.owner} », rôle ${entry.token.role}`];
    case 'export': {
      const what = entry.format === 'xlsx' ? 'classeur XLSX' : `feuille ${entry.sheet ?? '?'} en CSV`;
      return ['Export du tableau départemental', entry.by, `campagne ${entry.campaign}, ${what}`];
    }
    case 'directory-import': {
      const merge = `${count(entry.added, 'ajoutée')}, ${count(entry.updated, 'mise', 'mises')} à jour, ${count(entry.closed, 'fermée')}`;
      const details = `${entry.files.join(', ')} : ${count(entry.kept, 'école retenue', 'écoles retenues')} (${merge}), ${count(entry.refused, 'ligne refusée', 'lignes refusées')}`;
      return ["Import de l'annuaire", byCli(entry.by), details];
    }
    case 'backup':
      return ['Sauvegarde', byCli(entry.by), entry.destination];
    case 'referential-published':
      return ['Référentiel publié', entry.via === 'cli' ? byCli(entry.by) : entry.by, `version ${entry.version}`];
    case 'failed-auth': {
      const who = entry.address === OTHER_ADDRESSES ? 'autres adresses' : `adresse ${entry.address}`;
      return ["Échecs d'authentification", who, `${count(entry.count, 'jeton refusé', 'jetons refusés')} (401) dans la minute`];
    }
  }
}

/** `29/11/2026 11:12:34  Jeton créé  compte ops (ligne de commande)  n° 3 pour « Léa Martin », rôle lecteur, …` */
export function auditLine(entry: AuditEntry): string {
  return [frenchTime(entry.at, entry.kind !== 'failed-auth'), ...describe(entry)].join('  ');
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR_MS = 3_600_000;

/**
 * Reads `--since AAAA-MM-JJ`: the instant that day starts in Paris (ISO 8601), refusing in French an unreadable or
 * impossible day.
 */
export function parseSinceDay(text: string): string {
  const match = DAY.exec(text.trim());
  if (!match) throw new Error(`Date « ${text} » illisible : attendue sous la forme AAAA-MM-JJ (par exemple 2026-11-29).`);
  const midnightUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const day = text.trim();
  if (new Date(midnightUtc).toISOString().slice(0, 10) !== day) throw new Error(`Date « ${day} » impossible : ce jour n'existe pas.`);
  // Midnight in Paris is 23:00 or 22:00 UTC the day before (winter or summer time).
  for (const offsetHours of [1, 2]) {
    const at = new Date(midnightUtc - offsetHours * HOUR_MS);
    if (parisDateTime(at) === `${day}T00:00`) return at.toISOString();
  }
  return new Date(midnightUtc).toISOString();
}
