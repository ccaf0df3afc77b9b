import { describe, expect, it } from 'vitest';
import { possibleDuplicates, sameLabelKey } from '../../src/export/duplicates';

const c = (id: string, label: string, device: string | undefined, uai = '0130569Y') => ({ id, uai, label, device });

describe('possibleDuplicates', () => {
  it('marks both fiches of one school with the same label from two devices', () => {
    expect([...possibleDuplicates([c('1', 'CM1 B', 'a'), c('2', 'CM1 B', 'b'), c('3', 'CP', 'a')])].sort()).toEqual(['1', '2']);
  });

  it('reads labels as people write them: case, spaces and accents in NFC or NFD', () => {
    expect(sameLabelKey('  cm1   b ')).toBe(sameLabelKey('CM1 B'));
    expect(sameLabelKey('Classe d\u0027\u00e9veil')).toBe(sameLabelKey('Classe d\u0027e\u0301veil'));
    expect(possibleDuplicates([c('1', 'CE1', 'a'), c('2', ' ce1 ', 'b')]).size).toBe(2);
  });

  it('does not mark the same label on one device, nor in two schools', () => {
    expect(possibleDuplicates([c('1', 'CP', 'a'), c('2', 'CP', 'a')]).size).toBe(0);
    expect(possibleDuplicates([c('1', 'CP', 'a'), c('2', 'CP', 'b', '0131234W')]).size).toBe(0);
  });

  it('marks a whole group once two devices are in it, and counts an unknown device as another one', () => {
    expect(possibleDuplicates([c('1', 'CP', 'a'), c('2', 'CP', 'a'), c('3', 'CP', 'b')]).size).toBe(3);
    expect(possibleDuplicates([c('1', 'CP', 'a'), c('2', 'CP', undefined)]).size).toBe(2);
  });
});
