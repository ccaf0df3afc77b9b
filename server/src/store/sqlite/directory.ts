// The school directory in SQLite: one row per school, its record as JSON. A replacement reads the directory and
// the schools that fiches hang on, and writes the new directory, in one IMMEDIATE transaction.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { DirectorySchool } from '../../../../src/model/school';
import type { DirectoryStore } from '../store';

/** Reads every school's stored JSON by UAI; inside a transaction, it reads that transaction's state. */
export function schoolRecordsReader(db: Database.Database): () => string[] {
  const records = db.prepare('SELECT record FROM schools ORDER BY uai').pluck();
  return () => records.all() as string[];
}

/** Reads every school by UAI; inside a transaction, it reads that transaction's state. */
export function schoolsReader(db: Database.Database): () => DirectorySchool[] {
  const readRecords = schoolRecordsReader(db);
  return () => readRecords().map((record) => JSON.parse(record) as DirectorySchool);
}

/** A short name of the directory's content (its schools' stored JSON, by UAI): another content, another name. */
export function directoryFingerprint(records: readonly string[]): string {
  const hash = createHash('sha256');
  for (const record of records) hash.update(record).update('\n');
  return hash.digest('base64url').slice(0, 16);
}

/** `onReplaced` is told after each replacement this connection commits (the export version's memo listens). */
export function sqliteDirectory(db: Database.Database, onReplaced: () => void = () => {}): DirectoryStore {
  const readSchools = schoolsReader(db);
  const uaisWithFiches = db.prepare('SELECT DISTINCT uai FROM revisions').pluck();
  const clear = db.prepare('DELETE FROM schools');
  const insert = db.prepare('INSERT INTO schools (uai, record) VALUES (?, ?)');

  return {
    async list() {
      return readSchools();
    },
    async replace(change) {
      const replaceAll = db.transaction(() => {
        const withFiches = new Set(uaisWithFiches.all() as string[]);
        const result = change(readSchools(), (uai) => withFiches.has(uai));
        clear.run();
        for (const school of result.schools) insert.run(school.uai, JSON.stringify(school));
        return result;
      });
      const result = replaceAll.immediate();
      onReplaced();
      return result;
    },
  };
}
