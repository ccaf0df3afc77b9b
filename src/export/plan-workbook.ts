// The equipment plan as a workbook (pilotage.md, "Equipment plan"; conventions of export.md): one sheet per chef de
// file, whose table lists its ranked schools in the plan's order under a frozen, filtered header row, and whose
// totals and notes sit under the table, past a blank row and outside the filter. A simulation, and the sheet says so.
import type { LabelledPlan, PlanReport } from '../gaps/pilotage';
import type { PlanLine, PlanStatus } from '../gaps/plan';
import type { Referential } from '../model/referential';
import { fileStamp } from './paris-time';
import { LOCAL_REFERENTIAL_WARNING, percent } from './referential-sheet';
import { columnsOf, type Cell, type ColumnKind, type Row, type Sheet } from './sheet';
import { cents, timeCell, wholeEuros, yesNo } from './values';
import { printTexts } from './workbook';
import { writeXlsx, XLSX_MIME, type PrintTexts } from './xlsx';
import { isSimulationVersion } from '../model/referential-version';

export interface PlanExportContext {
  campaign: string;
  /** The référentiel the plan was computed with: its funding rule is written under the table. */
  referential: Pick<Referential, 'funding'>;
  exportedAt: Date;
}

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  funded: 'Financée',
  'does-not-fit': 'Ne tient pas dans le reste du budget',
  'nothing-priced': 'Rien de chiffré',
};

export const PLAN_PRINT_TITLE = "TNE 13 – plan d'équipement (simulation)";
export const SIMULATION_NOTICE = 'Simulation, pas un engagement';
export const UNPRICED_HEADING = 'Non chiffré : à chiffrer avant arbitrage';

const { integer, decimal, text, money } = columnsOf<PlanLine>();

export const PLAN_COLUMNS = [
  integer('Rang', (line) => line.rank),
  text('UAI', (line) => line.uai),
  text('École', (line) => line.name),
  text('Commune', (line) => line.commune),
  text('Circonscription', (line) => line.circonscription),
  decimal('Score de priorité', (line) => line.score),
  text('Statut', (line) => PLAN_STATUS_LABELS[line.status]),
  // "Rien de chiffré": empty, as every amount not priced (0 would read as nothing needed).
  money('Besoin HT (€)', (line) => (line.status === 'nothing-priced' ? null : cents(line.costHt))),
  money('Cumul HT (€)', (line) => cents(line.cumulativeHt)),
  integer('Classes à équiper', (line) => line.classesToEquip),
  integer('Classes amenées au socle', (line) => line.classesBroughtToSocle),
  integer('Articles non chiffrés', (line) => line.unpricedItems),
];

/** Under the table, a label sits in Statut and its figure or text beside it, in Besoin HT. */
const LABEL_COLUMN = PLAN_COLUMNS.findIndex((c) => c.header === 'Statut');
const VALUE_COLUMN = LABEL_COLUMN + 1;

/** Excel's limit on a sheet's name, and the characters it refuses in one. */
const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/g;

/** "Plan Ville de Marseille": at most 31 characters, none that Excel refuses. */
export function planSheetName(label: string): string {
  return `Plan ${label}`.replace(SHEET_NAME_FORBIDDEN, ' ').slice(0, SHEET_NAME_MAX).trim();
}

const amount = (euros: number): string => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(euros);
const plural = (n: number, one: string, many: string): string => `${n} ${n >= 2 ? many : one}`;

/** A row under the table: a label and, beside it, a value of the given kind. */
type Foot = readonly [label: string, value?: Cell, kind?: ColumnKind];

