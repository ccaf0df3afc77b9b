// Besoins, what contract v2 added: the Motif of each need, the rule's short name and why it fails.
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../src/export/workbook';
import { RULES } from '../../src/model/referential';
import { fixtureInput, TRICKY_TEXTS } from './fixture';
import { records, sheetNamed } from './support/records';

const rows = records(sheetNamed(buildWorkbook(fixtureInput()), 'Besoins'));

describe('Besoins (v2 column Motif)', () => {
  it('says why a display must be replaced, in the référentiel\'s words', () => {
    const display = rows.find((r) => r.Classe === TRICKY_TEXTS[3] && r.Règle === 'C01');
    expect(display?.Motif).toBe('Affichage collectif – VPI de 2016 : plus de 8 ans, ne compte plus pour le socle');
  });

  it('says why a school lacks terminals, with the counts', () => {
    const terminals = rows.find((r) => r.UAI === '0130569Y' && r.Classe === null);
    expect(terminals).toMatchObject({ Règle: 'E01', Motif: 'Terminaux mobiles – 15 terminaux comptés sur 20 requis (8 classes)' });
  });

  it('opens every motif with the short name of the rule in the Règle column', () => {
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const short = RULES.find((r) => r.id === row.Règle)?.short;
      expect(String(row.Motif), String(row.Règle)).toMatch(new RegExp(`^${short} – \\S`));
    }
  });
});
