// UAI: 7 digits and a check letter, "ABCDEFGHJKLMNPRSTUVWXYZ"[N mod 23] (shared/spec/domain.md).

const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
/** A UAI's shape; its check letter is checked apart. */
export const UAI_PATTERN = /^\d{7}[A-Z]$/;

/** The check letter of a UAI's seven digits. */
export function uaiCheckLetter(digits: string): string {
  if (!/^\d{7}$/.test(digits)) throw new Error(`not seven digits: ${digits}`);
  return UAI_LETTERS.charAt(Number(digits) % 23);
}

/** Upper-cases and trims what was typed, without other correction. */
export function normalizeUai(text: string): string {
  return text.trim().toUpperCase();
}

export type UaiProblem = 'format' | 'letter';

/** Why a UAI is not valid, or null when it is. */
export function uaiProblem(uai: string): UaiProblem | null {
  if (!UAI_PATTERN.test(uai)) return 'format';
  return uaiCheckLetter(uai.slice(0, 7)) === uai.charAt(7) ? null : 'letter';
}

export function isValidUai(uai: string): boolean {
  return uaiProblem(uai) === null;
}
