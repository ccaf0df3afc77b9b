import { describe, expect, it } from 'vitest';
import { columnsOf, sheetOf, sheetSlug } from '../../src/export/sheet';
import { needsText, trainingText, yesNo } from '../../src/export/values';

describe('sheet names for the CSV endpoint', () => {
  it('takes the name without accents, in any case', () => {
    expect(['Synthèse', 'ECOLES', 'écoles', 'Classes', 'besoins', 'Référentiel', ' referentiel ']
      .map(sheetSlug)).toEqual(['synthese', 'ecoles', 'ecoles', 'classes', 'besoins', 'referentiel', 'referentiel']);
    expect(sheetSlug('foo')).toBeNull();
    expect(sheetSlug('')).toBeNull();
  });
});

describe('columns as data', () => {
  const { text, integer, date } = columnsOf<{ name: string; pupils: number | null; visit: string }>();
  const columns = [
    text('Nom', (school) => school.name),
    integer('Élèves', (school) => school.pupils),
    date('Visite', (school) => ({ date: school.visit })),
  ];

  it('builds the header and every row from the same definitions, in their order', () => {
    const sheet = sheetOf('ecoles', columns, [{ name: 'Moisson', pupils: 190, visit: '2026-11-28' }, { name: 'Belsunce', pupils: null, visit: '2026-12-01' }]);
    expect(sheet).toEqual({
      slug: 'ecoles',
      name: 'Écoles',
      columns: [{ header: 'Nom', kind: 'text' }, { header: 'Élèves', kind: 'integer' }, { header: 'Visite', kind: 'date' }],
      rows: [['Moisson', 190, { date: '2026-11-28' }], ['Belsunce', null, { date: '2026-12-01' }]],
    });
  });

  it('marks only a sheet printed on one page', () => {
    expect(sheetOf('synthese', columns, [], true).printOnOnePage).toBe(true);
    expect('printOnOnePage' in sheetOf('ecoles', columns, [])).toBe(false);
  });

  it('refuses, at compile time, a value of another kind than its column', () => {
    // @ts-expect-error text in an integer column
    integer('Élèves', (school) => school.name);
    // @ts-expect-error a bare string in a date column
    date('Visite', (school) => school.visit);
    expect(columns).toHaveLength(3);
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
