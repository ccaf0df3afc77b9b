// The Annuaire of another département than the Bouches-du-Rhône: each school gets the chef de file of that
// département's configuration (the bug reported: the Val-de-Marne's schools all came in as "cd13"), and the
// spreadsheet's Synthèse lists that département's chefs de file, read back by an independent reader.
import { describe, expect, it } from 'vitest';
import { importDirectoryFiles } from '../../src/directory/import-files';
import { runExport } from '../../src/export/run-export';
import { defaultReferentialFor } from '../../src/model/referential';
import type { DirectorySchool } from '../../src/model/school';
import { parseTerritoryFile } from '../../src/territory/territory-file';
import { territoryFor } from '../../src/territory/territory-for';
import { readXlsx } from '../export/support/read-xlsx';
import { CHAMPIGNY, CRETEIL, IVRY, VAL_DE_MARNE_CSV, VITRY_1, VITRY_2, VITRY_TERRITORY_FILE } from './fixtures/annuaire-val-de-marne';

const annuaire = () => new Blob([VAL_DE_MARNE_CSV], { type: 'text/csv' });
const chefs = (schools: readonly DirectorySchool[]) => Object.fromEntries(schools.map((s) => [s.uai, s.chefDeFile]));

async function synthese(schools: DirectorySchool[], referential = defaultReferentialFor(territoryFor('094'))) {
  const file = runExport({
    campaign: '2026-2027', directory: schools, fiches: [], deviceOf: new Map(), referential, exportedAt: new Date('2026-11-28T17:38:00Z'),
  }, 'xlsx', undefined);
  const sheets = await readXlsx(file.bytes);
  return sheets.find((s) => s.name === 'Synthèse')?.rows.map((row) => row.slice(0, 3));
}

describe('the Annuaire of the Val-de-Marne', () => {
  it('gives every school its Conseil départemental when the département has no configuration', async () => {
    const { schools, report } = await importDirectoryFiles({ annuaire: annuaire() }, { departement: '094' });
    expect(report.kept).toBe(5);
    expect(report.skipped.map((s) => s.reason)).toEqual(['Autre département (013)', 'École privée']);
    expect(chefs(schools)).toEqual({ [CRETEIL]: 'cd94', [VITRY_1]: 'cd94', [VITRY_2]: 'cd94', [IVRY]: 'cd94', [CHAMPIGNY]: 'cd94' });
  });

  it('ignores a territory of another département given with it: the Val-de-Marne’s own applies', async () => {
    const { schools } = await importDirectoryFiles({ annuaire: annuaire() }, { departement: '094', territory: defaultReferentialFor(territoryFor('013')).territory });
    expect(new Set(schools.map((s) => s.chefDeFile))).toEqual(new Set(['cd94']));
  });

  it('gives the schools of a city its territory file names to that city, the others to the Conseil départemental', async () => {
    const territory = territoryFor('094', parseTerritoryFile(VITRY_TERRITORY_FILE));
    const { schools } = await importDirectoryFiles({ annuaire: annuaire() }, { departement: '094', territory });
    expect(chefs(schools)).toEqual({ [CRETEIL]: 'cd94', [VITRY_1]: 'ville-vitry', [VITRY_2]: 'ville-vitry', [IVRY]: 'cd94', [CHAMPIGNY]: 'cd94' });
  });

  it('makes a Synthèse with the Conseil départemental du Val-de-Marne’s rows', async () => {
    const { schools } = await importDirectoryFiles({ annuaire: annuaire() }, { departement: '094' });
    expect(await synthese(schools)).toEqual([
      ['Conseil départemental du Val-de-Marne', 'Champigny-sur-Marne', 1],
      ['Conseil départemental du Val-de-Marne', 'Créteil Centre', 1],
      ['Conseil départemental du Val-de-Marne', 'Ivry-sur-Seine', 1],
      ['Conseil départemental du Val-de-Marne', 'Vitry-sur-Seine Nord', 1],
      ['Conseil départemental du Val-de-Marne', 'Vitry-sur-Seine Sud', 1],
      ['Total Conseil départemental du Val-de-Marne', null, 5],
      ['Total département', null, 5],
    ]);
  });

  it('makes a Synthèse with the named city first, in the territory’s order, and its targets in Référentiel', async () => {
    const config = territoryFor('094', parseTerritoryFile(VITRY_TERRITORY_FILE));
    const { schools } = await importDirectoryFiles({ annuaire: annuaire() }, { departement: '094', territory: config });
    const referential = defaultReferentialFor(config);
    expect(await synthese(schools, referential)).toEqual([
      ['Ville de Vitry-sur-Seine', 'Vitry-sur-Seine Nord', 1],
      ['Ville de Vitry-sur-Seine', 'Vitry-sur-Seine Sud', 1],
      ['Total Ville de Vitry-sur-Seine', null, 2],
      ['Conseil départemental du Val-de-Marne', 'Champigny-sur-Marne', 1],
      ['Conseil départemental du Val-de-Marne', 'Créteil Centre', 1],
      ['Conseil départemental du Val-de-Marne', 'Ivry-sur-Seine', 1],
      ['Total Conseil départemental du Val-de-Marne', null, 3],
      ['Total département', null, 5],
    ]);
    const file = runExport({ campaign: '2026-2027', directory: schools, fiches: [], deviceOf: new Map(), referential, exportedAt: new Date() }, 'xlsx', undefined);
    const targets = (await readXlsx(file.bytes)).find((s) => s.name === 'Référentiel')?.rows.filter((row) => row[0] === 'Objectif');
    expect(targets?.map((row) => row.slice(2, 5))).toEqual([['Classes à équiper', 400, 'classes'], ['Néo-titulaires à équiper', 'non fixé', null]]);
  });
});
