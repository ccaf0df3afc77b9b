// `npm run export -- out.xlsx [--campaign 2026-2027]` writes the departmental workbook from the server's database
// (DATABASE_URL, else TNE13_DB, else data/tne13.sqlite), computed with the référentiel in force; `npm run export --
// out.csv --sheet ecoles` writes one sheet as CSV.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { campaignOf, sheetOf } from '../src/export-route';
import { exportFromServer } from '../src/export-source';
import { referentialInForce } from '../src/referential';
import { describeStoreLocation } from '../src/store/open-store';
import { territoryFromEnv } from '../src/territory';
import { openCliStore } from './cli-store';

const USAGE = [
  'Usage :',
  '  npm run export -- fichier.xlsx [--campaign 2026-2027]',
  '  npm run export -- fichier.csv --sheet synthese|ecoles|classes|besoins|referentiel [--campaign 2026-2027]',
].join('\n');

async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { campaign: { type: 'string' }, sheet: { type: 'string' } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [out] = parsed.positionals;
  const format = out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : out?.toLowerCase().endsWith('.csv') ? 'csv' : null;
  if (!out || format === null || parsed.positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const opened = await openCliStore();
  if (opened === null) return 1;
  const { store, location } = opened;
  try {
    const at = new Date();
    const campaign = campaignOf(parsed.values.campaign, at);
    const sheet = format === 'csv' ? sheetOf(parsed.values.sheet) : undefined;
    const file = await exportFromServer(store, campaign, format, sheet, at, await referentialInForce(store, territoryFromEnv(process.env)));
    writeFileSync(out, file.bytes);
    console.log(`Tableau départemental ${campaign} écrit dans ${resolve(out)} (${file.bytes.length} octets, base ${describeStoreLocation(location)}).`);
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
