import { describe, expect, it } from 'vitest';
import { hasDatabase } from '../../src/storage/db-name';
import { freshDb } from '../support/db';

describe('hasDatabase', () => {
  it('says a device has no database until the app opens one (a first visit), without opening it', async () => {
    const db = freshDb();
    expect(await hasDatabase(db.name)).toBe(false);
    expect(await hasDatabase(db.name)).toBe(false); // asking did not create it

    await db.open();
    expect(await hasDatabase(db.name)).toBe(true);
  });
});
