// Référentiel written for a reader (export.md v2): French labels with units, shares as percentages, the assumed
// display age flagged, a local référentiel announced on the first line, and no code of the app anywhere.
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../src/export/workbook';
import { REFERENTIAL_V1, type Referential } from '../../src/model/referential';
import type { Sheet } from '../../src/export/sheet';
import { fixtureInput } from './fixture';
import { recordWhere, records, type SheetRecord } from './support/records';

function referentialRows(referential: Referential = REFERENTIAL_V1): SheetRecord[] {
  return records(buildWorkbook({ ...fixtureInput(), referential }, 'referentiel')[0] as Sheet);
}

const rows = referentialRows();
const byLabel = (label: string, from: readonly SheetRecord[] = rows) => recordWhere(from, 'Libellé', label);

/** The app's own words for things: parameter, funding and target keys, article ids (not "classes", a French word). */
const CODES = [
  ...Object.keys(REFERENTIAL_V1.params), ...Object.keys(REFERENTIAL_V1.funding), 'newTeachers',
  ...REFERENTIAL_V1.prices.map((p) => p.item), 'version', 'exportedAt', 'campaign',
];

describe('Référentiel', () => {
  it('has the columns of a table a reader can follow, units beside the values', () => {
    expect(buildWorkbook(fixtureInput(), 'referentiel')[0]?.columns.map((c) => c.header)).toEqual([
      'Rubrique', 'Code', 'Libellé', 'Valeur', 'Unité', 'Date', 'Source',
    ]);
  });

  it('shows no code of the app: the Code column holds only rule ids, and no cell a key or an article id', () => {
    expect(rows.map((r) => r.Code).filter((c) => c !== null)).toEqual(REFERENTIAL_V1.rules.map((r) => r.id));
    for (const row of rows) {
      for (const [header, cell] of Object.entries(row)) {
        if (typeof cell !== 'string') continue;
        expect(cell, header).not.toMatch(/\b[a-z]+[A-Z]\w*/); // camelCase
        for (const code of CODES) expect(cell === code || new RegExp(`(^|[\\s(])${code}($|[\\s),])`).test(cell), `${header}: ${cell}`).toBe(false);
      }
    }
  });

  it('states the version, the export time and the fiches it covers, in French', () => {
    expect(rows[0]).toMatchObject({ Rubrique: 'Export', Libellé: 'Version du référentiel', Valeur: '2026.1' });
    expect(byLabel("Date et heure de l'export").Valeur).toEqual({ date: '2026-11-28T18:38' });
    expect(byLabel('Campagne').Valeur).toBe('2026-2027');
    expect(byLabel('Fiches couvertes')).toMatchObject({ Valeur: 10, Unité: 'fiches' });
    expect(byLabel('Fiches école')).toMatchObject({ Valeur: 3, Unité: 'fiches' });
    expect(byLabel('Fiches classe')).toMatchObject({ Valeur: 7, Unité: 'fiches' });
  });

  it('names each rule with its short name and wording, and its severity in French', () => {
    expect(recordWhere(rows, 'Code', 'C01')).toMatchObject({
      Rubrique: 'Règle de la classe', Libellé: 'Affichage collectif – Un affichage collectif (vidéoprojecteur, VPI, TNI ou ENI)', Valeur: 'Requis',
    });
    expect(recordWhere(rows, 'Code', 'E09')).toMatchObject({ Rubrique: "Règle de l'école", Valeur: 'Hors socle' });
  });

  it('gives every parameter a French label and its unit', () => {
    expect(rows.filter((r) => r.Rubrique === 'Paramètre').map((r) => [r.Libellé, r.Valeur, r.Unité])).toEqual([
      ["Âge maximal d'un ordinateur ou d'une flotte mobile", 5, 'ans'],
      ["Âge maximal d'un affichage collectif", 8, 'ans'],
      ["Mémoire vive minimale d'un ordinateur", 8, 'Go'],
      ['Terminaux mobiles par groupe de classes', 10, 'terminaux'],
      ['Classes par groupe', 4, 'classes'],
      ['Débit descendant minimal', "non fixé : la règle E04 n'est pas évaluée", null],
    ]);
    expect(rows.filter((r) => r.Rubrique === 'Paramètre')).toHaveLength(Object.keys(REFERENTIAL_V1.params).length);
  });

  it('flags the display age as an assumption while it holds its default', () => {
    expect(byLabel("Âge maximal d'un affichage collectif").Source).toBe('hypothèse, à confirmer par le Département');
    const decided = referentialRows({ ...REFERENTIAL_V1, params: { ...REFERENTIAL_V1.params, displayMaxAgeYears: 7 } });
    expect(byLabel("Âge maximal d'un affichage collectif", decided)).toMatchObject({ Valeur: 7, Source: null });
  });

  it('shows the funding shares as percentages, the threshold in euros, the targets and the prices with their units', () => {
    expect(rows.filter((r) => r.Rubrique === 'Financement').map((r) => [r.Libellé, r.Valeur, r.Unité])).toEqual([
      ["Seuil des dépenses d'équipement d'une collectivité", 200_000, '€ HT'],
      ["Part de l'État sous le seuil", 70, '%'],
      ["Part de l'État à partir du seuil", 50, '%'],
      ["Part de l'État pour les ressources numériques", 50, '%'],
    ]);
    expect(byLabel('Classes à équiper')).toMatchObject({ Rubrique: 'Objectif', Valeur: 2700, Unité: 'classes' });
    expect(byLabel('Néo-titulaires à équiper')).toMatchObject({ Valeur: 1000, Unité: 'néo-titulaires' });
    expect(byLabel('Écran numérique interactif (ENI 65")')).toMatchObject({ Rubrique: 'Prix unitaire HT', Valeur: 2700, Unité: '€ HT', Date: '2017' });
    expect(byLabel('Ordinateur de classe')).toMatchObject({ Valeur: 'non chiffré', Unité: null, Date: null });
  });

  it('gives the priority scale the Score de priorité of Écoles is computed with', () => {
    const scale = rows.filter((r) => r.Rubrique === 'Priorité (barème sur 100)');
    expect(scale.map((r) => r.Valeur)).toEqual([40, 25, 20, 10, 30, 2, 10]);
    expect(scale.every((r) => r.Unité === 'points')).toBe(true);
  });

  it('says on its first line that a référentiel edited on a device is a local simulation', () => {
    const local = referentialRows({ ...REFERENTIAL_V1, version: '2026.1-local.2', params: { ...REFERENTIAL_V1.params, minDownloadMbps: 8 } });
    expect(local[0]).toMatchObject({
      Rubrique: 'Attention', Valeur: '2026.1-local.2',
      Libellé: 'Référentiel local (simulation) : paramètres ou prix modifiés sur un appareil, ce ne sont pas ceux arrêtés par le Département',
    });
    expect(byLabel('Débit descendant minimal', local)).toMatchObject({ Valeur: 8, Unité: 'Mb/s' });
    expect(rows[0]?.Rubrique).toBe('Export');
  });
});
