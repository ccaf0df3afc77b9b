// `npm run export -- archive.zip --photos`: the departmental workbook and every photo of the campaign's fiches in
// one zip, run as a child process on a store that a real server filled over HTTP (photos uploaded, then the fiches
// that cite them), and read back by fflate, exceljs and Info-ZIP's unzip. A fiche whose photo the store lacks (which
// sync refuses; here written straight into the store, as a store restored without its photos would hold it) gives
// photos-manquantes.txt and a French line on stderr, not a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClassroomFiche } from '../../src/model/make';
import type { PhotoType } from '../../src/model/types';
import { openStore } from '../../server/src/store/open-store';
import { CAMPAIGN, DIRECTORY } from '../export/fixture';
import { fixtureFichesWithPhotos, fixturePhoto, photoBytes, sha256Of } from '../export/photo-fixture';
import { readXlsx } from '../export/support/read-xlsx';
import { putPhoto } from './fixtures/photos';
import { shownLocation, storeLocation } from './store-under-test';
import { makeTempDir, pushOf, removeTempDir, runCli, startServer, syncStatuses, useDirectory } from './support';

const { fiches, deviceOf, photos } = fixtureFichesWithPhotos();
// A classroom of Aix whose first photo was kept and whose second never reached the store; an odd label.
const kept = fixturePhoto('aix-1', 'network');
const lost = fixturePhoto('aix-2', 'display');
const ORPHAN = makeClassroomFiche({
  id: '00000000-0000-4000-8000-00000000000d', uai: '0130001F', campaign: CAMPAIGN, updatedAt: '2026-11-03T14:00:00.000Z',
  data: { label: 'CE2/CM1 "bis"', photos: [kept.photo, lost.photo] },
});

/** The hash of the fixture's photo `seed` (photo-fixture.ts: its bytes follow from its seed and type). */
const hashOf = (seed: string, type: PhotoType = 'image/jpeg') => sha256Of(photoBytes(seed, type));
/** The zip's photos, in order: each school by UAI, its school fiche's photos first, then its classrooms'. */
const PHOTO_PATHS: [string, string][] = [
  ['0130001F/CE2-CM1 bis/reseau-1.jpg', kept.photo.sha256],
  ['0130569Y/ecole/general-1.jpg', hashOf('ecole-1')],
  ['0130569Y/ecole/reseau-1.webp', hashOf('ecole-2', 'image/webp')],
  ['0130569Y/ecole/general-2.jpg', hashOf('ecole-3')],
  ['0130569Y/CM1 B/affichage-1.jpg', hashOf('cm1b-1')],
  ['0130569Y/CM1 B/ordinateur-1.webp', hashOf('cm1b-2', 'image/webp')],
  ['0130569Y/CM1 B/affichage-2.jpg', hashOf('cm1b-3')],
  ['0130569Y/cp a/visualiseur-1.jpg', hashOf('cpa-b-1')],
];
const MISSING_LINE = `0130001F/CE2-CM1 bis/affichage-1.jpg (empreinte ${lost.photo.sha256}) : absente du serveur`;
const WORKBOOK_NAME = /^tne13-etat-des-lieux-2026-2027-\d{8}-\d{4}\.xlsx$/;

let dir: string;
let dbPath: string;

beforeAll(async () => {
  dir = makeTempDir();
  dbPath = join(dir, 'tne13.sqlite');
  await useDirectory(dbPath, DIRECTORY);
  const server = await startServer(dbPath);
  try {
    // As a tablet does: each photo first (the tombstone's and the other campaign's too), then the fiches citing them.
    for (const { photo, bytes } of [...photos.values()].flat()) {
      expect((await putPhoto(server, bytes, { type: photo.type })).status).toBe(201);
    }
    for (const device of new Set(deviceOf.values())) {
      const mine = fiches.filter((f) => deviceOf.get(f.id) === device);
      expect(await syncStatuses(server, mine.map((f) => pushOf(f)), device)).toEqual(mine.map(() => 'stored'));
    }
  } finally {
    await server.close();
  }
  const store = await openStore(storeLocation(dbPath));
  try {
    await store.attachments.put(kept.photo.sha256, kept.photo.type, kept.bytes);
    const sender = { deviceId: 'tablette-a', tokenOwner: 'Camille Martin', receivedAt: '2026-11-03T14:00:05.000Z' };
    expect((await store.revisions.push([pushOf(ORPHAN)], sender)).map((o) => o.status)).toEqual(['stored']);
  } finally {
    await store.close();
  }
}, 60_000);

