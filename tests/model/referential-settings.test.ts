import { describe, expect, it } from 'vitest';
import { validateReferentialSettings } from '../../src/model/referential-settings';
import { REFERENTIAL_V1 } from '../../src/model/referential';

const withParams = (params: Partial<typeof REFERENTIAL_V1.params>) => ({ ...REFERENTIAL_V1, params: { ...REFERENTIAL_V1.params, ...params } });

describe('validateReferentialSettings', () => {
  it('accepts the shipped référentiel', () => {
    expect(validateReferentialSettings(REFERENTIAL_V1)).toEqual([]);
  });

  it('names the setting and writes its limits the French way: decimal comma, spaced thousands', () => {
    expect(validateReferentialSettings(withParams({ minRamGb: 0.5 })).map((e) => e.message)).toEqual([
      "Mémoire vive minimale d'un ordinateur (Go) : saisissez un nombre entre 1 et 256 (saisi : 0,5).",
    ]);
    expect(validateReferentialSettings(withParams({ minDownloadMbps: 123456.75 })).map((e) => e.message)).toEqual([
      'Débit descendant minimal (Mb/s) : saisissez un nombre entre 0 et 100\u202f000 (saisi : 123\u202f456,75).',
    ]);
  });
});
