// `npm run import -- annuaire.csv [effectifs.csv] [ips.csv]` loads the school directory into the server's database,
// streaming the files (memory does not grow with them), with the same parsing and checks as the tablet, and merges
// it in one transaction (a failure leaves the previous directory whole); the audit log records who imported what.
// Options: --departement=094 (default: TNE13_DEPARTEMENT, as the server, else 013), --maternelles (keep
// maternelle-only schools). Each school's chef de file comes from the same territory configuration as the server's
// (TNE13_TERRITORY, src/territory): a département without configuration gives every school its Conseil départemental.
import { openAsBlob } from 'node:fs';
import { resolve } from 'node:path';
import { importDirectoryFiles } from '../../src/directory/import-files';
import { describeStoreLocation } from '../src/store/open-store';
import { cliActor } from '../src/audit';
import { importSchools } from '../src/directory';
import { territoryConfigFromEnv } from '../src/territory';
import type { TerritoryConfig } from '../../src/territory/territory';
import { openCliStore } from './cli-store';

const USAGE = 'Usage : npm run import -- annuaire.csv [effectifs.csv] [ips.csv] [--departement=013] [--maternelles]';

/** "Ville de Poitiers (1 commune), Conseil départemental de la Vienne (toutes les autres communes)". */
function chefsDeFileText(territory: TerritoryConfig): string {
  return territory.chefsDeFile
    .map((chef) => `${chef.label} (${chef.communes.length === 0 ? 'toutes les autres communes' : `${chef.communes.length} commune${chef.communes.length > 1 ? 's' : ''}`})`)
    .join(', ');
}

async function main(args: readonly string[]): Promise<number> {
  const files = args.filter((a) => !a.startsWith('--'));
  const departement = args.find((a) => a.startsWith('--departement='))?.split('=')[1];
  if (files.length < 1 || files.length > 3) {
    console.error(USAGE);
    return 2;
  }
  let territory: TerritoryConfig;
  try {
    territory = territoryConfigFromEnv({ ...process.env, ...(departement === undefined ? {} : { TNE13_DEPARTEMENT: departement }) });
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const [annuaire, effectifs, ips] = await Promise.all(files.map((f) => openAsBlob(f)));
  const reading = await importDirectoryFiles(
    { annuaire: annuaire as Blob, effectifs, ips },
    { departement: territory.departement, territory, includeMaternelles: args.includes('--maternelles') },
  );
  const opened = await openCliStore();
  if (opened === null) return 1;
  const { store, location } = opened;
  try {
    const merge = await importSchools(store, reading.schools);
    const { report } = reading;
    const counts = { kept: report.kept, added: merge.added, updated: merge.updated, closed: merge.closed, refused: report.refused.length };
    await store.audit.record({ kind: 'directory-import', at: new Date().toISOString(), by: cliActor(), files: files.map((f) => resolve(f)), ...counts });
    console.log(`Annuaire importé dans ${describeStoreLocation(location)} :`);
    console.log(`  département ${territory.departement} (${territory.name}) ; chefs de file : ${chefsDeFileText(territory)}`);
    console.log(`  ${report.read} lignes lues, ${report.kept} écoles retenues (${merge.added} ajoutées, ${merge.updated} mises à jour, ${merge.unchanged} inchangées, dont ${merge.closed} fermées)`);
    console.log(`  ${report.skipped.length} lignes écartées, ${report.refused.length} refusées ; ${merge.keptWithFiches} écoles absentes du fichier conservées car des fiches s'y rattachent.`);
    for (const { line, reason } of [...report.refused, ...reading.effectifsRefused, ...reading.ipsRefused]) console.log(`  ligne ${line} : ${reason}`);
    return 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
