// `npm run export -- out.xlsx [--campaign 2026-2027]` writes the departmental workbook from the server's database
// (DATABASE_URL, else TNE13_DB, else data/tne13.sqlite), computed with the référentiel in force; `npm run export --
// out.csv --sheet ecoles` writes one sheet as CSV; `npm run export -- out.zip --photos` writes a zip of the workbook
// and every photo of the campaign's fiches (`<UAI>/<classe>/<sujet>-<n>.jpg`, src/export/photo-names.ts).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { frenchNumber } from '../../src/model/french-number';
import { MISSING_PHOTOS_FILE, MISSING_REASONS } from '../../src/export/photo-zip';
import { campaignOf, sheetOf } from '../src/export-route';
import { exportFromServer } from '../src/export-source';
import { exportZipFromServer } from '../src/export-zip';
import { referentialInForce } from '../src/referential';
import { describeStoreLocation } from '../src/store/open-store';
import { territoryFromEnv } from '../src/territory';
import { openCliStore } from './cli-store';

const USAGE = [
  'Usage :',
  '  npm run export -- fichier.xlsx [--campaign 2026-2027]',
  '  npm run export -- fichier.csv --sheet synthese|ecoles|classes|besoins|referentiel [--campaign 2026-2027]',
  '  npm run export -- archive.zip --photos [--campaign 2026-2027]',
].join('\n');

const FORMATS = { '.xlsx': 'xlsx', '.csv': 'csv', '.zip': 'zip' } as const;

function formatOf(out: string | undefined): (typeof FORMATS)[keyof typeof FORMATS] | null {
  const lower = out?.toLowerCase() ?? '';
  const ext = Object.keys(FORMATS).find((e) => lower.endsWith(e)) as keyof typeof FORMATS | undefined;
  return ext ? FORMATS[ext] : null;
}

const plural = (n: number, word: string) => `${frenchNumber(n)} ${word}${n > 1 ? 's' : ''}`;

async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { campaign: { type: 'string' }, sheet: { type: 'string' }, photos: { type: 'boolean' } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [out] = parsed.positionals;
  const format = formatOf(out);
  if (!out || format === null || parsed.positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  // The photos go in a zip and only there: a .zip without --photos, or --photos into another file, is a mistake.
  if ((format === 'zip') !== (parsed.values.photos === true)) {
    console.error(`${format === 'zip' ? 'Une archive .zip contient les photos : ajoutez --photos.' : '--photos écrit une archive : nommez le fichier en .zip.'}\n${USAGE}`);
    return 2;
  }
  const opened = await openCliStore();
  if (opened === null) return 1;
  const { store, location } = opened;
  try {
    const at = new Date();
    const campaign = campaignOf(parsed.values.campaign, at);
    const sheet = format === 'csv' ? sheetOf(parsed.values.sheet) : undefined;
    const referential = await referentialInForce(store, territoryFromEnv(process.env));
    if (format === 'zip') {
      const zip = await exportZipFromServer(store, campaign, at, referential, out);
      for (const { entry, reason } of zip.missing) console.error(`Photo manquante : ${entry.path} (empreinte ${entry.sha256}) : ${MISSING_REASONS[reason]}.`);
      if (zip.missing.length > 0) console.error(`${plural(zip.missing.length, 'photo')} manquante${zip.missing.length > 1 ? 's' : ''}, listée${zip.missing.length > 1 ? 's' : ''} dans ${MISSING_PHOTOS_FILE}.`);
      console.log(`Tableau départemental ${campaign} et ${plural(zip.photos, 'photo')} écrits dans ${resolve(out)} (${zip.bytes} octets, base ${describeStoreLocation(location)}).`);
      return 0;
    }
    const file = await exportFromServer(store, campaign, format, sheet, at, referential);
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
