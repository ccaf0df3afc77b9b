import { describe, expect, it } from 'vitest';
import { fileStamp, parisDateTime, parisWall } from '../../src/export/paris-time';

describe('Paris wall-clock time', () => {
  it('is UTC+1 in winter and UTC+2 in summer, whatever the machine\'s time zone', () => {
    expect(parisDateTime('2026-11-28T17:38:04.000Z')).toBe('2026-11-28T18:38');
    expect(parisDateTime('2026-07-01T10:00:00Z')).toBe('2026-07-01T12:00');
    expect(parisDateTime('2026-12-31T23:30:00Z')).toBe('2027-01-01T00:30');
  });

  it('follows the changes of time at 01:00 UTC on the last Sundays of March and October', () => {
    expect(parisDateTime('2026-03-29T00:59:00Z')).toBe('2026-03-29T01:59');
    expect(parisDateTime('2026-03-29T01:00:00Z')).toBe('2026-03-29T03:00');
    expect(parisDateTime('2026-10-25T00:59:00Z')).toBe('2026-10-25T02:59');
    expect(parisDateTime('2026-10-25T01:00:00Z')).toBe('2026-10-25T02:00');
  });

  it('gives null for an unreadable date, and the file name\'s stamp', () => {
    expect(parisDateTime('hier')).toBeNull();
    expect(fileStamp(new Date('2026-01-05T07:09:00Z'))).toBe('20260105-0809');
  });

  it('gives the wall clock to the second as the fields of a UTC date, for formats without a zone', () => {
    expect(parisWall(new Date('2026-11-28T17:38:04.500Z')).toISOString()).toBe('2026-11-28T18:38:04.500Z');
    expect(parisWall(new Date('2026-07-01T10:00:59Z')).toISOString()).toBe('2026-07-01T12:00:59.000Z');
  });
});
