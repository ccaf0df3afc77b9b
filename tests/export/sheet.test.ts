import { describe, expect, it } from 'vitest';
import { sheetSlug } from '../../src/export/sheet';
import { needsText, trainingText, yesNo } from '../../src/export/values';

describe('sheet names for the CSV endpoint', () => {
  it('takes the name without accents, in any case', () => {
    expect(['Synthèse', 'ECOLES', 'écoles', 'Classes', 'besoins', 'Référentiel', ' referentiel ']
      .map(sheetSlug)).toEqual(['synthese', 'ecoles', 'ecoles', 'classes', 'besoins', 'referentiel', 'referentiel']);
    expect(sheetSlug('foo')).toBeNull();
    expect(sheetSlug('')).toBeNull();
  });
});

describe('French values', () => {
  it('says Oui, Non, or nothing for "non renseigné"', () => {
    expect([true, false, null, undefined].map(yesNo)).toEqual(['Oui', 'Non', null, null]);
  });

  it('names needs with their quantities, and training themes by their labels', () => {
    expect(needsText([
      { rule: 'E01', item: 'mobile-terminal', reason: 'motif', label: 'Terminal mobile', quantity: 5, unitPriceHt: null, amountHt: null },
      { rule: 'E03', item: 'access-point', reason: 'motif', label: 'Borne Wi-Fi', quantity: 2, unitPriceHt: null, amountHt: null },
    ])).toBe('5 × Terminal mobile ; 2 × Borne Wi-Fi');
    expect(needsText([])).toBeNull();
    expect(trainingText(['robotique-programmation', 'hybridation'])).toBe('Robotique et programmation ; Hybridation');
    expect(trainingText([])).toBeNull();
  });
});
