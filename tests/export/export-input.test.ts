// The order of the spreadsheet's rows: circonscriptions, communes and classroom labels sort as people read them
// ("Marseille 1er" before "Marseille 2e" before "Marseille 10e"), in every sheet.
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../src/export/workbook';
import { makeClassroomFiche, makeDirectorySchool } from '../../src/model/make';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { CAMPAIGN, EXPORTED_AT } from './fixture';
import { records, sheetNamed } from './support/records';

const ARRONDISSEMENTS = [['10e', '13210', '0130010R'], ['1er', '13201', '0130011S'], ['2e', '13202', '0130012T']] as const;

// One circonscription per arrondissement, named after it, and a circonscription over two arrondissements.
const directory = ARRONDISSEMENTS.map(([n, code, uai]) =>
  makeDirectorySchool({ uai, name: `École ${n}`, commune: `Marseille ${n} Arrondissement`, communeCode: code, circonscription: `Marseille ${n}` }),
).concat(
  makeDirectorySchool({ uai: '0130013U', name: 'École B', commune: 'Marseille 10e Arrondissement', communeCode: '13210', circonscription: 'Marseille centre' }),
  makeDirectorySchool({ uai: '0130014V', name: 'École A', commune: 'Marseille 9e Arrondissement', communeCode: '13209', circonscription: 'Marseille centre' }),
);

// Each school has classrooms "Classe 10", "Classe 2" and "Classe 1", saved in that order, each with a need.
const fiches = directory.flatMap((school) => ['Classe 10', 'Classe 2', 'Classe 1'].map((label) =>
  makeClassroomFiche({ uai: school.uai, data: { label, display: { type: 'none' } } })));

const sheets = buildWorkbook({ campaign: CAMPAIGN, directory, fiches, deviceOf: new Map(), referential: REFERENTIAL_V1, exportedAt: EXPORTED_AT });
const column = (sheet: string, header: string) => records(sheetNamed(sheets, sheet)).map((r) => r[header]);
const distinct = <T>(values: T[]) => values.filter((v, i) => i === 0 || v !== values[i - 1]);

describe('the order of the rows', () => {
  it('sorts circonscriptions with their numbers read as numbers in Synthèse, Écoles, Classes and Besoins', () => {
    const expected = ['Marseille 1er', 'Marseille 2e', 'Marseille 10e', 'Marseille centre'];
    expect(column('Synthèse', 'Circonscription').slice(0, 4)).toEqual(expected);
    for (const sheet of ['Écoles', 'Classes', 'Besoins']) expect(distinct(column(sheet, 'Circonscription')), sheet).toEqual(expected);
  });

  it('sorts communes within a circonscription the same way ("Marseille 9e" before "Marseille 10e")', () => {
    const ecoles = records(sheetNamed(sheets, 'Écoles')).filter((r) => r.Circonscription === 'Marseille centre');
    expect(ecoles.map((r) => r.Commune)).toEqual(['Marseille 9e Arrondissement', 'Marseille 10e Arrondissement']);
  });

  it('sorts the classrooms of a school by label, "Classe 2" before "Classe 10"', () => {
    const classes = records(sheetNamed(sheets, 'Classes')).filter((r) => r.UAI === '0130011S');
    expect(classes.map((r) => r.Classe)).toEqual(['Classe 1', 'Classe 2', 'Classe 10']);
    const needs = records(sheetNamed(sheets, 'Besoins')).filter((r) => r.UAI === '0130011S');
    expect(distinct(needs.map((r) => r.Classe))).toEqual(['Classe 1', 'Classe 2', 'Classe 10']);
  });
});
