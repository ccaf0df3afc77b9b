import { describe, expect, it } from 'vitest';
import { createCsvParser } from '../../src/directory/csv';
import { createEffectifsImporter } from '../../src/directory/effectifs';
import type { FiguresImportOptions } from '../../src/directory/school-figures';
import { makeUai, wrongUai } from './fixtures/annuaire-fixture';

function importEffectifs(lines: readonly string[], options?: FiguresImportOptions) {
  const importer = createEffectifsImporter(options);
  let first = true;
  const parser = createCsvParser((fields, line) => {
    if (first) importer.header(fields, line);
    else importer.row(fields, line);
    first = false;
  });
  parser.push(lines.join('\n'));
  parser.end();
  return importer.finish();
}

const HEADER = 'rentree_scolaire;numero_ecole;code_commune_insee;nombre_total_classes;nombre_total_eleves';
const BOUC = makeUai('0131001');

describe('effectifs import', () => {
  it('keeps the latest rentrée of each school whatever the order of the lines', () => {
    const { values, report } = importEffectifs([
      HEADER,
      '2022;0130569Y;13002;10;230',
      '2024;0130569Y;13002;11;240',
      '2023;0130569Y;13002;12;250',
      `2024;${BOUC};13320;6;140`,
      `2021;${BOUC};13320;5;120`,
    ]);
    expect(values).toEqual(
      new Map([
        ['0130569Y', { classes: 11, pupils: 240, rentree: '2024' }],
        [BOUC, { classes: 6, pupils: 140, rentree: '2024' }],
      ]),
    );
    expect(report).toEqual({ read: 5, kept: 2, ignored: 0, refused: [] });
  });

  it('reads the headers of the CSV export with labels, accents and apostrophes, and commas', () => {
    const { values } = importEffectifs([
      "Rentrée scolaire,Numéro de l'école,Code commune INSEE,Nombre total de classes,Nombre total d'élèves",
      '2023,0130541t,13014,"9","1 203"',
    ]);
    expect(values.get('0130541T')).toEqual({ classes: 9, pupils: 1203, rentree: '2023' });
  });

  it('refuses, with line and French reason, a bad UAI, an unreadable rentrée and an unreadable figure', () => {
    const bad = wrongUai('0131003');
    const { values, report } = importEffectifs([
      HEADER,
      `2023;${bad};13001;8;190`,
      '2023;0130;13001;8;190',
      'inconnue;0130569Y;13002;8;190',
      '2023;0130569Y;13002;huit;190',
      '2023;0130541T;13014;;',
    ]);
    expect(report.refused).toEqual([
      { line: 2, reason: expect.stringContaining(bad) as string },
      { line: 3, reason: expect.stringContaining('« 0130 »') as string },
      { line: 4, reason: 'Rentrée scolaire « inconnue » illisible (UAI 0130569Y)' },
      { line: 5, reason: 'Nombre de classes « huit » illisible (UAI 0130569Y)' },
    ]);
    expect([...values.entries()]).toEqual([['0130541T', { classes: null, pupils: null, rentree: '2023' }]]);
  });

  it('keeps only the schools asked for, counting the others as ignored', () => {
    const { values, report } = importEffectifs([HEADER, '2023;0130569Y;13002;8;190', `2023;${makeUai('0750001')};75001;8;190`], {
      only: new Set(['0130569Y']),
    });
    expect([...values.keys()]).toEqual(['0130569Y']);
    expect(report).toMatchObject({ read: 2, kept: 1, ignored: 1, refused: [] });
  });

  it('reports a missing column by name', () => {
    const { values, report } = importEffectifs(['rentree_scolaire;numero_ecole;nombre_total_eleves', '2023;0130569Y;190']);
    expect(values.size).toBe(0);
    expect(report.refused).toEqual([{ line: 1, reason: 'Colonne obligatoire absente : « nombre_total_classes »' }]);
  });
});
