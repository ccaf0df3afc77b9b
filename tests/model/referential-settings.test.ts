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

  it('checks the priority weights as Paramètres shows them, each named in its message', () => {
    const weights = (patch: Partial<typeof REFERENTIAL_V1.priorityWeights>) => ({ ...REFERENTIAL_V1, priorityWeights: { ...REFERENTIAL_V1.priorityWeights, ...patch } });
    expect(validateReferentialSettings(weights({ repPlus: 45.5, ipsSpan: 20 }))).toEqual([]);
    const errors = validateReferentialSettings(weights({ repPlus: -1, ipsSpan: 0, share: null as unknown as number }));
    expect(errors.map((e) => e.path)).toEqual(['priorityWeights.repPlus', 'priorityWeights.ipsSpan', 'priorityWeights.share']);
    expect(errors[0]?.message).toMatch(/^Priorité : École en REP\+ \(points\) : /);
  });
});
