import { describe, expect, it } from 'vitest';
import { createAnnuaireImporter } from '../../src/directory/annuaire';
import type { AnnuaireImportOptions } from '../../src/directory/annuaire';
import { createCsvParser } from '../../src/directory/csv';
import {
  ANNUAIRE_ROWS,
  BAD_LETTER_UAI,
  CLOSED_UAI,
  makeAnnuaireRow,
  makeUai,
  renderAnnuaire,
} from './fixtures/annuaire-fixture';
import type { HeaderStyle } from './fixtures/annuaire-fixture';

function importText(text: string, options?: AnnuaireImportOptions) {
  const importer = createAnnuaireImporter(options);
  let first = true;
  const parser = createCsvParser((fields, line) => {
    if (first) importer.header(fields, line);
    else importer.row(fields, line);
    first = false;
  });
  parser.push(text);
  parser.end();
  return importer.finish();
}

function importFixture(options?: AnnuaireImportOptions, style: HeaderStyle = 'csv', separator: ';' | ',' = ';') {
  return importText(renderAnnuaire(ANNUAIRE_ROWS, style, separator), options);
}

const school = (uai: string) => importFixture().schools.find((s) => s.uai === uai);

describe('annuaire import', () => {
  it("keeps the département's public écoles with élémentaire classes, closed ones included", () => {
    const { schools, report } = importFixture();
    expect(schools.map((s) => s.uai)).toEqual(['0130569Y', makeUai('0131001'), makeUai('0131002'), CLOSED_UAI, '0130541T']);
    expect(report.read).toBe(12);
    expect(report.kept).toBe(5);
  });

  it('fills a school from its line, Marseille paid by the Ville', () => {
    expect(school('0130569Y')).toEqual({
      uai: '0130569Y',
      name: 'Ecole élémentaire François Moisson',
      commune: 'Marseille 2e Arrondissement',
      communeCode: '13202',
      circonscription: 'Marseille 02 – Joliette',
      educationPrioritaire: 'REP+',
      chefDeFile: 'ville-marseille',
      maternelle: false,
      elementaire: true,
      classes: null,
      pupils: 212,
      ips: null,
      open: true,
      source: 'annuaire',
    });
  });

  it("reads the département written '13', a primaire, a blank number of pupils, a commune paid by the CD13", () => {
    expect(school(makeUai('0131001'))).toMatchObject({
      commune: 'Bouc-Bel-Air',
      chefDeFile: 'cd13',
      maternelle: true,
      elementaire: true,
      educationPrioritaire: null,
      pupils: null,
    });
  });

  it('puts a quoted name with separators, quotes and a line break on one line', () => {
    expect(school(makeUai('0131002'))).toMatchObject({
      name: 'Ecole élémentaire "Les Canourgues"; annexe, bât. B Salon',
      commune: 'Salon-de-Provence',
      educationPrioritaire: 'REP',
    });
  });

  it('refuses a wrong check letter and a malformed UAI, with the line and a French reason naming the UAI', () => {
    const { refused } = importFixture().report;
    expect(refused).toEqual([
      { line: 6, reason: expect.stringContaining(BAD_LETTER_UAI) as string },
      { line: 14, reason: expect.stringContaining('« 013054 »') as string },
    ]);
    expect(refused[0]?.reason).toMatch(/lettre de contrôle erronée \([A-Z] attendue\)/);
    expect(refused[1]?.reason).toMatch(/mal formé/);
  });

  it('merges a duplicate UAI into the first line and reports the duplicate line', () => {
    const { schools, report } = importFixture();
    expect(schools.filter((s) => s.uai === '0130569Y')).toHaveLength(1);
    expect(school('0130569Y')?.pupils).toBe(212);
    expect(report.merged).toEqual([{ line: 7, uai: '0130569Y' }]);
  });

  it("imports a closed school as not open, and one 'à fermer' as still open", () => {
    expect(school(CLOSED_UAI)).toMatchObject({ open: false, commune: 'Châteauneuf-les-Martigues' });
    expect(school('0130541T')?.open).toBe(true);
  });

  it('skips a maternelle, another département, a private school and a lycée, each with its French reason', () => {
    expect(importFixture().report.skipped).toEqual([
      { line: 9, reason: 'École maternelle, sans classe élémentaire' },
      { line: 10, reason: 'Autre département (075)' },
      { line: 11, reason: 'École privée' },
      { line: 12, reason: 'Pas une école (Lycée)' },
    ]);
  });

  it('keeps maternelles when the setting includes them', () => {
    const { schools, report } = importFixture({ includeMaternelles: true });
    expect(schools.find((s) => s.uai === '0130855J')).toMatchObject({ maternelle: true, elementaire: false });
    expect(report.skipped.map((s) => s.line)).toEqual([10, 11, 12]);
  });

  it('follows the département setting', () => {
    const { schools } = importFixture({ departement: '075' });
    expect(schools.map((s) => s.uai)).toEqual([makeUai('0750001')]);
  });

  it("reads the API's lower-case headers in another order, with commas, to the same result", () => {
    const csvStyle = importFixture();
    expect(importFixture({}, 'api', ',')).toEqual(csvStyle);
    expect(importFixture({}, 'api', ';')).toEqual(csvStyle);
    expect(importFixture({}, 'csv', ',')).toEqual(csvStyle);
  });

  it('reports a missing required column by name and imports nothing', () => {
    const text = renderAnnuaire(ANNUAIRE_ROWS, 'csv', ';').replace('Code_commune', 'Commune_code');
    const { schools, report } = importText(text);
    expect(schools).toEqual([]);
    expect(report.refused).toEqual([{ line: 1, reason: 'Colonne obligatoire absente : « Code_commune »' }]);
    expect(report.read).toBe(12);
  });

  it('keeps the open line of a school listed closed first', () => {
    const rows = [makeAnnuaireRow({ etat: 'FERME', pupils: '10' }), makeAnnuaireRow({ pupils: '20' })];
    const { schools, report } = importText(renderAnnuaire(rows, 'csv', ';'));
    expect(schools).toHaveLength(1);
    expect(schools[0]).toMatchObject({ open: true, pupils: 20 });
    expect(report.merged).toEqual([{ line: 3, uai: '0130569Y' }]);
  });

  it('refuses a line too short to reach every column', () => {
    const text = `${renderAnnuaire([makeAnnuaireRow()], 'csv', ';')}0130541T;Ecole Canet\n`;
    expect(importText(text).report.refused).toEqual([{ line: 3, reason: 'Ligne incomplète : 2 champ(s) au lieu de 13' }]);
  });

  it('refuses a school without a name', () => {
    const text = renderAnnuaire([makeAnnuaireRow({ name: '  ' })], 'csv', ';');
    expect(importText(text).report.refused).toEqual([{ line: 2, reason: "Nom de l'école absent (UAI 0130569Y)" }]);
  });

  it('says so when the file is empty', () => {
    const { schools, report } = importText('');
    expect(schools).toEqual([]);
    expect(report.refused).toEqual([{ line: 1, reason: "Fichier vide : aucune ligne d'en-tête" }]);
  });
});
