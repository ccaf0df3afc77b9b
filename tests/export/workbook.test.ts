// The five sheets of export.md from the fixture département: layout, French values, which fiches count, totals.
import { describe, expect, it } from 'vitest';
import { buildWorkbook, exportFileName } from '../../src/export/workbook';
import type { Cell, Sheet } from '../../src/export/sheet';
import { GapEngine } from '../../src/gaps/gap-engine';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { generateDepartement } from '../fixtures/departement/generate-departement';
import { CAMPAIGN, DIRECTORY, EXPORTED_AT, fixtureInput, OUTSIDE_UAI, TRICKY_TEXTS } from './fixture';

const sheets = buildWorkbook(fixtureInput());
const byName = (name: string) => sheets.find((s) => s.name === name) as Sheet;

/** Rows as objects keyed by header, to read a value by its column's name. */
function records(sheet: Sheet): Array<Record<string, Cell>> {
  return sheet.rows.map((row) => Object.fromEntries(sheet.columns.map((c, i) => [c.header, row[i] ?? null])));
}

const num = (cell: Cell | undefined) => (typeof cell === 'number' ? cell : 0);

describe('the workbook', () => {
  it('has the five sheets of export.md in order, with their headers', () => {
    expect(sheets.map((s) => s.name)).toEqual(['Synthèse', 'Écoles', 'Classes', 'Besoins', 'Référentiel']);
    expect(byName('Synthèse').columns.map((c) => c.header).join(' · ')).toBe(
      'Chef de file · Circonscription · Écoles (annuaire) · Écoles auditées · Classes auditées · Classes au socle · ' +
        'Classes à équiper · Néo-titulaires à équiper · Besoin estimé HT (€) · Articles non chiffrés · Part État estimée (€)',
    );
    expect(byName('Besoins').columns.map((c) => c.header).join(' · ')).toBe(
      'UAI · École · Circonscription · Chef de file · Classe · Règle · Article · Quantité · Prix unitaire HT (€) · Montant HT (€) · Motif',
    );
    // v1's 33 and 25 columns, then v2's 12 and 9 (their headers: xlsx.test.ts).
    expect(byName('Écoles').columns).toHaveLength(33 + 12);
    expect(byName('Classes').columns).toHaveLength(25 + 9);
    for (const sheet of sheets) for (const row of sheet.rows) expect(row).toHaveLength(sheet.columns.length);
  });

  it('builds only the sheet a CSV export asks for', () => {
    expect(buildWorkbook(fixtureInput(), 'besoins').map((s) => s.slug)).toEqual(['besoins']);
  });

  it('names the file with the campaign and the Paris time', () => {
    expect(exportFileName(CAMPAIGN, EXPORTED_AT, 'xlsx')).toBe('tne13-etat-des-lieux-2026-2027-20261128-1838.xlsx');
    expect(exportFileName(CAMPAIGN, EXPORTED_AT, 'csv', 'ecoles')).toBe('tne13-etat-des-lieux-2026-2027-20261128-1838-ecoles.csv');
    // Summer time: 10:00 UTC is 12:00 in Paris.
    expect(exportFileName(CAMPAIGN, new Date('2026-07-01T10:00:00Z'), 'xlsx')).toBe('tne13-etat-des-lieux-2026-2027-20260701-1200.xlsx');
  });
});

