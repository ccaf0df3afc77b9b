// Pilotage over the whole generated département (1,200 schools, 9,000 classrooms): the priority list (every school
// ranked again, as after an edit) and the equipment plan recomputed for a new budget (as at each keystroke of a budget),
// in Node and in the app's Web Worker in headless Chromium, where the figure is from the keystroke in the budget field
// to the plan's totals on screen.
import { generateDepartement } from '../tests/fixtures/departement/generate-departement';
import { GapEngine } from '../src/gaps/gap-engine';
import { REFERENTIAL_V1 } from '../src/model/referential';
import { DEFAULT_PLAN_OPTIONS } from '../src/gaps/plan';
import type { ClassroomFiche } from '../src/model/types';
import { describe } from './stats';
import { machine } from './machine';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/support/browser';
import { serveBuild } from '../tests/e2e/support/serve-build';
import { seedDepartement } from './seed-browser';
import { completeFirstRun } from '../tests/e2e/support/app';

const RUNS = 40;
const departement = generateDepartement();
const currentYear = 2026;
/** Every article priced, so that the plan walks every school's needs (the shipped prices leave most unpriced). */
const PRICED = {
  ...REFERENTIAL_V1,
  prices: REFERENTIAL_V1.prices.map((p) => ({ ...p, unitPriceHt: p.unitPriceHt ?? 300 })),
};

const budget = (i: number) => ({ 'ville-marseille': 100_000 + i * 37_000, cd13: 250_000 + i * 41_000 });

function inNode() {
  const engine = new GapEngine({ referential: PRICED, directory: departement.schools, fiches: departement.fiches, currentYear });
  const classrooms = departement.fiches.filter((f): f is ClassroomFiche => f.kind === 'classroom');
  const ranking: number[] = [];
  const plans: number[] = [];
  const afterEdit: number[] = [];
  let ranked = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const fiche = classrooms[(i * 37) % classrooms.length] as ClassroomFiche;
    engine.apply([{ ...fiche, rev: fiche.rev + 1 + i, data: { ...fiche.data, pupils: (i % 30) + 1 } }]); // drops the ranking
    let start = performance.now();
    ranked = engine.priorities().length;
    ranking.push(performance.now() - start);
    start = performance.now();
    engine.plan({ budgetsHt: budget(i), options: DEFAULT_PLAN_OPTIONS });
    plans.push(performance.now() - start);
    engine.apply([{ ...fiche, rev: fiche.rev + 100 + i, data: { ...fiche.data, pupils: (i % 29) + 2 } }]);
    start = performance.now();
    engine.plan({ budgetsHt: budget(i), options: { computerUpgrades: true, newTeachersFirst: false } });
    afterEdit.push(performance.now() - start);
  }
  const cold: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    const fresh = new GapEngine({ referential: PRICED, directory: departement.schools, fiches: departement.fiches, currentYear });
    const start = performance.now();
    fresh.priorities();
    cold.push(performance.now() - start);
  }
  console.log(`pilotage, Node ${process.version} (${departement.schools.length} schools, ${classrooms.length} classrooms, ${ranked} ranked, every article priced)`);
  console.log(`  priority list of the département, first ranking after a load (every school scored): ${describe(cold)}`);
  console.log(`  priority list of the département, ranked again after an edit: ${describe(ranking)}`);
  console.log(`  plan of both chefs de file for a new budget (ranking kept): ${describe(plans)}`);
  console.log(`  plan after an edit (ranking and plan computed again, C03 switch on): ${describe(afterEdit)}`);
}

/** The référentiel as "Paramètres" would have saved it with every article priced. */
async function savePricedReferential(page: Page): Promise<void> {
  await page.evaluate(
    (referential) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('keyval', 'readwrite');
          tx.objectStore('keyval').put(referential, 'referential');
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { ...PRICED, version: '2026.1-local.1' },
  );
}

interface Keystroke {
  /** From the key's keydown to the plan's new totals on screen (the frame after they are in the DOM). */
  latencyMs: number;
}

