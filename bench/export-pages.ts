// How many pages LibreOffice Calc prints the departmental spreadsheet on, sheet by sheet: the test fixture and the
// whole generated département, each sheet written alone and converted to PDF headless (`soffice`), its page
// objects counted. Not in `npm run bench` (about a minute of LibreOffice); run `npx tsx bench/export-pages.ts`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDepartement } from '../tests/fixtures/departement/generate-departement';
import type { ExportInput } from '../src/export/export-input';
import { buildWorkbook, printTexts } from '../src/export/workbook';
import { writeXlsx } from '../src/export/xlsx';
import { REFERENTIAL_V1 } from '../src/model/referential';
import { CAMPAIGN, EXPORTED_AT, fixtureInput } from '../tests/export/fixture';
import { machine } from './machine';

const SOFFICE = process.env.SOFFICE ?? 'soffice';

function pagesBySheet(label: string, input: ExportInput, dir: string): void {
  const sheets = buildWorkbook(input);
  const files = sheets.map((sheet) => {
    const path = join(dir, `${label}-${sheet.slug}.xlsx`);
    writeFileSync(path, writeXlsx([sheet], { createdAt: EXPORTED_AT, print: printTexts(CAMPAIGN, EXPORTED_AT) }));
    return path;
  });
  const started = performance.now();
  execFileSync(SOFFICE, [
    '--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
    '--convert-to', 'pdf', '--outdir', join(dir, 'pdf'), ...files,
  ], { stdio: 'ignore', timeout: 900_000 });
  const counts = sheets.map((sheet) => {
    const pdf = readFileSync(join(dir, 'pdf', `${label}-${sheet.slug}.pdf`), 'latin1');
    return [sheet.name, [...pdf.matchAll(/\/Type\s*\/Page(?![s\w])/g)].length, sheet.rows.length] as const;
  });
  const total = counts.reduce((n, [, pages]) => n + pages, 0);
  console.log(`  ${label}: ${total} pages (${((performance.now() - started) / 1000).toFixed(1)} s of LibreOffice)`);
  for (const [name, pages, rows] of counts) console.log(`    ${name}: ${pages} page${pages > 1 ? 's' : ''} (${rows} rows)`);
}

const dir = mkdtempSync(join(tmpdir(), 'tne13-bench-pages-'));
try {
  console.log(`export printed by LibreOffice (${execFileSync(SOFFICE, ['--version'], { encoding: 'utf8' }).trim()}), ${machine()}`);
  pagesBySheet('fixture', fixtureInput(), dir);
  const { schools, fiches } = generateDepartement({ now: EXPORTED_AT });
  pagesBySheet('département', { campaign: CAMPAIGN, directory: schools, fiches, deviceOf: new Map(), referential: REFERENTIAL_V1, exportedAt: EXPORTED_AT }, dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