describe('Écoles', () => {
  const rows = records(byName('Écoles'));
  const row = (uai: string) => rows.find((r) => r.UAI === uai) as Record<string, Cell>;

  it('has one row per open school of the directory, audited or not, and one per school out of it with fiches', () => {
    const open = DIRECTORY.filter((s) => s.open).map((s) => s.uai);
    expect(rows.map((r) => r.UAI).sort()).toEqual([...open, '0130003H', OUTSIDE_UAI].sort());
    expect(row('0131234W').Statut).toBe('À auditer');
    expect(row(OUTSIDE_UAI).Statut).toBe('hors annuaire');
    // Closed: out of the directory's count, but its name is still shown.
    expect(row('0130003H')).toMatchObject({ Statut: 'hors annuaire', École: 'École fermée du Vieux-Port', 'Chef de file': 'Hors annuaire' });
  });

  it('writes French values: labels instead of codes, Oui / Non, empty for "non renseigné"', () => {
    expect(row('0130569Y')).toMatchObject({
      École: 'École élémentaire François Moisson', 'Chef de file': 'Ville de Marseille', 'Éducation prioritaire': 'REP+',
      Statut: 'Terminé', 'Date de visite': { date: '2026-10-12' }, Auditeur: 'Camille Martin', Rôle: 'ERUN',
      Classes: 8, 'Classes auditées': 3, 'Classes au socle': 1, Élèves: 188, 'Néo-titulaires': 2, 'Accès internet': 'Fibre',
      'Débit descendant (Mb/s)': 300.5, 'Wi-Fi': 'Toutes les classes', 'Wi-Fi débrayable': 'Oui',
      'Terminaux mobiles fonctionnels': 15, 'Terminaux requis': 20, Filtrage: 'Oui', Charte: 'Non', ENT: 'Oui (ENT Atrium)',
      'Règles non tenues': 'E01, E06', 'École au socle': 'Non', 'Besoins de formation': 'Robotique et programmation',
      'Besoins exprimés': TRICKY_TEXTS[0], Référentiel: '2026.1',
    });
    expect(row('0130001F')).toMatchObject({ Statut: 'Brouillon', Rôle: 'Technicien', Auditeur: 'Éloïse Nguyễn-Çelik', ENT: 'Non', 'Néo-titulaires': null });
    // Not audited: the directory's figures, the rest empty, nothing invented.
    expect(row('0131234W')).toMatchObject({ Classes: 6, Élèves: 140, 'Classes auditées': 0, Filtrage: null, 'École au socle': null, Auditeur: null });
  });

  it('lists schools by chef de file (Marseille, CD13, then out of the directory)', () => {
    expect(rows.map((r) => r['Chef de file'])).toEqual([
      'Ville de Marseille', 'Ville de Marseille', 'Conseil départemental 13', 'Conseil départemental 13', 'Hors annuaire', 'Hors annuaire',
    ]);
  });
});

describe('Classes', () => {
  const rows = records(byName('Classes'));

  it('has one row per live classroom fiche of the campaign: no tombstone, no other campaign', () => {
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => r.Classe)).not.toContain('Salle supprimée');
    expect(rows.map((r) => r.Classe)).not.toContain('Ancienne');
  });

  it('marks classrooms of one school with the same label from two devices as "Doublon possible", and keeps both', () => {
    const marked = rows.filter((r) => r['Doublon possible'] === 'Oui').map((r) => `${r.UAI} ${r.Classe}`);
    expect(marked.sort()).toEqual(['0130569Y CP A', '0130569Y cp  a']);
    expect(rows.filter((r) => r['Doublon possible'] !== 'Oui').every((r) => r['Doublon possible'] === null)).toBe(true);
  });

  it('writes the form\'s labels, the obsolete computer and the Paris time of the last change', () => {
    const cpA = rows.find((r) => r.Classe === 'CP A') as Record<string, Cell>;
    expect(cpA).toMatchObject({
      Niveaux: 'CP', Affichage: 'Vidéoprojecteur', 'État affichage': 'En panne', 'Année affichage': 2012, Ordinateur: 'Fixe',
      'État ordinateur': 'Dégradé', 'RAM (Go)': 4.5, Stockage: 'Disque dur', Obsolète: 'Oui', Réseau: 'Filaire', Visualiseur: 'Non',
      'Au socle': 'Non', 'Règles non tenues': 'C01, C03, C05', 'Besoin estimé HT (€)': 3200, 'Modifié le': { date: '2026-10-12T11:40' },
    });
    const cm1 = rows.find((r) => r.Classe === 'CM1 B') as Record<string, Cell>;
    expect(cm1).toMatchObject({ 'Au socle': 'Oui', Obsolète: 'Non', 'Règles non tenues': null, Besoins: null, 'Besoin estimé HT (€)': 0 });
  });
});

