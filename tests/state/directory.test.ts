import { describe, expect, it } from 'vitest';
import { loadDirectory, schools, showDemoDirectory } from '../../src/state/directory';
import { freshDeviceDb } from '../support/db';

describe('the directory of a first visit', () => {
  it('shows, before the database opens, the schools and the order the new database then gives', async () => {
    await showDemoDirectory();
    const shown = schools.value.map((school) => school.uai);

    freshDeviceDb();
    await loadDirectory();
    expect(schools.value.map((school) => school.uai)).toEqual(shown);
    expect(shown).toHaveLength(40);
  });
});
