// The export's zip, written through an in-memory reader of images and read back by fflate and by the tests' own
// central-directory reader: the workbook deflated under its export name (its Photos columns read by exceljs), each
// photo stored under its name with bytes that hash to its SHA-256, UTF-8 names, photos-manquantes.txt for what the
// server lacks, written entry by entry, and refused before a byte is written when a zip could not hold it.
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ExportInput } from '../../src/export/export-input';
import { photoEntries, type PhotoEntry } from '../../src/export/photo-names';
import { MISSING_PHOTOS_FILE, writePhotoZip, zipEntryTime, type ReadPhoto } from '../../src/export/photo-zip';
import { runExport, type ExportFile } from '../../src/export/run-export';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { CAMPAIGN, DIRECTORY, EXPORTED_AT } from './fixture';
import { fixtureFichesWithPhotos, fixturePhoto, sha256Of, type FixturePhoto } from './photo-fixture';
import { zipDirectory } from './support/zip-directory';

const { fiches, deviceOf, photos: photosByFiche } = fixtureFichesWithPhotos();
const input: ExportInput = { campaign: CAMPAIGN, directory: DIRECTORY, fiches, deviceOf, referential: REFERENTIAL_V1, exportedAt: EXPORTED_AT };
const workbook = runExport(input, 'xlsx', undefined);
const entries = photoEntries(input);
const held = new Map([...photosByFiche.values()].flat().map((p) => [p.photo.sha256, p]));

/** A reader of the images in `photos`, as the server's store answers. */
function readerOf(photos: Iterable<FixturePhoto>): ReadPhoto {
  const bySha = new Map([...photos].map((p) => [p.photo.sha256, p]));
  return async (sha256) => {
    const found = bySha.get(sha256);
    return found && { type: found.photo.type, bytes: found.bytes };
  };
}

/** Writes the zip into memory, chunk by chunk. */
async function zipOf(photos: readonly PhotoEntry[], read: ReadPhoto, file: ExportFile = workbook) {
  const chunks: Uint8Array[] = [];
  const report = await writePhotoZip(file, photos, read, async (chunk) => void chunks.push(chunk.slice()), EXPORTED_AT);
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((offset, c) => (bytes.set(c, offset), offset + c.length), 0);
  return { report, bytes, chunks };
}

