// Temporary: screenshots of the pilotage screens for a walk-through (deleted after use).
import { generateDepartement } from '../tests/fixtures/departement/generate-departement';
import { launchBrowser } from '../tests/e2e/support/browser';
import { serveBuild } from '../tests/e2e/support/serve-build';
import { seedDepartement } from './seed-browser';

import type { Page } from 'playwright-core';
async function shoot(page: Page, name: string) {
  const { width } = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const step = width > 500 ? 1000 : 1300;
  for (let y = 0, i = 0; y < height && i < 6; y += step, i += 1) {
    await page.screenshot({ path: `/tmp/shots/${name}-${i}.png`, fullPage: true, clip: { x: 0, y, width, height: Math.min(step, height - y) } });
  }
}
const dep = generateDepartement({ schools: 80, classrooms: 700 });
const { url, server } = await serveBuild();
const browser = await launchBrowser();
try {
  for (const [w, h] of [[1024, 768], [360, 740]] as const) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    await page.goto(url);
    await page.getByLabel('Votre nom et prénom').fill('Camille Martin');
    await page.getByRole('radio', { name: 'ERUN' }).check();
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByRole('heading', { name: 'Écoles', level: 1 }).waitFor();
    await seedDepartement(page, dep);
    await page.goto(`${url}/#/departement`);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(2500);
    await shoot(page, `dep-${w}`);
    await page.goto(`${url}/#/priorites`);
    await page.waitForTimeout(1500);
    await shoot(page, `prio-${w}`);
    await page.goto(`${url}/#/plan`);
    await page.waitForTimeout(1000);
    await shoot(page, `plan-empty-${w}`);
    await page.getByLabel('Budget HT de la Ville de Marseille (€)').fill('60000');
    await page.getByLabel('Budget HT du Conseil départemental 13 (€)').fill('25000');
    await page.waitForTimeout(1500);
    await shoot(page, `plan-${w}`);
    if (w === 1024) {
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: '/tmp/shots/plan.pdf', preferCSSPageSize: true });
      await page.emulateMedia({ media: 'screen' });
      const uai = '0134939Y'; // the demonstration school of the e2e fiche test has no fiches here: take a generated one with 12 classes
      const twelve = dep.schools.find((x) => dep.fiches.filter((f) => f.uai === x.uai && f.kind === 'classroom').length === 12)?.uai ?? uai;
      await page.goto(`${url}/#/ecole/${twelve}/fiche`);
      await page.waitForTimeout(1500);
      await shoot(page, `fiche-${w}`);
      await page.getByRole('button', { name: 'Imprimer' }).and(page.locator(':not([aria-disabled=true])')).waitFor();
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: '/tmp/shots/fiche.pdf', format: 'A4', preferCSSPageSize: true });
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
