// WARNING: main bundle. The device's database as the state holds it: actions reach it here, so that no screen or
// component carries the handle. Start-up opens it (startup.ts), before the first screen on a device that has one,
// after the schools list on a first visit; a test gives its own.
import { signal } from '@preact/signals';
import type { AuditDb } from '../storage/db';

let current: AuditDb | null = null;

/** The database is open and what the screens read from it is loaded: the screens that need it can show. */
export const databaseReady = signal(false);

export function setDeviceDb(db: AuditDb): void {
  current = db;
}

/** The open database. Screens that act on it are shown only once it is ready, so this never throws in the app. */
export function deviceDb(): AuditDb {
  if (!current) throw new Error('the device database is not open yet');
  return current;
}

export function isDeviceDb(db: AuditDb): boolean {
  return db === current;
}
