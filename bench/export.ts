// The departmental spreadsheet of the whole generated département (1,200 schools, 9,000 classrooms):
// - on the server: read from SQLite (filled through the real sync handler), gaps, five sheets, XLSX; time over
//   several runs, and the peak memory of a fresh process that makes one export (goal ≤ 3 s, ≤ 300 MB);
// - on the tablet: from the click to the downloaded file, in the export worker of headless Chromium.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generateDepartement } from '../src/directory/generate-departement';
import { buildWorkbook } from '../src/export/workbook';
import { writeXlsx } from '../src/export/xlsx';
import { sheetToCsv } from '../src/export/csv';
import { REFERENTIAL_V1 } from '../src/model/referential';
import { exportFromServer, readServerExportInput } from '../server/src/export-source';
import { openStore } from '../server/src/store';
import { handleBatch } from '../server/src/sync';
import { launchBrowser } from '../tests/e2e/support/browser';
import { serveBuild } from '../tests/e2e/support/serve-build';
import { describe } from './stats';
import { machine } from './machine';

const RUNS = 7;
const CAMPAIGN = '2026-2027';
const MB = 1024 * 1024;

function fill(dbPath: string) {
  const { schools, fiches } = generateDepartement();
  const db = openStore(dbPath);
  db.prepare('DELETE FROM schools').run();
  const insert = db.prepare('INSERT INTO schools (uai, record) VALUES (?, ?)');
  db.transaction(() => schools.forEach((s) => insert.run(s.uai, JSON.stringify(s))))();
  for (let i = 0; i < fiches.length; i += 500) {
    handleBatch(db, { deviceId: `tablette-${i % 7}`, batchId: crypto.randomUUID(), records: fiches.slice(i, i + 500) }, 'Banc d’essai');
  }
  db.close();
  return { schools: schools.length, classrooms: fiches.filter((f) => f.kind === 'classroom').length };
}

function onServer() {
  const dir = mkdtempSync(join(tmpdir(), 'tne13-bench-export-'));
  const dbPath = join(dir, 'tne13.sqlite');
  try {
    const counts = fill(dbPath);
    const db = openStore(dbPath);
    const total: number[] = [];
    const read: number[] = [];
    const sheets: number[] = [];
    const xlsx: number[] = [];
    const csv: number[] = [];
    let size = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const t0 = performance.now();
      const input = readServerExportInput(db, CAMPAIGN, new Date(), REFERENTIAL_V1);
      const t1 = performance.now();
      const built = buildWorkbook(input);
      const t2 = performance.now();
      size = writeXlsx(built).length;
      const t3 = performance.now();
      built.forEach(sheetToCsv);
      const t4 = performance.now();
      read.push(t1 - t0);
      sheets.push(t2 - t1);
      xlsx.push(t3 - t2);
      csv.push(t4 - t3);
      const start = performance.now();
      exportFromServer(db, CAMPAIGN, 'xlsx', undefined, new Date());
      total.push(performance.now() - start);
    }
    db.close();
    const rows = buildWorkbook(readServerExportInput(openStore(dbPath), CAMPAIGN, new Date())).map((s) => `${s.name} ${s.rows.length}`).join(', ');
    const child = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'bench/export-once.ts', dbPath], { encoding: 'utf8' })) as {
      ms: number; bytes: number; rssBefore: number; maxRss: number;
    };
    console.log(`export, server side (${counts.schools} schools, ${counts.classrooms} classrooms in SQLite; ${rows}), Node ${process.version}`);
    console.log(`  whole export to XLSX (read, gaps, sheets, file of ${(size / MB).toFixed(1)} MiB): ${describe(total)}`);
    console.log(`    reading the latest revisions from SQLite: ${describe(read)}`);
    console.log(`    gaps and the five sheets: ${describe(sheets)}`);
    console.log(`    writing and compressing the XLSX: ${describe(xlsx)}`);
    console.log(`  the five sheets as CSV (from built sheets): ${describe(csv)}`);
    console.log(`  a fresh process making one export: ${child.ms.toFixed(0)} ms, peak RSS ${(child.maxRss / MB).toFixed(0)} MiB ` +
      `(${(child.rssBefore / MB).toFixed(0)} MiB before the export: Node, modules, the open database)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function seed(page: Page, departement: ReturnType<typeof generateDepartement>) {
  await page.evaluate(
    ({ schools, fiches }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tne13-etat-des-lieux');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['schools', 'fiches'], 'readwrite');
          for (const s of schools) tx.objectStore('schools').put(s);
          for (const f of fiches) tx.objectStore('fiches').put(f);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { schools: departement.schools, fiches: departement.fiches },
  );
}

async function onTablet() {
  const departement = generateDepartement();
  const { url, server } = await serveBuild();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByLabel('Votre nom et prénom').fill('Banc d’essai');
    await page.getByRole('radio', { name: 'ERUN' }).check();
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByRole('heading', { name: 'Écoles', level: 1 }).waitFor();
    await seed(page, departement);
    await page.goto(`${url}/#/departement`);
    await page.reload();
    const button = page.getByRole('button', { name: 'Exporter le tableau départemental' });
    await button.waitFor({ timeout: 60_000 });
    const clicks: number[] = [];
    let size = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const start = Date.now();
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
      const path = await download.path();
      clicks.push(Date.now() - start);
      size = path ? (await import('node:fs')).statSync(path).size : 0;
      await page.locator('#etat-export', { hasText: 'Fichier enregistré' }).waitFor();
    }
    const measured = await page.evaluate(() => performance.getEntriesByName('tne:export').map((e) => e.duration));
    console.log(`export, tablet side: Web Worker in Chromium ${browser.version()} (same département, read from IndexedDB; file ${(size / MB).toFixed(1)} MiB)`);
    console.log(`  from the click to the file handed to the download (User Timing in the page): ${describe(measured)}`);
    console.log(`  from the click to the download event seen by the test driver: ${describe(clicks)}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

onServer();
await onTablet();
console.log(`  machine: ${machine()}`);