describe('Synthèse', () => {
  const rows = records(byName('Synthèse'));
  const figures = byName('Synthèse').columns.slice(2).map((c) => c.header);

  it('has a row per (chef de file, circonscription), a subtotal after each chef de file, the département last', () => {
    expect(rows.map((r) => [r['Chef de file'], r.Circonscription])).toEqual([
      ['Ville de Marseille', 'Marseille 02 – Joliette'],
      ['Ville de Marseille', 'Marseille 09 – Mazargues'],
      ['Total Ville de Marseille', null],
      ['Conseil départemental 13', 'Aix-en-Provence Sud'],
      ['Conseil départemental 13', 'Arles'],
      ['Total Conseil départemental 13', null],
      ['Hors annuaire', null],
      ['Total hors annuaire', null],
      ['Total département', null],
    ]);
  });

  it('makes every subtotal the sum of its rows, and the total the sum of the subtotals', () => {
    let group: Array<Record<string, Cell>> = [];
    const subtotals: Array<Record<string, Cell>> = [];
    for (const row of rows) {
      const chef = String(row['Chef de file']);
      if (chef === 'Total département') {
        for (const h of figures) expect(num(row[h])).toBeCloseTo(subtotals.reduce((s, r) => s + num(r[h]), 0), 2);
      } else if (chef.startsWith('Total ')) {
        for (const h of figures) expect(num(row[h])).toBeCloseTo(group.reduce((s, r) => s + num(r[h]), 0), 2);
        subtotals.push(row);
        group = [];
      } else group.push(row);
    }
    expect(subtotals).toHaveLength(3);
  });

  it('traces every figure to the other sheets, and agrees with the app\'s département figures', () => {
    const total = rows.at(-1) as Record<string, Cell>;
    const schools = records(byName('Écoles'));
    const needs = records(byName('Besoins'));
    expect(total['Écoles (annuaire)']).toBe(schools.filter((r) => r.Statut !== 'hors annuaire').length);
    // Audited classrooms: those with something of their equipment recorded (the untouched "Moyenne section" is not).
    expect(total['Classes auditées']).toBe(byName('Classes').rows.length - 1);
    expect(total['Classes auditées']).toBe(schools.reduce((s, r) => s + num(r['Classes auditées']), 0));
    expect(total['Besoin estimé HT (€)']).toBeCloseTo(schools.reduce((s, r) => s + num(r['Besoin estimé HT (€)']), 0), 2);
    expect(total['Besoin estimé HT (€)']).toBeCloseTo(needs.reduce((s, r) => s + num(r['Montant HT (€)']), 0), 2);
    expect(total['Articles non chiffrés']).toBe(needs.filter((r) => r['Montant HT (€)'] === null).length);

    const input = fixtureInput();
    const fiches = input.fiches.filter((f) => f.campaign === CAMPAIGN); // the app holds one campaign
    const app = new GapEngine({ referential: REFERENTIAL_V1, directory: input.directory, fiches, currentYear: 2026 }).report(0).departement.total;
    // The State's share to the euro, on each row: the total may differ from the unrounded sum by half a euro a row.
    expect(Math.abs(num(total['Part État estimée (€)']) - app.stateShareHt)).toBeLessThanOrEqual(0.5 * (rows.length - 4));
    expect(total).toMatchObject({
      'Écoles auditées': app.schoolsAudited, 'Classes auditées': app.classesAudited, 'Classes au socle': app.classesMeeting,
      'Classes à équiper': app.classesToEquip, 'Néo-titulaires à équiper': app.newTeachers, 'Besoin estimé HT (€)': app.costHt,
      'Articles non chiffrés': app.unpricedItems,
    });
  });

  it('adds up on the generated département too (1,200 schools, 9,000 classrooms)', () => {
    const { schools, fiches } = generateDepartement();
    const big = buildWorkbook({ campaign: CAMPAIGN, directory: schools, fiches, deviceOf: new Map(), referential: REFERENTIAL_V1, exportedAt: EXPORTED_AT });
    const [synthese, ecoles, classes, besoins] = big as [Sheet, Sheet, Sheet, Sheet];
    const total = records(synthese).at(-1) as Record<string, Cell>;
    expect(total['Écoles (annuaire)']).toBe(1200);
    expect(total['Classes auditées']).toBe(classes.rows.length);
    expect(classes.rows.length).toBe(fiches.filter((f) => f.kind === 'classroom' && !f.deleted).length);
    const amount = besoins.columns.findIndex((c) => c.header === 'Montant HT (€)');
    const cost = ecoles.columns.findIndex((c) => c.header === 'Besoin estimé HT (€)');
    const sum = (sheet: Sheet, i: number) => sheet.rows.reduce((s, r) => s + num(r[i]), 0);
    expect(num(total['Besoin estimé HT (€)'])).toBeCloseTo(sum(besoins, amount), 2);
    expect(num(total['Besoin estimé HT (€)'])).toBeCloseTo(sum(ecoles, cost), 2);
    expect(total['Articles non chiffrés']).toBe(besoins.rows.filter((r) => r[amount] === null).length);
  });
});

