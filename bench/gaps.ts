// The gap engine over the whole generated département (1,200 schools, 9,000 classrooms): a full recompute and a
// one-classroom incremental recompute, in Node and in the app's Web Worker in headless Chromium.
import type { Page } from 'playwright-core';
import { generateDepartement } from '../tests/fixtures/departement/generate-departement';
import { GapEngine } from '../src/gaps/gap-engine';
import { REFERENTIAL_V1 } from '../src/model/referential';
import type { ClassroomFiche } from '../src/model/types';
import { launchBrowser } from '../tests/e2e/support/browser';
import { serveBuild } from '../tests/e2e/support/serve-build';
import { describe } from './stats';
import { seedDepartement } from './seed-browser';
import { machine } from './machine';

const RUNS = 15;
const EDITS = 40;
const departement = generateDepartement();
const currentYear = 2026;

function inNode() {
  const loads: number[] = [];
  let engine: GapEngine | undefined;
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    engine = new GapEngine({ referential: REFERENTIAL_V1, directory: departement.schools, fiches: departement.fiches, currentYear });
    engine.report(0);
    loads.push(performance.now() - start);
  }
  const full: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const referential = { ...REFERENTIAL_V1, params: { ...REFERENTIAL_V1.params, classesPerGroup: 4 + (i % 2) } };
    const start = performance.now();
    engine?.setReferential(referential);
    full.push(performance.now() - start);
  }
  const classrooms = departement.fiches.filter((f): f is ClassroomFiche => f.kind === 'classroom');
  const incremental: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const fiche = classrooms[(i * 37) % classrooms.length] as ClassroomFiche;
    const edited = { ...fiche, rev: fiche.rev + 1, data: { ...fiche.data, pupils: (i % 30) + 1 } };
    const start = performance.now();
    engine?.apply([edited]);
    incremental.push(performance.now() - start);
  }
  console.log(`gaps, Node ${process.version} (${departement.schools.length} schools, ${classrooms.length} classrooms)`);
  console.log(`  whole-département recompute, warm (${RUNS} changes of référentiel): ${describe(full)}`);
  console.log(`  load of the département into a new engine, and its report: ${describe(loads)}`);
  console.log(`  one-classroom incremental recompute: ${describe(incremental)}`);
}

type Detail = { computeMs: number; roundTripMs: number };
const marks = (page: Page, name: string) =>
  page.evaluate((n) => performance.getEntriesByName(n).map((e) => (e as PerformanceMark).detail as Detail), name);


async function inChromium() {
  const { url, server } = await serveBuild();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByLabel('Votre nom et prénom').fill('Banc d’essai');
    await page.getByRole('radio', { name: 'ERUN' }).check();
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByRole('heading', { name: 'Écoles', level: 1 }).waitFor();
    await seedDepartement(page, departement);
    const loads: Detail[] = [];
    for (let i = 0; i < 5; i += 1) {
      await page.goto(`${url}/#/departement`);
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName('tne:gaps-load').length > 0, undefined, { timeout: 60_000 });
      loads.push(...(await marks(page, 'tne:gaps-load')));
    }
    // The same worker computing everything again (a change of référentiel): warm, as on a tablet in use.
    await page.goto(`${url}/#/parametres`);
    for (let i = 0; i < RUNS; i += 1) {
      await page.getByLabel('Classes par groupe').fill(String(4 + (i % 2)));
      await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
      await page.waitForFunction((n) => performance.getEntriesByName('tne:gaps-referential').length >= n, i + 1, { timeout: 60_000 });
    }
    const warm = await marks(page, 'tne:gaps-referential');
    const classroom = departement.fiches.find((f): f is ClassroomFiche => f.kind === 'classroom' && !f.deleted) as ClassroomFiche;
    await page.goto(`${url}/#/ecole/${classroom.uai}/classe/${classroom.id}`);
    const pupils = page.getByLabel("Nombre d'élèves");
    await pupils.waitFor();
    for (let i = 0; i < EDITS; i += 1) {
      await pupils.fill(String((i % 30) + 1));
      await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
      await page.waitForFunction((n) => performance.getEntriesByName('tne:gaps-apply').length >= n, i + 1);
    }
    const applies = await marks(page, 'tne:gaps-apply');
    console.log(`gaps, Web Worker in Chromium ${browser.version()} (same département, loaded from IndexedDB)`);
    console.log(`  whole-département recompute in the worker, warm (${RUNS} changes of référentiel): ${describe(warm.map((d) => d.computeMs))}`);
    console.log(`  same, round trip from the page (the full report cloned back): ${describe(warm.map((d) => d.roundTripMs))}`);
    console.log(`  first compute after a page load, in a cold worker: ${describe(loads.map((d) => d.computeMs))}`);
    console.log(`  same, round trip from the page (every fiche cloned in, the report out): ${describe(loads.map((d) => d.roundTripMs))}`);
    console.log(`  one-classroom incremental recompute in the worker: ${describe(applies.map((d) => d.computeMs))}`);
    console.log(`  same, round trip from the page: ${describe(applies.map((d) => d.roundTripMs))}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

inNode();
await inChromium();
console.log(`  machine: ${machine()}`);
