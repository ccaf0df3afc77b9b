// Sizes as a French reader sees them, one definition for the whole app: a "Mo" is 1 048 576 octets everywhere.
import { describe, expect, it } from 'vitest';
import { BYTES_PER_MO, fileSize, parisDateTimeText } from '../../src/ui/format';

/** With the narrow no-break spaces of French digit groups as plain spaces. */
const read = (text: string) => text.replace(/\s/g, ' ');

describe('fileSize', () => {
  it('counts a "Mo" as 1 048 576 octets, as the storage figures and the exported files alike', () => {
    expect(BYTES_PER_MO).toBe(1_048_576);
    expect(fileSize(12 * BYTES_PER_MO)).toBe('12 Mo');
    expect(fileSize(600 * BYTES_PER_MO)).toBe('600 Mo');
    expect(fileSize(2_306_867)).toBe('2,2 Mo');
  });

  it('gives one decimal at most, with a comma, and groups the digits of a large quota', () => {
    expect(fileSize(1.25 * BYTES_PER_MO)).toBe('1,3 Mo');
    expect(read(fileSize(300 * 1024 * BYTES_PER_MO))).toBe('307 200 Mo');
  });

  it('speaks in "ko" under a "Mo", never of 0 ko for a file that holds something', () => {
    expect(fileSize(3954)).toBe('4 ko');
    expect(fileSize(3)).toBe('1 ko');
    expect(fileSize(0)).toBe('0 ko');
    expect(read(fileSize(BYTES_PER_MO - 100))).toBe('1 Mo');
  });
});

describe('parisDateTimeText', () => {
  it('says a moment in Paris time, the French way, in winter and in summer', () => {
    expect(parisDateTimeText('2026-11-28T08:12:00Z')).toBe('28/11/2026 à 09 h 12');
    expect(parisDateTimeText('2026-06-30T22:05:00.000Z')).toBe('01/07/2026 à 00 h 05');
  });

  it('says nothing of a date it cannot read', () => {
    expect(parisDateTimeText('hier')).toBeNull();
  });
});