/** Types `digits` one at a time into the field; for each, the time until the plan's summary shows the new budget's plan. */
async function typeBudget(page: Page, label: string, digits: string): Promise<Keystroke[]> {
  const field = page.getByLabel(label);
  await field.fill('');
  await page.waitForTimeout(300);
  const results: Keystroke[] = [];
  for (const digit of digits) {
    await page.evaluate(() => {
      const w = window as unknown as { benchKeydown?: number; benchShown?: Promise<number> };
      const summary = document.querySelector('.plan-summary') as HTMLElement;
      const before = summary.textContent;
      w.benchShown = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (summary.textContent === before) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now()));
        });
        observer.observe(summary, { childList: true, subtree: true, characterData: true });
      });
      addEventListener('keydown', () => (w.benchKeydown = performance.now()), { once: true, capture: true });
    });
    await field.press(digit);
    const latencyMs = await page.evaluate(async () => {
      const w = window as unknown as { benchKeydown: number; benchShown: Promise<number> };
      return (await w.benchShown) - w.benchKeydown;
    });
    results.push({ latencyMs });
  }
  return results;
}

async function inChromium() {
  const { url, server } = await serveBuild();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(url);
    await completeFirstRun(page, 'Banc d’essai');
    await seedDepartement(page, departement);
    await savePricedReferential(page);
    await page.goto(`${url}/#/plan`);
    await page.reload();
    await page.getByRole('heading', { name: "Plan d'équipement", level: 1 }).waitFor();
    await page.locator('.plan-summary').waitFor({ timeout: 120_000 });
    // The Priorités tab: from the click to its first rows on screen (the worker ranks the département).
    const opened: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await page.goto(`${url}/#/plan`);
      await page.locator('.plan-summary').waitFor({ timeout: 120_000 });
      const tab = page.getByRole('navigation', { name: 'Pages du département' }).getByRole('link', { name: 'Priorités', exact: true });
      await page.evaluate(() => addEventListener('click', () => ((window as unknown as { benchClick: number }).benchClick = performance.now()), { once: true, capture: true }));
      await tab.click();
      await page.locator('.priority-table tbody tr').first().waitFor();
      opened.push(await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now() - (window as unknown as { benchClick: number }).benchClick)))));
    }
    await page.goto(`${url}/#/plan`);
    await page.locator('.plan-summary').waitFor({ timeout: 120_000 });
    const typed: Keystroke[] = [];
    // Budgets typed digit by digit, as a user would: each keystroke is a new budget and a new plan.
    for (let i = 0; i < 4; i += 1) {
      typed.push(...(await typeBudget(page, 'Budget HT de la Ville de Marseille', `${i + 1}250000`)));
      typed.push(...(await typeBudget(page, 'Budget HT du Conseil départemental 13', `${i + 2}400000`)));
    }
    const plans = await page.evaluate(() =>
      performance.getEntriesByName('tne:plan').map((e) => (e as PerformanceMark).detail as { computeMs: number; roundTripMs: number }));
    const ranked = await page.locator('.plan-screen').textContent();
    console.log(`pilotage, Web Worker in Chromium ${browser.version()} (same département in IndexedDB, every article priced in the device's référentiel)`);
    console.log(`  ${/(\d[\d\s\u202f]*) écoles classées/.exec(ranked ?? '')?.[0] ?? ''}`);
    console.log(`  plan computed in the worker for each keystroke: ${describe(plans.slice(-typed.length).map((d) => d.computeMs))}`);
    console.log(`  same, round trip from the page (request to signal set): ${describe(plans.slice(-typed.length).map((d) => d.roundTripMs))}`);
    console.log(`  keystroke in a budget field to the new plan's totals on screen: ${describe(typed.map((k) => k.latencyMs))}`);
    console.log(`  click on the Priorités tab to its first 100 rows on screen (ranking in the worker included): ${describe(opened)}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

console.log(machine());
inNode();
await inChromium();
