// Puts a generated département in the app's database of an open page, as a tablet that audited it all would hold
// it (one IndexedDB transaction, outside the app). Shared by the browser benchmarks.
import type { Page } from 'playwright-core';
import type { GeneratedDepartement } from '../tests/fixtures/departement/generate-departement';

export async function seedDepartement(page: Page, departement: GeneratedDepartement): Promise<void> {
  // On a first visit the app creates its database just after the schools list shows: opened before that, the
  // database would be created here, empty, and the transaction below would throw.
  await page.waitForFunction(async () => (await indexedDB.databases()).some((db) => db.name === 'tne13-etat-des-lieux'));
  await page.evaluate(
    ({ schools, fiches }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tne13-etat-des-lieux');
        open.onerror = () => reject(open.error);
        open.onupgradeneeded = () => reject(new Error('the app has not created its database yet'));
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
