// A store (a SQLite file, or a PostgreSQL database named by its URL) holding a whole generated département (tests/fixtures/departement): its directory and every fiche,
// stored as new (rev 1) from seven tablets, 500 a batch, through the store (validation is not what is measured).
import { generateDepartement, type GenerateDepartementOptions, type GeneratedDepartement } from '../fixtures/departement/generate-departement';
import { openStore } from '../../server/src/store/open-store';
import { pushOf } from './support';

export const DEPARTEMENT_TABLETS = 7;

/** Fills the store at `location` (a new one) and answers what it holds (each fiche at rev 1 on the server). */
export async function fillDepartementFile(location: string, options: GenerateDepartementOptions = {}): Promise<GeneratedDepartement> {
  const { schools, fiches } = generateDepartement(options);
  const store = await openStore(location);
  try {
    await store.directory.replace(() => ({ schools }));
    for (let i = 0; i < fiches.length; i += 500) {
      const sender = { deviceId: `tablette-${(i / 500) % DEPARTEMENT_TABLETS}`, tokenOwner: 'Banc d’essai', receivedAt: new Date().toISOString() };
      await store.revisions.push(fiches.slice(i, i + 500).map((fiche) => pushOf(fiche)), sender);
    }
  } finally {
    await store.close();
  }
  return { schools, fiches };
}
