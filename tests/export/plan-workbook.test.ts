// The equipment plan as sheets (pilotage.md, "Equipment plan"), as plain data: one sheet per chef de file whose
// table follows the plan's order with French statuses, and whose totals under it are the plan's own figures.
import { describe, expect, it } from 'vitest';
import {
  buildPlanSheets, PLAN_STATUS_LABELS, planFileName, planSheetName, planWorkbookFile, SIMULATION_NOTICE, UNPRICED_HEADING,
} from '../../src/export/plan-workbook';
import { LOCAL_REFERENTIAL_WARNING } from '../../src/export/referential-sheet';
import type { Cell, Sheet } from '../../src/export/sheet';
import { XLSX_MIME } from '../../src/export/xlsx';
import type { LabelledPlan, PlanReport } from '../../src/gaps/pilotage';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { CAMPAIGN, EXPORTED_AT } from './fixture';
import { makePlanReport, withKitPrice } from './support/plan-fixture';

const HEADERS = [
  'Rang', 'UAI', 'École', 'Commune', 'Circonscription', 'Score de priorité', 'Statut', 'Besoin HT (€)', 'Cumul HT (€)',
  'Classes à équiper', 'Classes amenées au socle', 'Articles non chiffrés',
];
const CTX = { campaign: CAMPAIGN, referential: REFERENTIAL_V1, exportedAt: EXPORTED_AT };

const col = (header: string): number => HEADERS.indexOf(header);
const toCents = (euros: number): number => Math.round(euros * 100);

/** The table's rows: those the header filters. */
const tableOf = (sheet: Sheet): Cell[][] => sheet.rows.slice(0, sheet.tableRows);

/** The rows under the table, as label → the value beside it (Statut → Besoin HT). */
function footOf(sheet: Sheet): Map<string, Cell> {
  const foot = sheet.rows.slice((sheet.tableRows ?? 0) + 1);
  return new Map(foot.map((row) => [row[col('Statut')] as string, row[col('Besoin HT (€)')] ?? null]));
}

function sheetsAndPlans(report: PlanReport = makePlanReport()): Array<[Sheet, LabelledPlan]> {
  const sheets = buildPlanSheets(report, CTX);
  expect(sheets).toHaveLength(report.plans.length);
  return sheets.map((sheet, i) => [sheet, report.plans[i] as LabelledPlan]);
}

