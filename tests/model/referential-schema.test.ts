// The one schema a référentiel is published and received with (src/model/referential-schema.ts): bounds of
// "Paramètres", rules and wording from the code whatever is sent, a field it does not name dropped rather than refused.
import { describe, expect, it } from 'vitest';
import { readPublishedReferential, readServedReferential } from '../../src/model/referential-schema';
import { defaultReferentialFor, REFERENTIAL_V1 } from '../../src/model/referential';
import { territoryFor } from '../../src/territory/territory-for';

describe('reading a published référentiel', () => {
  it('takes rules, wording, assumptions and article labels from the code, and prices an article left out at its default', () => {
    const sent = {
      ...REFERENTIAL_V1,
      rules: [{ id: 'C01', label: 'Autre libellé' }],
      assumptions: {},
      // Not the publisher's to set: the server's configuration. And one price only, labelled otherwise.
      territory: { departement: '13', name: 'Autre', nameWithArticle: "d'Autre", chefsDeFile: [] },
      prices: [{ item: 'computer-upgrade', label: 'Mise à jour', unitPriceHt: 95, date: '2026', source: 'Ville de Marseille (2026)' }],
    };
    const reading = readPublishedReferential(sent, '2026.2', defaultReferentialFor(territoryFor('094')));
    if (!reading.ok) throw new Error(JSON.stringify(reading.errors));
    expect(reading.referential.version).toBe('2026.2');
    expect(reading.referential.rules).toBe(REFERENTIAL_V1.rules);
    expect(reading.referential.assumptions).toBe(REFERENTIAL_V1.assumptions);
    expect(reading.referential.territory).toEqual(defaultReferentialFor(territoryFor('094')).territory);
    expect(reading.referential.prices.find((p) => p.item === 'computer-upgrade')).toEqual({
      item: 'computer-upgrade', label: "Mise à niveau d'un ordinateur (SSD et mémoire)", unitPriceHt: 95, date: '2026', source: 'Ville de Marseille (2026)',
    });
    expect(reading.referential.prices.find((p) => p.item === 'display')).toEqual(REFERENTIAL_V1.prices.find((p) => p.item === 'display'));
  });

  it('refuses two prices for one article, naming the list', () => {
    const price = { item: 'display', unitPriceHt: 1, date: null, source: null };
    const reading = readPublishedReferential({ ...REFERENTIAL_V1, prices: [price, price] }, '2026.2');
    expect(reading).toEqual({ ok: false, errors: [{ path: 'prices', message: 'prices : un article y a deux prix.' }] });
  });

  it('reads a served one with its territory, and only with a server’s version, never a simulation’s', () => {
    const valDeMarne = defaultReferentialFor(territoryFor('094'));
    expect(readServedReferential(JSON.parse(JSON.stringify({ ...valDeMarne, version: '2026.12' })))).toEqual({ ok: true, referential: { ...valDeMarne, version: '2026.12' } });
    expect(readServedReferential({ ...REFERENTIAL_V1, territory: { ...REFERENTIAL_V1.territory, chefsDeFile: [] } })).toMatchObject({ ok: false, errors: [{ path: 'territory.chefsDeFile' }] });
    for (const version of ['2026.1-local.1', '2026', '26.1', '2026.0', undefined]) {
      expect(readServedReferential({ ...REFERENTIAL_V1, version }), String(version)).toMatchObject({ ok: false, errors: [{ path: 'version' }] });
    }
  });
});
