// The gap engine over the whole generated département (1,200 schools, 9,000 classrooms): a load (everything
// computed), a change of a classroom parameter (the rule that reads it judged again in every classroom), a change of
// a school parameter (which leaves the classrooms as they were) and a one-classroom incremental recompute, in Node
// and in the app's Web Worker in headless Chromium, with the page's round trips.
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
    engine.summary(0);
    loads.push(performance.now() - start);
  }
  const changes = (params: (i: number) => Partial<typeof REFERENTIAL_V1.params>) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const referential = { ...REFERENTIAL_V1, version: `bench.${i}`, params: { ...REFERENTIAL_V1.params, ...params(i) } };
      const start = performance.now();
      engine?.setReferential(referential);
      engine?.summary(0);
      times.push(performance.now() - start);
    }
    return times;
  };
  // Every change is one (8 and 4 are the defaults): displayMaxAgeYears is read by C01 alone, classesPerGroup by school rules only.
  const full = changes((i) => ({ displayMaxAgeYears: 9 - (i % 2) }));
  const schoolParam = changes((i) => ({ displayMaxAgeYears: 9, classesPerGroup: 5 - (i % 2) })); // 9: as left above
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
  console.log(`  change of a classroom parameter, warm (${RUNS} changes of displayMaxAgeYears: C01 judged again in every classroom, the schools whose classrooms changed): ${describe(full)}`);
  console.log(`  change of a school parameter (schools and département recomputed): ${describe(schoolParam)}`);
  console.log(`  load of the département into a new engine, and its summary: ${describe(loads)}`);
  console.log(`  one-classroom incremental recompute: ${describe(incremental)}`);
}

type Detail = { computeMs: number; roundTripMs: number };
const marks = (page: Page, name: string) =>
  page.evaluate((n) => performance.getEntriesByName(n).map((e) => (e as PerformanceMark).detail as Detail), name);

/** Deletes the summary the app keeps for its next start, or waits until it is written. */
function savedSummary(page: Page, action: 'delete' | 'wait'): Promise<void> {
  // No named function in here: the bundler would wrap it in a helper the page does not have.
  return page.evaluate(async (what) => {
    for (;;) {
      const count = await new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('keyval', 'readwrite').objectStore('keyval');
          const request = what === 'delete' ? store.delete('gapSummary') : store.count('gapSummary');
          request.onsuccess = () => (open.result.close(), resolve(what === 'delete' ? 1 : (request.result as number)));
        };
      });
      if (count > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }, action);
}

/** Saves the référentiel RUNS times with the field `label` set to `value(i)`; the marks of those recomputes. */
async function changeReferential(page: Page, label: string, value: (i: number) => number): Promise<Detail[]> {
  const before = (await marks(page, 'tne:gaps-referential')).length;
  for (let i = 0; i < RUNS; i += 1) {
    await page.getByLabel(label).fill(String(value(i)));
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await page.waitForFunction((n) => performance.getEntriesByName('tne:gaps-referential').length >= n, before + i + 1, { timeout: 60_000 });
  }
  return (await marks(page, 'tne:gaps-referential')).slice(before);
}

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
    const firstFigures: Detail[] = [];
    const firstFromSaved: Detail[] = [];
    await page.goto(`${url}/#/departement`);
    for (let i = 0; i < 10; i += 1) {
      // Five starts with no summary kept (as after the fiches changed), then five with the last run's kept.
      if (i < 5) await savedSummary(page, 'delete');
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName('tne:gaps-load').length > 0, undefined, { timeout: 60_000 });
      if (i < 5) loads.push(...(await marks(page, 'tne:gaps-load')));
      (i < 5 ? firstFigures : firstFromSaved).push(...(await marks(page, 'tne:gaps-first')));
      await page.waitForFunction(() => document.body.textContent?.includes('Besoin estimé'));
      await savedSummary(page, 'wait');
    }
    // The same worker computing again after a change of référentiel: warm, as on a tablet in use.
    await page.goto(`${url}/#/parametres`);
    // Every save changes the value (8 and 4 are the defaults), so that each one computes what read it.
    const warm = await changeReferential(page, "Âge maximal d'un affichage collectif", (i) => 9 - (i % 2));
    const schoolParam = await changeReferential(page, 'Classes par groupe', (i) => 5 - (i % 2));
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
    console.log(`  change of a classroom parameter in the worker, warm (${RUNS} changes of displayMaxAgeYears): ${describe(warm.map((d) => d.computeMs))}`);
    console.log(`  same, round trip from the page (summaries cloned back, signal set): ${describe(warm.map((d) => d.roundTripMs))}`);
    console.log(`  change of a school parameter in the worker: ${describe(schoolParam.map((d) => d.computeMs))}`);
    console.log(`  same, round trip from the page: ${describe(schoolParam.map((d) => d.roundTripMs))}`);
    console.log(`  first compute after a page load, in a cold worker: ${describe(loads.map((d) => d.computeMs))}`);
    console.log(`  same, round trip from the page (every fiche cloned in, summaries out): ${describe(loads.map((d) => d.roundTripMs))}`);
    console.log(`  cold start to the first département figures, the summary kept from the last run shown: ${describe(firstFromSaved.map((d) => d.roundTripMs))}`);
    console.log(`  same, nothing kept (computed in the cold worker): ${describe(firstFigures.map((d) => d.roundTripMs))}`);
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
