// LibreOffice Calc, headless, as the tests run it: converts workbooks to CSV (one file per sheet), PDF or XLSX in a
// directory of the test's own, with a profile of its own, whatever the machine's locale.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SOFFICE = process.env.SOFFICE ?? 'soffice';
// Text CSV export: `;` between fields, `"` around text, UTF-8 (76), from line 1, cell format default, en-US (1033),
// every text cell quoted, special numbers detected (import only), raw values (not "as shown"), no formulas, no
// trimmed spaces, every sheet (-1, one file per sheet: `<file>-<sheet>.csv`).
export const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):59,34,76,1,,1033,true,true,false,false,false,-1';
const TIMEOUT_MS = 60_000;
/** A4 landscape in PDF points: 297 × 210 mm. */
export const A4_LANDSCAPE = [841.89, 595.3];

export interface Conversion {
  stdout: string;
  stderr: string;
}

/** Converts `files` with `filter` into `dir`/`out`; fails, saying what to install, when LibreOffice is missing. */
export function convert(dir: string, files: readonly string[], filter = CSV_FILTER, out = 'out'): Promise<Conversion> {
  const args = [
    '--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
    '--convert-to', filter, '--outdir', join(dir, out), ...files,
  ];
  // The en-US forms of the output must not depend on the machine's locale.
  const env = { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };
  return new Promise((resolve, reject) => {
    execFile(SOFFICE, args, { timeout: TIMEOUT_MS, env }, (error, stdout, stderr) => {
      if (!error) resolve({ stdout, stderr });
      else if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error(`LibreOffice is not installed (no "${SOFFICE}" on the PATH): install libreoffice-calc (apt-get install libreoffice-calc) to run this test`));
      } else reject(new Error(`soffice failed: ${error.message}\n${stdout}\n${stderr}`));
    });
  });
}

export interface Printed {
  pages: number;
  /** Every MediaBox of the file (each page's, and the page tree's), width and height in points. */
  sizes: Array<[number, number]>;
}

/** What LibreOffice printed to a PDF: its page objects are not compressed, so they can be counted. */
export function printed(path: string): Printed {
  const pdf = readFileSync(path, 'latin1');
  return {
    pages: [...pdf.matchAll(/\/Type\s*\/Page(?![s\w])/g)].length,
    sizes: [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]),
  };
}
