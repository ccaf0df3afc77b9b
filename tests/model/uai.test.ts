import { describe, expect, it } from 'vitest';
import { isValidUai, normalizeUai, uaiCheckLetter, uaiProblem } from '../../src/model/uai';

describe('UAI check letter', () => {
  it.each(['0130569Y', '0130541T', '0130855J', '0130040Y', '0130002G'])('accepts the real code %s', (uai) => {
    expect(isValidUai(uai)).toBe(true);
  });

  it('refuses a code copied with a wrong letter and knows the right one', () => {
    expect(uaiProblem('0950009E')).toBe('letter');
    expect(uaiCheckLetter('0950009')).toBe('U');
    expect(isValidUai('0950009U')).toBe(true);
  });

  it('never yields the letters I, O or Q', () => {
    const letters = new Set(Array.from({ length: 23 * 5 }, (_, n) => uaiCheckLetter(String(n).padStart(7, '0'))));
    expect([...letters].sort().join('')).toBe('ABCDEFGHJKLMNPRSTUVWXYZ');
  });

  it.each(['013056Y', '01305690Y', '0130569y', 'A130569Y', ''])('calls %j badly formed', (uai) => {
    expect(uaiProblem(uai)).toBe('format');
  });

  it('normalizes only case and surrounding spaces', () => {
    expect(normalizeUai(' 0130569y ')).toBe('0130569Y');
  });
});
