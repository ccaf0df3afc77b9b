// The export's zip as a file: written under a temporary name beside it and renamed once whole, so that an export
// that fails midway leaves no file that looks whole, and an older archive of that name as it was. Real files in a
// temporary folder; the images come from a reader function, as the store's would.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoEntries } from '../../src/export/photo-names';
import type { ReadPhoto } from '../../src/export/photo-zip';
import { runExport } from '../../src/export/run-export';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { writePhotoZipFile } from '../../server/src/export-zip';
import { CAMPAIGN, DIRECTORY, EXPORTED_AT } from '../export/fixture';
import { fixtureFichesWithPhotos, sha256Of } from '../export/photo-fixture';
import { makeTempDir, removeTempDir } from './support';

const { fiches, deviceOf, photos } = fixtureFichesWithPhotos();
const input = { campaign: CAMPAIGN, directory: DIRECTORY, fiches, deviceOf, referential: REFERENTIAL_V1, exportedAt: EXPORTED_AT };
const workbook = runExport(input, 'xlsx', undefined);
const entries = photoEntries(input);
const bySha = new Map([...photos.values()].flat().map((p) => [p.photo.sha256, p]));
const read: ReadPhoto = async (sha) => {
  const found = bySha.get(sha);
  return found && { type: found.photo.type, bytes: found.bytes };
};

let dir: string;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => removeTempDir(dir));

describe('writePhotoZipFile', () => {
  it('writes the whole zip under its name and leaves nothing else beside it', async () => {
    const folder = mkdtempSync(join(dir, 'whole-'));
    const path = join(folder, 'photos.zip');
    const report = await writePhotoZipFile(path, workbook, entries, read, EXPORTED_AT);

    const bytes = readFileSync(path);
    expect(report).toEqual({ photos: entries.length, missing: [], bytes: bytes.length });
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual([workbook.fileName, ...entries.map((e) => e.path)]);
    for (const entry of entries) expect(sha256Of(files[entry.path] as Uint8Array)).toBe(entry.sha256);
    expect(readdirSync(folder)).toEqual(['photos.zip']);
  });

  it('keeps an older archive of that name as it was, and leaves no partial file, when the export fails midway', async () => {
    const folder = mkdtempSync(join(dir, 'failed-'));
    const path = join(folder, 'older.zip');
    writeFileSync(path, 'archive précédente');
    let reads = 0;
    const failing: ReadPhoto = async (sha) => {
      if (++reads === 4) throw new Error('lecture impossible');
      return read(sha);
    };
    await expect(writePhotoZipFile(path, workbook, entries, failing, EXPORTED_AT)).rejects.toThrow('lecture impossible');
    expect(readFileSync(path, 'utf8')).toBe('archive précédente');
    expect(readdirSync(folder)).toEqual(['older.zip']);
  });

  it('says in French that the file cannot be written, when its folder does not exist', async () => {
    await expect(writePhotoZipFile(join(dir, 'absent', 'photos.zip'), workbook, entries, read, EXPORTED_AT)).rejects.toThrow('Écriture de photos.zip impossible : ENOENT.');
  });
});
