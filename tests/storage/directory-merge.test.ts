// The directory merge on the device is one transaction: a failure half-way, or a cancelled import, leaves the old
// directory whole; fiches are read to keep the schools they hang on, never written.
import { describe, expect, it } from 'vitest';
import { listSchools, putSchools } from '../../src/storage/directory';
import { mergeIntoDirectory } from '../../src/storage/directory-merge';
import { makeClassroomFiche, makeDirectorySchool } from '../../src/model/make';
import type { DirectorySchool } from '../../src/model/school';
import { freshDb } from '../support/db';

const MOISSON = makeDirectorySchool({ uai: '0130569Y', source: 'annuaire' });
const CANET = makeDirectorySchool({ uai: '0130541T', name: 'École élémentaire Canet Ambrosini', source: 'annuaire' });
const JAURES = makeDirectorySchool({ uai: '0130855J', name: 'École élémentaire Jean Jaurès', source: 'annuaire' });
const ARNAUD = makeDirectorySchool({ uai: '0131234W', name: 'École élémentaire Arnaud', source: 'annuaire' });

const byUai = (schools: DirectorySchool[]) => [...schools].sort((a, b) => a.uai.localeCompare(b.uai));

/** The device holds Moisson (with a fiche) and Canet (without). */
async function seededDb() {
  const db = freshDb();
  await putSchools(db, [MOISSON, CANET]);
  await db.fiches.put(makeClassroomFiche({ uai: MOISSON.uai }));
  return db;
}

/** A new file without Moisson nor Canet: Canet goes, Moisson stays (a fiche hangs on it), two schools come. */
const NEW_FILE = [{ ...JAURES, pupils: 230 }, ARNAUD];

describe('mergeIntoDirectory', () => {
  it('adds, removes and keeps the schools with fiches, in one go', async () => {
    const db = await seededDb();
    const merge = await mergeIntoDirectory(db, NEW_FILE);
    expect(merge).toMatchObject({ added: 2, removed: 1, keptWithFiches: 1 });
    expect((await listSchools(db)).map((s) => [s.uai, s.leftDirectory ?? false]).sort()).toEqual([
      [ARNAUD.uai, false], [MOISSON.uai, true], [JAURES.uai, false],
    ].sort());
    expect(await db.fiches.count()).toBe(1);
  });

  it('leaves the old directory whole when a write fails half-way (the removal already done is undone)', async () => {
    const db = await seededDb();
    const before = byUai(await listSchools(db));
    let created = 0;
    db.schools.hook('creating', () => {
      created += 1;
      if (created === 2) throw new Error('disque plein');
    });
    await expect(mergeIntoDirectory(db, NEW_FILE)).rejects.toThrow('disque plein');
    expect(byUai(await listSchools(db))).toEqual(before);
    expect(await db.fiches.count()).toBe(1);
  });

  it('writes nothing when the import is cancelled before the merge is written', async () => {
    const db = await seededDb();
    const before = byUai(await listSchools(db));
    const controller = new AbortController();
    controller.abort();
    await expect(mergeIntoDirectory(db, NEW_FILE, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(byUai(await listSchools(db))).toEqual(before);
  });
});
