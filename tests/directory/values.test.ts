import { describe, expect, it } from 'vitest';
import { headerKey } from '../../src/directory/columns';
import { departementKey, educationPrioritaire, isOpen, isYes, readCount, readDecimal, rentreeYear } from '../../src/directory/values';

describe('open-data values', () => {
  it('matches headers whatever their case, accents and punctuation', () => {
    expect(headerKey('Identifiant_de_l_etablissement')).toBe(headerKey('identifiant_de_l_etablissement'));
    expect(headerKey("Nombre total d'élèves")).toBe('nombre_total_d_eleves');
    expect(headerKey('\uFEFFRentrée scolaire ')).toBe('rentree_scolaire');
  });

  it('reads whole numbers with spaces or a zero decimal part, and nothing else', () => {
    expect([readCount('212'), readCount('1 203'), readCount('1\u202f203'), readCount('12.0')]).toEqual([212, 1203, 1203, 12]);
    expect([readCount(''), readCount('12.5'), readCount('-3'), readCount('douze')]).toEqual([null, null, null, null]);
  });

  it('reads decimals with a comma or a dot', () => {
    expect([readDecimal('103,4'), readDecimal('87.25'), readDecimal(' 90 ')]).toEqual([103.4, 87.25, 90]);
    expect([readDecimal(''), readDecimal('NS'), readDecimal('1,2,3')]).toEqual([null, null, null]);
  });

  it('takes the first year of a rentrée', () => {
    expect([rentreeYear('2021-2022'), rentreeYear('2023'), rentreeYear('rentrée')]).toEqual([2021, 2023, null]);
  });

  it("compares département codes without leading zeros ('013' = '13', '02A' = '2A')", () => {
    expect(departementKey('013')).toBe(departementKey('13'));
    expect(departementKey('02A')).toBe('2A');
    expect(departementKey('013')).not.toBe(departementKey('130'));
  });

  it('reads the éducation prioritaire and its written variants', () => {
    expect(['REP+', 'REP +', 'rep plus', 'REP', 'rep', '', 'Hors REP'].map(educationPrioritaire)).toEqual(['REP+', 'REP+', 'REP+', 'REP', 'REP', null, null]);
  });

  it("reads the etat: closed or not yet open is not open; 'à fermer' and blank are", () => {
    expect(['FERME', 'Fermé', 'A OUVRIR'].map(isOpen)).toEqual([false, false, false]);
    expect(['OUVERT', 'A FERMER', 'à fermer', ''].map(isOpen)).toEqual([true, true, true, true]);
  });

  it("reads the annuaire's flags", () => {
    expect(['1', 'oui', 'true'].map(isYes)).toEqual([true, true, true]);
    expect(['0', '', 'non'].map(isYes)).toEqual([false, false, false]);
  });
});
