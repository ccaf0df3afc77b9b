// The database's name, and whether this device has it, known without loading Dexie (db.ts), which is most of the
// app's weight: a first visit has no database yet, so the first screens do not wait for it.
export const DEFAULT_DB_NAME = 'tne13-etat-des-lieux';

/** False on a device that never opened the app's database; true when the browser cannot tell. */
export async function hasDatabase(name: string = DEFAULT_DB_NAME): Promise<boolean> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return true;
  try {
    return (await indexedDB.databases()).some((db) => db.name === name);
  } catch {
    return true;
  }
}
