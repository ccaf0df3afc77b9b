// The classroom loop on a 1024×768 tablet, in headless Chromium against the real server: the taps a typical
// classroom takes from the school screen, the taps of a copied one, and over a school of 11 classrooms (one typed,
// ten copied from the form) the taps per classroom and the time from the "Terminer et copier" tap to the next
// form ready to type in (its name selected).
import { launchBrowser } from '../tests/e2e/support/browser';
import { serveBuild } from '../tests/e2e/support/serve-build';
import { completeFirstRun, openSchool } from '../tests/e2e/support/app';
import { copyFromForm, copyFromSchool, recordTypicalClassroom, Taps, waitForClassroom } from '../tests/e2e/support/classroom-loop';
import { describe } from './stats';
import { machine } from './machine';

const CLASSROOMS = 11;

async function main() {
  const { url, server } = await serveBuild();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(url);
    await completeFirstRun(page);
    await openSchool(page, 'Capucins', 'École élémentaire Les Capucins');

    const typical = await recordTypicalClassroom(page, 'Salle 1');
    const fromSchool = await copyFromSchool(page, 'Salle 2');
    console.log(`classroom loop (Chromium ${browser.version()}, 1024×768, ${machine()})`);
    console.log(`typical classroom from the school screen (CM1, 26 pupils, working VPI of 2019, working laptop linked, Wi-Fi, no visualiseur): ${typical} taps (goal ≤ 15)`);
    console.log(`copied classroom from the school screen ("Copier la dernière classe saisie", name typed, "Terminer la classe"): ${fromSchool} taps (goal ≤ 3)`);

    await page.getByRole('link', { name: /^Salle 2/ }).click();
    await waitForClassroom(page, 'Salle 2');
    const taps: number[] = [];
    const latencies: number[] = [];
    for (let n = 3; n <= CLASSROOMS; n += 1) {
      const copied = await copyFromForm(page, `Salle ${n}`);
      taps.push(copied.taps);
      latencies.push(copied.readyMs);
      await waitForClassroom(page, `Salle ${n}`);
    }
    await new Taps(page).tap(page.getByRole('button', { name: 'Terminer la classe' }));
    const listed = await page.locator('.classroom-list li').count();
    console.log(
      `school of ${listed} classrooms: 1 typed (${typical} taps), 1 copied from the school screen (${fromSchool} taps), ` +
        `${taps.length} copied from the form (${taps.join(', ')} taps each, plus 1 tap to finish the last)`,
    );
    console.log(`"Terminer et copier" tap → next form ready, its name selected (round trips to IndexedDB included): ${describe(latencies)}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
