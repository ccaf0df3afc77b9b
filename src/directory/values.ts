// Reading the values of the open-data files: counts, decimals, school years, flags, département codes, UAIs.
// The files are published by hand-tuned exports, so each reader accepts the plausible variants of a value.
import type { EducationPrioritaire } from '../model/school';
import { uaiCheckLetter, uaiProblem } from '../model/uai';

// The département codes of the file compare as the territory's do.
export { departementKey } from '../territory/territory';

const SPACES = /[\s\u00a0\u202f]+/g;

/** One line of text: line breaks and runs of spaces (a quoted name may hold them) become one space. */
export function oneLine(text: string): string {
  return text.replace(SPACES, ' ').trim();
}

/** For comparing labels: upper case, no accents, single spaces ("Privé" → "PRIVE", "à fermer" → "A FERMER"). */
export function fold(text: string): string {
  return oneLine(text).normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
}

/** A whole number of pupils or classes; null when blank or unreadable ("12", "1 234", "12.0" are read). */
export function readCount(text: string): number | null {
  const compact = text.replace(SPACES, '');
  return /^\d+([.,]0+)?$/.test(compact) ? Number.parseInt(compact, 10) : null;
}

/** A decimal with a comma or a dot ("103,4" or "103.4"); null when blank or unreadable. */
export function readDecimal(text: string): number | null {
  const compact = text.replace(SPACES, '');
  return /^[+-]?\d+([.,]\d+)?$/.test(compact) ? Number(compact.replace(',', '.')) : null;
}

/** The year a rentrée starts: "2021-2022" → 2021, "2023" → 2023; null without a four-digit year. */
export function rentreeYear(text: string): number | null {
  const match = /\d{4}/.exec(text);
  return match ? Number(match[0]) : null;
}

/** A yes/no flag of the annuaire: '1' in the CSV; 'oui', 'true', 'vrai', 'o' also read as yes. */
export function isYes(text: string): boolean {
  return ['1', 'OUI', 'O', 'TRUE', 'VRAI'].includes(fold(text));
}

/**
 * The annuaire's etat: 'FERME' is closed and 'A OUVRIR' not open yet; 'OUVERT', 'A FERMER' (closing later) and a
 * blank (no etat column) are open. Compared without case or accents ('Fermé' is closed).
 */
export function isOpen(etat: string): boolean {
  const value = fold(etat);
  return value !== 'FERME' && value !== 'A OUVRIR';
}

/** 'REP+', 'REP' or nothing; 'REP +' and 'rep plus' read as REP+. */
export function educationPrioritaire(text: string): EducationPrioritaire | null {
  const value = fold(text).replace(/ /g, '');
  if (value === 'REP+' || value === 'REPPLUS') return 'REP+';
  return value === 'REP' ? 'REP' : null;
}

/** Trimmed and upper-cased UAI, with the French reason it is refused (null when valid). */
export function checkUai(raw: string): { uai: string; problem: string | null } {
  const uai = raw.trim().toUpperCase();
  if (uai === '') return { uai, problem: 'UAI absent' };
  switch (uaiProblem(uai)) {
    case null:
      return { uai, problem: null };
    case 'format':
      return { uai, problem: `UAI « ${raw.trim()} » mal formé : 7 chiffres et une lettre attendus` };
    case 'letter':
      return { uai, problem: `UAI « ${uai} » : lettre de contrôle erronée (${uaiCheckLetter(uai.slice(0, 7))} attendue)` };
  }
}
