// Import of a national-size Annuaire de l'éducation (70,000 rows, generated with the official headers): time in
// the app's import worker in headless Chromium, and, in Node with the same streaming code, the peak heap for files
// of 35,000, 70,000 and 140,000 rows: it does not grow with the file.
import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDirectoryFiles } from '../src/directory/import-files';
import { uaiCheckLetter } from '../src/model/uai';
import { createRandom } from '../tests/fixtures/departement/prng';
import { launchBrowser } from '../tests/e2e/support/browser';
import { buildApp, serveDir } from '../tests/e2e/support/serve-build';
import { describe } from './stats';
import { machine } from './machine';

const HEADER = 'Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Statut_public_prive;Code_commune;Nom_commune;Code_departement;Ecole_maternelle;Ecole_elementaire;Appartenance_Education_Prioritaire;nom_circonscription;Nombre_d_eleves;etat';

/** A synthetic national annuaire: about 1.7 % of its rows in the Bouches-du-Rhône, as in the real one. */
function annuaireCsv(rows: number, seed = 1): string {
  const random = createRandom(seed);
  const lines = [HEADER];
  for (let i = 0; i < rows; i += 1) {
    const dep = random.chance(0.017) ? '013' : String(random.int(1, 95)).padStart(3, '0');
    const digits = `${dep}${String(i % 10_000).padStart(4, '0')}`;
    const commune = dep === '013' ? (random.chance(0.4) ? `132${String(random.int(1, 16)).padStart(2, '0')}` : '13001') : `${dep.slice(1)}${String(random.int(1, 999)).padStart(3, '0')}`;
    const type = random.chance(0.85) ? 'Ecole' : 'Collège';
    lines.push([
      `${digits}${uaiCheckLetter(digits)}`, `"École élémentaire ""Les Tilleuls"" n° ${i}"`, type, random.chance(0.9) ? 'Public' : 'Privé',
      commune, `Commune ${commune}`, dep, random.chance(0.3) ? '1' : '0', '1', random.pick(['', '', 'REP', 'REP+']),
      `Circonscription ${random.int(1, 40)}`, String(random.int(40, 400)), random.chance(0.97) ? 'OUVERT' : 'FERME',
    ].join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function peakHeap(path: string): Promise<{ ms: number; peakMb: number; kept: number }> {
  globalThis.gc?.();
  let peak = process.memoryUsage().heapUsed;
  const start = performance.now();
  const result = await importDirectoryFiles({ annuaire: await openAsBlob(path) }, { departement: '013' }, () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  return { ms: performance.now() - start, peakMb: peak / 2 ** 20, kept: result.report.kept };
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'tne13-annuaire-'));
  const files: Record<number, string> = {};
  for (const rows of [35_000, 70_000, 140_000]) {
    files[rows] = join(dir, `annuaire-${rows}.csv`);
    await writeFile(files[rows] as string, annuaireCsv(rows));
  }
  console.log('directory import (streamed: decode → CSV → checks), Node');
  for (const rows of [35_000, 70_000, 140_000]) {
    const run = await peakHeap(files[rows] as string);
    console.log(`  ${rows} rows: ${run.ms.toFixed(0)} ms, peak heap ${run.peakMb.toFixed(1)} MB, ${run.kept} schools kept`);
  }

  await buildApp();
  const served = await serveDir('dist');
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(served.url);
    await page.getByLabel('Votre nom et prénom').fill('Banc d’essai');
    await page.getByRole('radio', { name: 'ERUN' }).check();
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByRole('link', { name: 'Appareil' }).click();
    const times: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await page.getByLabel("Annuaire de l'éducation (fichier CSV)").setInputFiles(files[70_000] as string);
      await page.getByRole('button', { name: "Importer l'annuaire" }).click();
      await page.locator('#rapport-annuaire').getByText('Import terminé', { exact: false }).waitFor({ timeout: 60_000 });
      times.push(await page.evaluate(() => performance.getEntriesByName('tne:directory-import').at(-1)?.duration ?? Number.NaN));
    }
    console.log(`directory import of 70,000 rows in the app's worker (Chromium ${browser.version()}), file picked to report: ${describe(times)}`);
  } finally {
    await browser.close();
    await served.server.close();
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`  machine: ${machine()}`);
}

await main();
