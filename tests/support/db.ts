// A fresh fake-indexeddb database per test, deleted afterwards.
import { afterEach } from 'vitest';
import { AuditDb } from '../../src/storage/db';

const opened: AuditDb[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.delete()));
});

export function freshDb(): AuditDb {
  const db = new AuditDb(`test-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}