describe('writePhotoZip', () => {
  it('holds the workbook under its export name and every photo under its name, bytes that hash to its SHA-256', async () => {
    const { report, bytes } = await zipOf(entries, readerOf(held.values()));

    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual([workbook.fileName, ...entries.map((e) => e.path)]);
    expect(workbook.fileName).toMatch(/^tne13-etat-des-lieux-2026-2027-20261128-1838\.xlsx$/);
    expect(Buffer.from(files[workbook.fileName] as Uint8Array).equals(Buffer.from(workbook.bytes))).toBe(true);
    for (const entry of entries) expect(sha256Of(files[entry.path] as Uint8Array), entry.path).toBe(entry.sha256);
    expect(report).toEqual({ photos: 7, missing: [], bytes: bytes.length });
    expect(MISSING_PHOTOS_FILE in files).toBe(false);
  });

  it("holds the workbook that exceljs reads, with each fiche's photos counted", async () => {
    const { bytes } = await zipOf(entries, readerOf(held.values()));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(unzipSync(bytes)[workbook.fileName] as Uint8Array) as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const column = (sheet: string, key: string) => {
      const ws = book.getWorksheet(sheet) as ExcelJS.Worksheet;
      const header = ws.getRow(1).values as unknown[];
      return ws.getRows(2, ws.rowCount - 1)?.map((row) => [row.getCell(header.indexOf(key)).value, row.getCell(header.indexOf('Photos')).value]);
    };
    expect(column('Écoles', 'UAI')?.find(([uai]) => uai === '0130569Y')).toEqual(['0130569Y', 3]);
    expect(column('Classes', 'Classe')?.slice(0, 3)).toEqual([['CM1 B', 3], ['cp  a', 1], ['CP A', 0]]);
  });

  it('stores photos as they are, deflates the workbook, and marks names as UTF-8 where they are not ASCII', async () => {
    const accented = fixturePhoto('accent', 'display');
    const photos: PhotoEntry[] = [{ path: '0130569Y/Salle d’arts – étage/affichage-1.jpg', sha256: accented.photo.sha256, type: 'image/jpeg', bytes: accented.bytes.length, takenAt: accented.photo.takenAt }];
    const { bytes } = await zipOf(photos, readerOf([accented]));

    const directory = zipDirectory(bytes);
    expect(directory.map((e) => [e.name, e.method, e.utf8, e.localAgrees])).toEqual([
      [workbook.fileName, 8, false, true],
      ['0130569Y/Salle d’arts – étage/affichage-1.jpg', 0, true, true],
    ]);
    expect(directory[0]?.size).toBe(workbook.bytes.length);
    expect(directory[1]).toMatchObject({ size: accented.bytes.length, compressedSize: accented.bytes.length });
    expect(Object.keys(unzipSync(bytes))).toContain('0130569Y/Salle d’arts – étage/affichage-1.jpg');
  });

  it('reads each image only once the one before it is written, so that no two images wait in memory', async () => {
    const writtenAtRead: number[] = [];
    let written = 0;
    const read = readerOf(held.values());
    await writePhotoZip(workbook, entries, async (sha) => {
      writtenAtRead.push(written);
      return read(sha);
    }, async (chunk) => void (written += chunk.length), EXPORTED_AT);

    // Before the k-th image is read, the workbook and the k-1 images before it are in what was written.
    let before = workbook.bytes.length / 10; // at the least (deflated)
    entries.forEach((entry, k) => {
      expect(writtenAtRead[k], entry.path).toBeGreaterThan(before);
      before = (writtenAtRead[k] as number) + entry.bytes;
    });
  });

  it('lists in photos-manquantes.txt, in French, a photo the server lacks and one whose bytes changed, and writes the others', async () => {
    const [lost, altered] = [entries[1] as PhotoEntry, entries[4] as PhotoEntry];
    const base = readerOf(held.values());
    const read: ReadPhoto = async (sha) => {
      if (sha === lost.sha256) return undefined;
      const found = await base(sha);
      if (sha === altered.sha256 && found) return { ...found, bytes: Uint8Array.from(found.bytes, (b, i) => (i === 10 ? b ^ 1 : b)) };
      return found;
    };
    const { report, bytes } = await zipOf(entries, read);

    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual([workbook.fileName, ...entries.filter((e) => e !== lost && e !== altered).map((e) => e.path), MISSING_PHOTOS_FILE]);
    expect(Buffer.from(files[MISSING_PHOTOS_FILE] as Uint8Array).toString('utf8')).toBe(
      '\uFEFF2 photos citées par les fiches mais absentes de cette archive :\r\n\r\n' +
      `0130569Y/ecole/reseau-1.webp (empreinte ${lost.sha256}) : absente du serveur\r\n` +
      `0130569Y/CM1 B/ordinateur-1.webp (empreinte ${altered.sha256}) : altérée sur le serveur, son contenu ne correspond plus à son empreinte\r\n`,
    );
    expect(report.photos).toBe(5);
    expect(report.missing).toEqual([{ entry: lost, reason: 'absent' }, { entry: altered, reason: 'altered' }]);
  });

  it('dates each photo by when it was taken and the workbook by the export, at the Paris wall clock whatever the zone', async () => {
    const old = fixturePhoto('vieille', 'general');
    const photos: PhotoEntry[] = [
      { path: '0130569Y/ecole/general-1.jpg', sha256: old.photo.sha256, type: 'image/jpeg', bytes: old.bytes.length, takenAt: '1970-01-01T00:00:00.000Z' },
      { ...(entries[0] as PhotoEntry), takenAt: '2026-10-12T08:45:31.000Z' },
    ];
    const { bytes } = await zipOf(photos, readerOf([old, ...held.values()]));
    // The DOS date and time of each entry (APPNOTE 4.4.6), read from the central directory as unzip shows them.
    const times = zipDirectory(bytes).map(({ time, date }) =>
      `${1980 + (date >> 9)}-${String((date >> 5) & 15).padStart(2, '0')}-${String(date & 31).padStart(2, '0')} ` +
      `${String(time >> 11).padStart(2, '0')}:${String((time >> 5) & 63).padStart(2, '0')}:${String((time & 31) * 2).padStart(2, '0')}`);
    // 17:38 UTC in November is 18:38 in Paris; 08:45:31 UTC in October is 10:45:30 there (DOS times count by 2 s);
    // 1970 is before any zip date: the export's.
    expect(times).toEqual(['2026-11-28 18:38:00', '2026-11-28 18:38:00', '2026-10-12 10:45:30']);
  });

  it('gives no zip time to what is no date or out of the DOS calendar', () => {
    expect(zipEntryTime(new Date('pas une date'))).toBeNull();
    expect(zipEntryTime(new Date('1979-12-31T22:59:59Z'))).toBeNull();
    expect(zipEntryTime(new Date('1979-12-31T23:00:00Z'))?.getFullYear()).toBe(1980);
    expect(zipEntryTime(new Date('2100-01-01T00:00:00Z'))).toBeNull();
  });

  it('refuses, writing nothing, more photos than a zip without ZIP64 counts, or more than 4 GiB of them', async () => {
    const write = async () => {
      throw new Error('nothing should be written');
    };
    const read: ReadPhoto = async () => undefined;
    const entry = (i: number, bytes: number): PhotoEntry => ({ path: `0130569Y/CP/general-${i}.jpg`, sha256: '0'.repeat(64), type: 'image/jpeg', bytes, takenAt: '2026-10-12T08:45:00.000Z' });

    const many = Array.from({ length: 65_534 }, (_, i) => entry(i + 1, 1000));
    await expect(writePhotoZip(workbook, many, read, write, EXPORTED_AT)).rejects.toThrow('Trop de photos pour une archive ZIP : 65534 (au plus 65533).');
    await expect(writePhotoZip(workbook, many.slice(0, 65_533), read, write, EXPORTED_AT)).rejects.toThrow('nothing should be written');

    // 2,100 photos of 2 MiB: 4.1 GiB.
    const large = Array.from({ length: 2100 }, (_, i) => entry(i + 1, 2 * 1024 * 1024));
    await expect(writePhotoZip(workbook, large, read, write, EXPORTED_AT)).rejects.toThrow(
      "L'archive dépasserait 4 Gio (environ 4,1 Gio), la limite des archives ZIP de l'export ; le classeur seul s'exporte toujours (fichier .xlsx).",
    );
    await expect(writePhotoZip(workbook, large.slice(0, 2000), read, write, EXPORTED_AT)).rejects.toThrow('nothing should be written');
  });

  it('fails with the error of the reader or of the writer', async () => {
    await expect(writePhotoZip(workbook, entries, async () => {
      throw new Error('disque illisible');
    }, async () => {}, EXPORTED_AT)).rejects.toThrow('disque illisible');
    let calls = 0;
    await expect(writePhotoZip(workbook, entries, readerOf(held.values()), async () => {
      if (++calls === 3) throw new Error('disque plein');
    }, EXPORTED_AT)).rejects.toThrow('disque plein');
  });
});