describe('buildPlanSheets', () => {
  it('makes one sheet per chef de file, named for it in at most 31 characters Excel accepts', () => {
    const sheets = buildPlanSheets(makePlanReport(), CTX);
    expect(sheets.map((s) => s.name)).toEqual(['Plan Ville de Marseille', 'Plan Conseil départemental 13']);
    expect(sheets.map((s) => s.slug)).toEqual(['plan-ville-marseille', 'plan-cd13']);
    for (const sheet of sheets) {
      expect(sheet.name.length).toBeLessThanOrEqual(31);
      expect(sheet.name).not.toMatch(/[\\/?*[\]:]/);
      expect(sheet.columns.map((c) => c.header)).toEqual(HEADERS);
    }
  });

  it('lists the schools in the plan order, with their ranks and statuses in French', () => {
    for (const [sheet, plan] of sheetsAndPlans()) {
      const table = tableOf(sheet);
      expect(sheet.tableRows).toBe(plan.lines.length);
      expect(table.map((row) => row[col('UAI')])).toEqual(plan.lines.map((l) => l.uai));
      expect(table.map((row) => row[col('Rang')])).toEqual(plan.lines.map((l) => l.rank));
      expect(table.map((row) => row[col('Statut')])).toEqual(plan.lines.map((l) => PLAN_STATUS_LABELS[l.status]));
    }
    const [marseille] = buildPlanSheets(makePlanReport(), CTX) as [Sheet];
    expect(tableOf(marseille).map((row) => row[col('Statut')])).toEqual([
      'Financée', 'Ne tient pas dans le reste du budget', 'Rien de chiffré', 'Financée',
    ]);
    expect(tableOf(marseille)[0]).toEqual([1, '0131001A', 'École élémentaire Air-Bel', 'Marseille', 'Marseille 02 – Joliette', 72.5, 'Financée', 6400, 6400, 3, 2, 1]);
    // Not funded: no running total, no class brought to the socle.
    expect(tableOf(marseille)[1]?.slice(col('Besoin HT (€)'))).toEqual([9000.51, null, 4, 0, 0]);
    // Nothing priced: no amount, rather than 0, which would read as nothing needed.
    expect(tableOf(marseille)[2]?.[col('Besoin HT (€)')]).toBeNull();
    // Text that looks like a formula stays the text it is.
    expect(tableOf(marseille)[3]?.[col('École')]).toBe('=École "Les Calanques"');
  });

  it('separates the totals from the table by a blank row, and says it is a simulation', () => {
    for (const [sheet] of sheetsAndPlans()) {
      expect(sheet.rows[sheet.tableRows as number]?.every((cell) => cell === null)).toBe(true);
      expect(sheet.rows[(sheet.tableRows as number) + 1]?.[col('Statut')]).toBe(SIMULATION_NOTICE);
    }
  });

  it("writes the plan's own totals under its table, the State's share to the euro", () => {
    for (const [sheet, plan] of sheetsAndPlans(makePlanReport({ referential: withKitPrice(350), newTeachers: { 'ville-marseille': 5 } }))) {
      const foot = footOf(sheet);
      expect(foot.get('Budget HT (€)')).toBe(plan.budgetHt);
      expect(foot.get('Écoles financées')).toBe(plan.schoolsFunded);
      expect(foot.get('Classes amenées au socle')).toBe(plan.classesBroughtToSocle);
      expect(foot.get('Kits néo-titulaires financés')).toBe(plan.kits.funded);
      expect(foot.get('Kits néo-titulaires recensés')).toBe(plan.kits.recorded);
      expect(foot.get('Kits néo-titulaires HT (€)')).toBe(plan.kits.costHt);
      expect(foot.get('Total HT (€)')).toBe(plan.totalHt);
      expect(foot.get("Taux de la part de l'État (%)")).toBe(Math.round(plan.stateShareRate * 100));
      expect(foot.get("Part de l'État estimée (€)")).toBe(plan.stateShareHt);
      expect(Number.isInteger(foot.get("Part de l'État estimée (€)"))).toBe(true);
      expect(foot.get('Coût net pour la collectivité (€)')).toBe(plan.netCostHt);
      expect(foot.get('Reste du budget HT (€)')).toBe(plan.leftHt);
    }
    const [marseille, cd13] = buildPlanSheets(makePlanReport({ referential: withKitPrice(350), newTeachers: { 'ville-marseille': 5 } }), CTX) as [Sheet, Sheet];
    // Marseille: 6,400.00 + 2,099.99 for two schools, then 4 kits of 350 in the 1,500.01 left; 70 % under the threshold.
    expect([footOf(marseille).get('Total HT (€)'), footOf(marseille).get('Kits néo-titulaires financés')]).toEqual([9899.99, 4]);
    expect(footOf(marseille).get("Part de l'État estimée (€)")).toBe(6930);
    // CD13: 240,000.80 and 2 kits, past the 200,000 threshold: 50 % of the whole plan, 120,350.40 → 120,350.
    expect(footOf(cd13).get('Total HT (€)')).toBe(240_700.8);
    expect(footOf(cd13).get("Taux de la part de l'État (%)")).toBe(50);
    expect(footOf(cd13).get("Part de l'État estimée (€)")).toBe(120_350);
  });

  it('adds up: the needs of the funded schools are the total less the kits, and the running total ends there', () => {
    const report = makePlanReport({ referential: withKitPrice(350), options: { newTeachersFirst: true } });
    for (const [sheet, plan] of sheetsAndPlans(report)) {
      const funded = tableOf(sheet).filter((row) => row[col('Statut')] === 'Financée');
      const sum = funded.reduce((total, row) => total + toCents(row[col('Besoin HT (€)')] as number), 0);
      const foot = footOf(sheet);
      expect(sum).toBe(toCents(foot.get('Total HT (€)') as number) - toCents(foot.get('Kits néo-titulaires HT (€)') as number));
      expect(funded.length).toBe(foot.get('Écoles financées'));
      const brought = funded.reduce((n, row) => n + (row[col('Classes amenées au socle')] as number), 0);
      expect(brought).toBe(foot.get('Classes amenées au socle'));
      // Kits first: the running total starts after them.
      const last = funded.at(-1)?.[col('Cumul HT (€)')];
      if (last !== undefined) expect(last).toBe(plan.totalHt);
    }
  });

  it('writes money as numbers with at most their cents, and every cell as text, a number, a date or nothing', () => {
    for (const [sheet] of sheetsAndPlans()) {
      sheet.rows.forEach((row, r) => {
        expect(row).toHaveLength(HEADERS.length);
        const kinds = sheet.rowKinds?.get(r) ?? sheet.columns.map((c) => c.kind);
        row.forEach((cell, c) => {
          expect(cell === null || ['string', 'number', 'object'].includes(typeof cell)).toBe(true);
          if (typeof cell === 'number' && kinds[c] === 'money') expect(Math.round(cell * 100) / 100).toBe(cell);
          if (typeof cell === 'number' && kinds[c] === 'euros') expect(Number.isInteger(cell)).toBe(true);
        });
      });
    }
  });

  it('lists each article with no price and its quantity, the unpriced kits included, to be priced before deciding', () => {
    const [marseille, cd13] = buildPlanSheets(makePlanReport(), CTX) as [Sheet, Sheet];
    const foot = footOf(marseille);
    expect(foot.get(UNPRICED_HEADING)).toBe('Quantité');
    expect(foot.get('Ordinateur de classe (1 école)')).toBe(1);
    expect(foot.get('Borne Wi-Fi (1 école)')).toBe(2);
    expect(foot.get("Kit d'équipement d'un néo-titulaire")).toBe(4);
    expect(footOf(cd13).get("Kit d'équipement d'un néo-titulaire")).toBe(2);
    // A plan with every article priced lists none.
    const priced = buildPlanSheets(makePlanReport({ referential: withKitPrice(350), newTeachers: { 'ville-marseille': 0 } }), CTX)[1] as Sheet;
    expect(footOf(priced).has(UNPRICED_HEADING)).toBe(false);
  });

  it('says which options the plan used, under which référentiel, campaign and time', () => {
    const [marseille] = buildPlanSheets(makePlanReport({ options: { computerUpgrades: true } }), CTX) as [Sheet];
    const foot = footOf(marseille);
    expect(foot.get('Ordinateurs à moderniser (C03) achetés')).toBe('Oui');
    expect(foot.get('Kits néo-titulaires avant les écoles')).toBe('Non');
    expect(foot.get('Version du référentiel')).toBe('2026.1');
    expect(foot.get('Campagne')).toBe('2026-2027');
    expect(foot.get("Date et heure de l'export")).toEqual({ date: '2026-11-28T18:38' });
    expect(foot.get('Règle de financement')).toMatch(/^Part de l'État : 70 % sous 200\s000 € HT de plan, 50 % à partir de ce seuil, sur tout le plan$/);
    expect(foot.has(LOCAL_REFERENTIAL_WARNING)).toBe(false);
    // C03 bought: the first school's two upgrades count in its need.
    expect(tableOf(marseille)[0]?.[col('Besoin HT (€)')]).toBe(6574);
  });

  it('says when the référentiel is a local simulation', () => {
    const local = { ...REFERENTIAL_V1, version: '2026.1-local.2' };
    const [marseille] = buildPlanSheets(makePlanReport({ referential: local }), { ...CTX, referential: local }) as [Sheet];
    expect(footOf(marseille).has(LOCAL_REFERENTIAL_WARNING)).toBe(true);
    expect(footOf(marseille).get('Version du référentiel')).toBe('2026.1-local.2');
  });

  it('writes a sheet for a chef de file with no school to fund: its totals under an empty table', () => {
    const report = makePlanReport();
    const empty = { ...report, plans: report.plans.map((p) => ({ ...p, lines: [], schoolsFunded: 0 })) };
    const [sheet] = buildPlanSheets(empty, CTX) as [Sheet];
    expect(sheet.tableRows).toBe(0);
    expect(sheet.rows[0]?.every((c) => c === null)).toBe(true);
    expect(footOf(sheet).get('Écoles financées')).toBe(0);
  });
});

describe('planSheetName', () => {
  it('keeps a name within 31 characters and without the characters Excel refuses', () => {
    expect(planSheetName('Ville de Marseille')).toBe('Plan Ville de Marseille');
    const long = planSheetName('Métropole [Aix]/Marseille : Provence*?');
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long).not.toMatch(/[\\/?*[\]:]/);
  });
});

describe('planFileName and planWorkbookFile', () => {
  it('names the file for the campaign and the Paris time of the export', () => {
    expect(planFileName(CAMPAIGN, EXPORTED_AT)).toBe('tne13-plan-equipement-2026-2027-20261128-1838.xlsx');
    // Summer time: UTC+2.
    expect(planFileName('2026-2027', new Date('2027-06-30T22:05:00Z'))).toBe('tne13-plan-equipement-2026-2027-20270701-0005.xlsx');
    expect(planFileName('2026/27', EXPORTED_AT)).toBe('tne13-plan-equipement-2026_27-20261128-1838.xlsx');
  });

  it('gives the XLSX bytes with their name and type', () => {
    const file = planWorkbookFile(makePlanReport(), CTX);
    expect(file.fileName).toBe('tne13-plan-equipement-2026-2027-20261128-1838.xlsx');
    expect(file.mime).toBe(XLSX_MIME);
    expect([...file.bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip
  });
});
