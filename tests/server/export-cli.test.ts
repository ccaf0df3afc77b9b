// `npm run export` writes the departmental spreadsheet from the server's database file: run as a child process on
// a SQLite file that a real server filled over HTTP, and compared with what the server answers over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentCampaign } from '../../src/model/campaign';
import { CAMPAIGN, DIRECTORY, fixtureFiches } from '../export/fixture';
import { readXlsx, type ReadSheet } from '../export/support/read-xlsx';
import { makeTempDir, pushOf, removeTempDir, startServer, syncStatuses, useDirectory } from './support';
import { shownLocation, storeEnv } from './store-under-test';

const SHEET_NAMES = ['Synthèse', 'Écoles', 'Classes', 'Besoins', 'Référentiel'];
/** The Libellé of the Référentiel's row that holds the export time. */
const EXPORTED_AT_LABEL = "Date et heure de l'export";

let dir: string;
let dbPath: string;
/** What the server answered over HTTP for CAMPAIGN, before it was closed. */
let httpXlsx: Uint8Array;
let httpClassesCsv: Uint8Array;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as `npm run export -- …` does (tsx), on the test's database; never throws. */
function exportCli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'server/cli/export.ts', ...args], { env: { ...process.env, ...storeEnv(dbPath) } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dir = makeTempDir();
  dbPath = join(dir, 'tne13.sqlite');
  // The directory of the fixture instead of the demonstration seed, then fiches from two tablets over HTTP.
  await useDirectory(dbPath, DIRECTORY);
  // The server's real clock, as the CLI has no other: both exports compute with the same year.
  const server = await startServer(dbPath);
  try {
    const { fiches, deviceOf } = fixtureFiches();
    for (const device of new Set(deviceOf.values())) {
      const mine = fiches.filter((f) => deviceOf.get(f.id) === device);
      expect(await syncStatuses(server, mine.map((f) => pushOf(f)), device)).toEqual(mine.map(() => 'stored'));
    }
    const get = async (path: string) => {
      const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.token}` } });
      expect(response.status).toBe(200);
      return new Uint8Array(await response.arrayBuffer());
    };
    httpXlsx = await get(`/api/v1/export.xlsx?campaign=${CAMPAIGN}`);
    httpClassesCsv = await get(`/api/v1/export.csv?sheet=classes&campaign=${CAMPAIGN}`);
  } finally {
    await server.close();
  }
}, 30_000);

afterAll(() => removeTempDir(dir));

/** The rows of a sheet as a multiset; the Référentiel's export time is left out (the two exports ran apart). */
function comparable(sheet: ReadSheet): string[] {
  const rows = sheet.rows.filter((row) => !(sheet.name === 'Référentiel' && row[2] === EXPORTED_AT_LABEL));
  return [JSON.stringify(sheet.header), ...rows.map((row) => JSON.stringify(row)).sort()];
}

describe('npm run export', () => {
  it('writes the workbook of a campaign, with the same rows as the HTTP export, and says where in French', async () => {
    const out = join(dir, 'tableau.xlsx');
    const before = Date.now();
    const run = await exportCli(out, '--campaign', CAMPAIGN);
    const after = Date.now();

    expect(run).toMatchObject({ code: 0, stderr: '' });
    const bytes = new Uint8Array(readFileSync(out));
    expect(run.stdout).toBe(`Tableau départemental ${CAMPAIGN} écrit dans ${out} (${bytes.length} octets, base ${shownLocation(dbPath)}).\n`);
    const [cli, http] = [await readXlsx(bytes), await readXlsx(httpXlsx)];
    expect(cli.map((s) => s.name)).toEqual(SHEET_NAMES);
    for (const [i, sheet] of cli.entries()) {
      const other = http[i] as ReadSheet;
      expect(sheet.header, sheet.name).toEqual(other.header);
      expect(comparable(sheet), sheet.name).toEqual(comparable(other));
    }
    expect(cli[2]?.rows).toHaveLength(7);
    // The export time is the CLI's clock, as Paris wall time (read back as a UTC date by exceljs).
    const exportedAt = cli[4]?.rows.find((row) => row[2] === EXPORTED_AT_LABEL)?.[3];
    const paris = (ms: number) => new Date(`${new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(ms).replace(' ', 'T')}Z`).getTime();
    expect(Date.parse(String(exportedAt))).toBeGreaterThanOrEqual(paris(before) - 60_000);
    expect(Date.parse(String(exportedAt))).toBeLessThanOrEqual(paris(after));
  }, 60_000);

  it('writes one sheet as CSV with --sheet, the same file as the HTTP CSV, for the current campaign by default', async () => {
    const out = join(dir, 'classes.csv');
    const run = await exportCli(out, '--sheet', 'classes');

    expect(run).toMatchObject({ code: 0, stderr: '' });
    const campaign = currentCampaign(new Date());
    expect(run.stdout).toContain(`Tableau départemental ${campaign} écrit dans ${out}`);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFFUAI;École;Circonscription;Chef de file;Classe;Niveaux;Élèves;')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    // The classes sheet holds no export time: when the default campaign is the fixture's, the files are identical.
    if (campaign === CAMPAIGN) expect(bytes.equals(Buffer.from(httpClassesCsv))).toBe(true);

    const again = await exportCli(join(dir, 'classes-2026.csv'), '--sheet', 'CLASSES', '--campaign', CAMPAIGN);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'classes-2026.csv')).equals(Buffer.from(httpClassesCsv))).toBe(true);
  }, 60_000);

  it('refuses an unknown sheet or campaign with exit code 1 and the French message, writing nothing', async () => {
    const out = join(dir, 'refus.csv');
    const sheet = await exportCli(out, '--sheet', 'foo');
    expect(sheet).toEqual({ code: 1, stdout: '', stderr: 'Feuille « foo » inconnue : synthese, ecoles, classes, besoins, referentiel.\n' });
    const missing = await exportCli(out);
    expect(missing).toEqual({ code: 1, stdout: '', stderr: 'Paramètre sheet manquant : synthese, ecoles, classes, besoins, referentiel.\n' });
    const campaign = await exportCli(join(dir, 'refus.xlsx'), '--campaign', '2026');
    expect(campaign).toEqual({ code: 1, stdout: '', stderr: 'Campagne « 2026 » invalide : attendue sous la forme 2026-2027.\n' });
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'refus.xlsx'))).toBe(false);
  }, 60_000);

  it('prints the usage and exits 2 without a file, with a file that is neither .xlsx nor .csv, or with an unknown option', async () => {
    for (const args of [[], ['tableau.ods'], ['a.xlsx', 'b.xlsx'], ['a.xlsx', '--format', 'csv']]) {
      const run = await exportCli(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('Usage :\n  npm run export -- fichier.xlsx [--campaign 2026-2027]\n');
      expect(run.stderr).toContain('npm run export -- fichier.csv --sheet synthese|ecoles|classes|besoins|referentiel [--campaign 2026-2027]');
    }
  }, 60_000);
});
