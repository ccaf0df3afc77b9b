import { describe, expect, it } from 'vitest';
import { chefDeFileForCommune } from '../../src/model/school';

describe('chefDeFileForCommune', () => {
  it('gives Marseille to the Ville de Marseille', () => {
    expect(chefDeFileForCommune('13055')).toBe('ville-marseille');
  });

  it.each(Array.from({ length: 16 }, (_, i) => String(13201 + i)))('gives the arrondissement %s to the Ville de Marseille', (code) => {
    expect(chefDeFileForCommune(code)).toBe('ville-marseille');
  });

  it.each([
    ['13200', 'just below the arrondissements'],
    ['13217', 'just above the arrondissements'],
    ['13001', 'Aix-en-Provence'],
    ['13005', 'Aubagne'],
    ['13056', 'Martigues'],
  ])('gives %s (%s) to the CD13', (code) => {
    expect(chefDeFileForCommune(code)).toBe('cd13');
  });
});
