// The departmental spreadsheet of the whole generated département (1,200 schools, 9,000 classrooms):
// - on the server: read from SQLite (filled through the real sync handler), gaps, five sheets, XLSX; time over
//   several runs, and the peak memory of a fresh process that makes one export (goal ≤ 3 s, ≤ 300 MB);
// - on the tablet: from the click to the downloaded file, in the export worker of headless Chromium.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { generateDepartement } from '../tests/fixtures/departement/generate-departement';
import { buildWorkbook } from '../src/export/workbook';
import { writeXlsx } from '../src/export/xlsx';
import { sheetToCsv } from '../src/export/csv';
import { REFERENTIAL_V1 } from '../src/model/referential';
import { exportFromServer, readServerExportInput } from '../server/src/export-source';
import { openStore } from '../server/src/store/open-store';
import { handleBatch } from '../server/src/sync';
import { firstPage, launchProfile, newProfileDir } from '../tests/e2e/support/browser';
import { serveBuild } from '../tests/e2e/support/serve-build';
import { describe } from './stats';
import { seedDepartement } from './seed-browser';
import { machine } from './machine';

const RUNS = 7;
const CAMPAIGN = '2026-2027';
const MB = 1024 * 1024;

async function fill(dbPath: string) {
  const { schools, fiches } = generateDepartement();
  const store = await openStore(dbPath);
  await store.directory.replace(() => ({ schools }));
  for (let i = 0; i < fiches.length; i += 500) {
    // Pushed as new to the server (sync.md v2): without their rev, on base 0.
    const records = fiches.slice(i, i + 500).map(({ rev: _rev, ...fiche }) => ({ ...fiche, baseRev: 0 }));
    await handleBatch(store, { deviceId: `tablette-${i % 7}`, batchId: crypto.randomUUID(), records }, 'Banc d’essai');
  }
  await store.close();
  return { schools: schools.length, classrooms: fiches.filter((f) => f.kind === 'classroom').length };
}

async function onServer() {
  const dir = mkdtempSync(join(tmpdir(), 'tne13-bench-export-'));
  const dbPath = join(dir, 'tne13.sqlite');
  try {
    const counts = await fill(dbPath);
    const store = await openStore(dbPath);
    const total: number[] = [];
    const read: number[] = [];
    const sheets: number[] = [];
    const xlsx: number[] = [];
    const csv: number[] = [];
    let size = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const t0 = performance.now();
      const input = await readServerExportInput(store, CAMPAIGN, new Date(), REFERENTIAL_V1);
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
      await exportFromServer(store, CAMPAIGN, 'xlsx', undefined, new Date(), REFERENTIAL_V1);
      total.push(performance.now() - start);
    }
    const rows = buildWorkbook(await readServerExportInput(store, CAMPAIGN, new Date(), REFERENTIAL_V1)).map((s) => `${s.name} ${s.rows.length}`).join(', ');
    await store.close();
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


/** Chromium's renderer processes (Linux /proc): the page and its workers live in one of them. */
function rendererPids(): Set<number> {
  const pids = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes('chromium') && cmdline.includes('--type=renderer')) pids.add(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

/** `VmRSS` (resident now) of a process, in bytes. */
function memory(pid: number, field: 'VmRSS'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`)) ?? '';
  return Number(/(\d+)/.exec(line)?.[1] ?? Number.NaN) * 1024;
}

async function onTablet() {
  const departement = generateDepartement();
  const { url, server } = await serveBuild();
  const profile = await newProfileDir();
  let browser: BrowserContext | undefined;
  try {
    // The département goes into the tablet's database; then the browser is closed and opened again, so that the
    // measured processes never held the test driver's copy of it.
    browser = await launchProfile(profile.dir);
    const first = await firstPage(browser);
    await first.goto(url);
    await first.getByLabel('Votre nom et prénom').fill('Banc d’essai');
    await first.getByRole('radio', { name: 'ERUN' }).check();
    await first.getByRole('button', { name: 'Commencer' }).click();
    await first.getByRole('heading', { name: 'Écoles', level: 1 }).waitFor();
    await seedDepartement(first, departement);
    await browser.close();
    browser = await launchProfile(profile.dir);
    const page = await firstPage(browser);
    await page.goto(`${url}/#/departement`);
    const button = page.getByRole('button', { name: 'Exporter le tableau départemental' });
    await button.waitFor({ timeout: 60_000 });
    // The resident memory of every renderer process, sampled while the exports run: the tab's is the largest.
    const rss = (pid: number) => {
      try {
        return memory(pid, 'VmRSS');
      } catch {
        return 0;
      }
    };
    const pids = [...rendererPids()];
    const before = new Map(pids.map((pid) => [pid, rss(pid)]));
    const peak = new Map(before);
    const sampler = setInterval(() => {
      for (const pid of pids) peak.set(pid, Math.max(peak.get(pid) ?? 0, rss(pid)));
    }, 20);
    const clicks: number[] = [];
    let size = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const start = Date.now();
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
      const path = await download.path();
      clicks.push(Date.now() - start);
      size = path ? statSync(path).size : 0;
      await page.locator('#etat-export', { hasText: 'Fichier enregistré' }).waitFor();
    }
    clearInterval(sampler);
    const tabPid = [...peak.keys()].sort((x, y) => (peak.get(y) ?? 0) - (peak.get(x) ?? 0))[0] as number;
    const measured = await page.evaluate(() => performance.getEntriesByName('tne:export').map((e) => e.duration));
    console.log(`export, tablet side: Web Worker in Chromium ${browser.browser()?.version() ?? ''} (same département, read from IndexedDB; file ${(size / MB).toFixed(1)} MiB)`);
    console.log(`  from the click to the file handed to the download (User Timing in the page): ${describe(measured)}`);
    console.log(`  from the click to the download event seen by the test driver: ${describe(clicks)}`);
    console.log(`  renderer process of the tab (page, gaps worker, export worker; VmRSS sampled every 20 ms): ` +
      `${((before.get(tabPid) ?? 0) / MB).toFixed(0)} MiB before the first export, peak ${((peak.get(tabPid) ?? 0) / MB).toFixed(0)} MiB over the ${RUNS} exports`);
  } finally {
    await browser?.close();
    await server.close();
    await profile.remove();
  }
}

await onServer();
await onTablet();
console.log(`  machine: ${machine()}`);