afterAll(() => removeTempDir(dir));

describe('npm run export -- archive.zip --photos', () => {
  let out: string;
  let stdout: string;
  let stderr: string;
  let code: number | null;
  let files: Record<string, Uint8Array>;

  beforeAll(() => {
    out = join(dir, 'état des lieux.zip');
    ({ code, stdout, stderr } = runCli('export', dbPath, out, '--photos', '--campaign', CAMPAIGN));
    files = unzipSync(readFileSync(out));
  }, 60_000);

  it('says in French what it wrote, and each photo the store lacks, without failing', () => {
    const size = readFileSync(out).length;
    expect(code).toBe(0);
    expect(stdout).toBe(`Tableau départemental ${CAMPAIGN} et 8 photos écrits dans ${out} (${size} octets, base ${shownLocation(dbPath)}).\n`);
    expect(stderr).toBe(`Photo manquante : ${MISSING_LINE}.\n1 photo manquante, listée dans photos-manquantes.txt.\n`);
  });

  it('holds the workbook, every photo of the campaign under its name with bytes that hash to it, and the list of the missing one', () => {
    const names = Object.keys(files);
    expect(names[0]).toMatch(WORKBOOK_NAME);
    expect(names.slice(1)).toEqual([...PHOTO_PATHS.map(([path]) => path), 'photos-manquantes.txt']);
    for (const [path, sha256] of PHOTO_PATHS) expect(sha256Of(files[path] as Uint8Array), path).toBe(sha256);
    expect(Buffer.from(files['photos-manquantes.txt'] as Uint8Array).toString('utf8')).toBe(
      `\uFEFF1 photo citée par les fiches mais absente de cette archive :\r\n\r\n${MISSING_LINE}\r\n`,
    );
  });

  it("holds the workbook that exceljs reads, with each fiche's photos counted", async () => {
    const sheets = await readXlsx(files[Object.keys(files)[0] as string] as Uint8Array);
    const count = (name: string, key: string) => {
      const sheet = sheets.find((s) => s.name === name);
      const [keyAt, photosAt] = [sheet?.header.indexOf(key) ?? -1, sheet?.header.indexOf('Photos') ?? -1];
      return sheet?.rows.map((row) => [row[keyAt], row[photosAt]]);
    };
    expect(count('Écoles', 'UAI')).toEqual(expect.arrayContaining([['0130569Y', 3], ['0130001F', 0], ['0131234W', null]]));
    expect(count('Classes', 'Classe')).toEqual(expect.arrayContaining([['CM1 B', 3], ['cp  a', 1], ['CP A', 0], ['CE2/CM1 "bis"', 2]]));
  });

  it('is a zip that Info-ZIP lists with the same UTF-8 names and tests without error', () => {
    const env = { ...process.env, LC_ALL: 'C.UTF-8' };
    const listed = spawnSync('unzip', ['-Z1', out], { encoding: 'utf8', env });
    expect(listed.status).toBe(0);
    expect(listed.stdout.split('\n').filter(Boolean)).toEqual(Object.keys(files));
    const tested = spawnSync('unzip', ['-tq', out], { encoding: 'utf8', env });
    expect(tested.stdout).toContain('No errors detected');
    expect(tested.status).toBe(0);
  });

  it('refuses a .zip without --photos, and --photos into another file, with the usage and exit code 2, writing nothing', () => {
    const zip = runCli('export', dbPath, join(dir, 'sans-photos.zip'));
    expect(zip.code).toBe(2);
    expect(zip.stderr).toContain('Une archive .zip contient les photos : ajoutez --photos.\nUsage :\n');
    expect(zip.stderr).toContain('npm run export -- archive.zip --photos [--campaign 2026-2027]');
    const xlsx = runCli('export', dbPath, join(dir, 'photos.xlsx'), '--photos');
    expect(xlsx.code).toBe(2);
    expect(xlsx.stderr).toContain('--photos écrit une archive : nommez le fichier en .zip.\nUsage :\n');
    expect(existsSync(join(dir, 'sans-photos.zip'))).toBe(false);
    expect(existsSync(join(dir, 'photos.xlsx'))).toBe(false);
  }, 60_000);

  it('says in French that the file cannot be written, with exit code 1', () => {
    const run = runCli('export', dbPath, join(dir, 'absent', 'photos.zip'), '--photos', '--campaign', CAMPAIGN);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'Écriture de photos.zip impossible : ENOENT.\n' });
  }, 60_000);
});