describe('Besoins', () => {
  const rows = records(byName('Besoins'));

  it('has one row per need, the school\'s own with an empty Classe, priced or not', () => {
    expect(rows.find((r) => r.UAI === '0130569Y' && r.Classe === null)).toMatchObject({
      Règle: 'E01', Article: 'Terminal mobile (tablette ou portable)', Quantité: 5, 'Prix unitaire HT (€)': null, 'Montant HT (€)': null,
    });
    expect(rows.find((r) => r.Classe === 'CP A' && r.Règle === 'C01')).toMatchObject({ Quantité: 1, 'Prix unitaire HT (€)': 2700, 'Montant HT (€)': 2700 });
  });
});

describe('Amounts', () => {
  // Prices as a collectivité may type them, with more than two decimals.
  const prices = REFERENTIAL_V1.prices.map((p) =>
    p.item === 'display' ? { ...p, unitPriceHt: 1234.567 } : p.item === 'display-installation' ? { ...p, unitPriceHt: 333.3333 } : p);
  const priced = buildWorkbook({ ...fixtureInput(), referential: { ...REFERENTIAL_V1, prices } });
  const sheetOf = (name: string) => priced.find((s) => s.name === name) as Sheet;
  const moneyCells = (sheet: Sheet, kind: 'money' | 'euros') =>
    sheet.columns.flatMap((c, i) => (c.kind === kind ? sheet.rows.map((r) => r[i]) : [])).filter((v): v is number => typeof v === 'number');

  it('rounds every amount to the cent, unit prices included', () => {
    const cells = priced.flatMap((sheet) => moneyCells(sheet, 'money'));
    expect(cells.length).toBeGreaterThan(30);
    for (const value of cells) expect(Math.round(value * 100) / 100).toBe(value);
    const display = records(sheetOf('Besoins')).find((r) => r.Classe === 'CP A' && r.Article === 'Écran numérique interactif (ENI 65")');
    expect(display).toMatchObject({ 'Prix unitaire HT (€)': 1234.57, 'Montant HT (€)': 1234.57 });
  });

  it('rounds the State share to the euro on each row of Synthèse, every total the sum of the rows shown', () => {
    const synthese = sheetOf('Synthèse');
    expect(synthese.columns.find((c) => c.header === 'Part État estimée (€)')?.kind).toBe('euros');
    const shares = moneyCells(synthese, 'euros');
    expect(shares.length).toBe(synthese.rows.length);
    for (const value of shares) expect(Number.isInteger(value)).toBe(true);
    const rows = records(synthese);
    const lines = rows.filter((r) => !String(r['Chef de file']).startsWith('Total '));
    expect(rows.at(-1)?.['Part État estimée (€)']).toBe(lines.reduce((s, r) => s + num(r['Part État estimée (€)']), 0));
    // 70 % of the département's priced needs, each row rounded: within half a euro a row of the exact share.
    const cost = num(rows.at(-1)?.['Besoin estimé HT (€)']);
    expect(Math.abs(num(rows.at(-1)?.['Part État estimée (€)']) - 0.7 * cost)).toBeLessThanOrEqual(0.5 * lines.length);
  });
});