function footRows(plan: LabelledPlan, report: PlanReport, ctx: PlanExportContext): Foot[] {
  const { funding } = ctx.referential;
  const unpriced: Foot[] = plan.unpriced.map((article) => [
    article.schools === null ? article.label : `${article.label} (${plural(article.schools, 'école', 'écoles')})`,
    article.quantity,
    'integer',
  ]);
  return [
    [SIMULATION_NOTICE],
    ['Budget HT (€)', cents(plan.budgetHt), 'money'],
    ['Écoles financées', plan.schoolsFunded, 'integer'],
    ['Classes amenées au socle', plan.classesBroughtToSocle, 'integer'],
    ['Kits néo-titulaires financés', plan.kits.funded, 'integer'],
    ['Kits néo-titulaires recensés', plan.kits.recorded, 'integer'],
    ['Kits néo-titulaires HT (€)', cents(plan.kits.costHt), 'money'],
    ['Total HT (€)', cents(plan.totalHt), 'money'],
    ["Taux de la part de l'État (%)", percent(plan.stateShareRate), 'decimal'],
    ["Part de l'État estimée (€)", wholeEuros(plan.stateShareHt), 'euros'],
    ['Coût net pour la collectivité (€)', cents(plan.netCostHt), 'money'],
    ['Reste du budget HT (€)', cents(plan.leftHt), 'money'],
    ...(unpriced.length > 0 ? [[UNPRICED_HEADING, 'Quantité'] as const, ...unpriced] : []),
    ['Ordinateurs à moderniser (C03) achetés', yesNo(report.options.computerUpgrades)],
    ['Kits néo-titulaires avant les écoles', yesNo(report.options.newTeachersFirst)],
    [
      'Règle de financement',
      `Part de l'État : ${percent(funding.stateShareBelow)} % sous ${amount(funding.equipmentThresholdHt)} € HT de plan, ` +
        `${percent(funding.stateShareAtOrAbove)} % à partir de ce seuil, sur tout le plan`,
    ],
    ['Version du référentiel', report.referentialVersion],
    ...(isSimulationVersion(report.referentialVersion) ? [[LOCAL_REFERENTIAL_WARNING] as const] : []),
    ['Campagne', ctx.campaign],
    ["Date et heure de l'export", timeCell(ctx.exportedAt)],
  ];
}

/** One chef de file's sheet: its table in the plan's order, then a blank row, then its totals and notes. */
function planSheet(plan: LabelledPlan, report: PlanReport, ctx: PlanExportContext): Sheet {
  const width = PLAN_COLUMNS.length;
  const rows: Row[] = plan.lines.map((line) => PLAN_COLUMNS.map((column) => column.value(line)));
  const tableRows = rows.length;
  rows.push(new Array<Cell>(width).fill(null));
  const rowKinds = new Map<number, ColumnKind[]>();
  for (const [label, value = null, kind] of footRows(plan, report, ctx)) {
    const row = new Array<Cell>(width).fill(null);
    row[LABEL_COLUMN] = label;
    row[VALUE_COLUMN] = value;
    if (kind) rowKinds.set(rows.length, PLAN_COLUMNS.map((column, i) => (i === VALUE_COLUMN ? kind : column.kind)));
    rows.push(row);
  }
  return {
    slug: `plan-${plan.key}`,
    name: planSheetName(plan.label),
    columns: PLAN_COLUMNS.map(({ header, kind }) => ({ header, kind })),
    rows,
    tableRows,
    rowKinds,
  };
}

/** One sheet per chef de file, in the plan's order. */
export function buildPlanSheets(report: PlanReport, ctx: PlanExportContext): Sheet[] {
  return report.plans.map((plan) => planSheet(plan, report, ctx));
}

/** `tne13-plan-equipement-2026-2027-20261128-1838.xlsx` (Paris time, as the departmental workbook). */
export function planFileName(campaign: string, at: Date): string {
  return `tne13-plan-equipement-${campaign.replace(/[^0-9A-Za-z_-]/g, '_')}-${fileStamp(at)}.xlsx`;
}

export function planPrintTexts(campaign: string, at: Date): PrintTexts {
  return { ...printTexts(campaign, at), title: PLAN_PRINT_TITLE };
}

export interface PlanFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

/** The plan's workbook, ready to save. */
export function planWorkbookFile(report: PlanReport, ctx: PlanExportContext): PlanFile {
  const bytes = writeXlsx(buildPlanSheets(report, ctx), {
    createdAt: ctx.exportedAt,
    print: planPrintTexts(ctx.campaign, ctx.exportedAt),
    title: "TNE 13 — plan d'équipement des écoles (simulation)",
  });
  return { fileName: planFileName(ctx.campaign, ctx.exportedAt), mime: XLSX_MIME, bytes };
}
