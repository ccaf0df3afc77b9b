// A fresh fake-indexeddb database per test, deleted afterwards.
import { afterEach } from 'vitest';
import { AuditDb } from '../../src/storage/db';
import { setDeviceDb } from '../../src/state/device-db';

const opened: AuditDb[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.delete()));
});

export function freshDb(): AuditDb {
  const db = new AuditDb(`test-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}

/** A fresh database made the device's own, which the state's actions and screens then use (as start-up does). */
export function freshDeviceDb(): AuditDb {
  const db = freshDb();
  setDeviceDb(db);
  return db;
}
