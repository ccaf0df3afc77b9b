// The departmental workbook: the five sheets of export.md, in order, from one export input.
import { buildClassesSheet } from './classes-sheet';
import { prepareExport, type ExportInput } from './export-input';
import { buildNeedsSheet } from './needs-sheet';
import { buildReferentialSheet } from './referential-sheet';
import { buildSchoolsSheet } from './schools-sheet';
import type { Sheet, SheetSlug } from './sheet';
import { buildSyntheseSheet } from './synthese-sheet';
import { fileStamp, parisDateTime } from './paris-time';
import type { PrintTexts } from './xlsx';

const BUILDERS = {
  synthese: buildSyntheseSheet,
  ecoles: buildSchoolsSheet,
  classes: buildClassesSheet,
  besoins: buildNeedsSheet,
  referentiel: buildReferentialSheet,
} as const;

/** All five sheets, or only `only` (a CSV export needs one). */
export function buildWorkbook(input: ExportInput, only?: SheetSlug): Sheet[] {
  const ctx = prepareExport(input);
  const slugs = only ? [only] : (Object.keys(BUILDERS) as SheetSlug[]);
  return slugs.map((slug) => BUILDERS[slug](ctx));
}

/** `tne13-etat-des-lieux-2026-2027-20261128-1838.xlsx`, or `…-1838-ecoles.csv` for one sheet. */
export function exportFileName(campaign: string, at: Date, format: 'xlsx' | 'csv', sheet?: SheetSlug): string {
  const base = `tne13-etat-des-lieux-${campaign.replace(/[^0-9A-Za-z_-]/g, '_')}-${fileStamp(at)}`;
  return format === 'xlsx' ? `${base}.xlsx` : `${base}-${sheet ?? 'synthese'}.csv`;
}

/** The printed pages' header and footer: what the document is, its campaign, when it was exported (Paris time). */
export function printTexts(campaign: string, at: Date): PrintTexts {
  const wall = parisDateTime(at) ?? '';
  const day = `${wall.slice(8, 10)}/${wall.slice(5, 7)}/${wall.slice(0, 4)}`;
  return {
    title: 'TNE 13 – état des lieux du numérique des écoles',
    headerRight: `Campagne ${campaign}`,
    footerLeft: `Export du ${day} à ${wall.slice(11, 16)}`,
  };
}
