import { describe, expect, it } from 'vitest';
import { assumptionNote, fillReason, migrateReferential, REFERENTIAL_V1, RULES, type Referential } from '../../src/model/referential';

describe('the référentiel v1 as data', () => {
  it('gives every rule a short name and the reasons it can give, in French', () => {
    for (const rule of RULES) {
      expect(rule.short.length).toBeGreaterThan(0);
      expect(Object.keys(rule.reasons).length).toBeGreaterThan(0);
    }
  });

  it('ages displays with their own parameter, 8 years, marked as an assumption to confirm', () => {
    expect(REFERENTIAL_V1.params).toMatchObject({ maxAgeYears: 5, displayMaxAgeYears: 8 });
    expect(assumptionNote(REFERENTIAL_V1, 'displayMaxAgeYears')).toBe('hypothèse, à confirmer par le Département');
    expect(assumptionNote({ ...REFERENTIAL_V1, params: { ...REFERENTIAL_V1.params, displayMaxAgeYears: 7 } }, 'displayMaxAgeYears')).toBeNull();
    expect(assumptionNote(REFERENTIAL_V1, 'maxAgeYears')).toBeNull();
  });

  it('fills the placeholders of a reason and leaves unknown ones visible', () => {
    expect(fillReason('{equipment} de {year} : plus de {maxAge} ans', { equipment: 'VPI', year: 2016, maxAge: 8 })).toBe('VPI de 2016 : plus de 8 ans');
    expect(fillReason('{a} et {b}', { a: 'x' })).toBe('x et {b}');
  });
});

describe('migrateReferential: a référentiel stored on the device by an earlier version', () => {
  // What version 2026.1 of the app stored after an edit in Paramètres: no displayMaxAgeYears, no assumptions.
  const stored = {
    version: '2026.1-local.2',
    rules: REFERENTIAL_V1.rules.map(({ id, scope, label, severity }) => ({ id, scope, label, severity })),
    params: { maxAgeYears: 6, minRamGb: 8, terminalsPerGroup: 12, classesPerGroup: 4, minDownloadMbps: 10 },
    prices: [{ item: 'display', label: 'ENI', unitPriceHt: 3000, date: '2026', source: 'CD13' }],
    funding: REFERENTIAL_V1.funding,
    targets: { classes: 2500, newTeachers: 1000 },
  } as unknown as Partial<Referential>;

  it('keeps what was edited and takes the defaults of what was added since', () => {
    const migrated = migrateReferential(stored);
    expect(migrated.version).toBe('2026.1-local.2');
    expect(migrated.params).toEqual({ maxAgeYears: 6, displayMaxAgeYears: 8, minRamGb: 8, terminalsPerGroup: 12, classesPerGroup: 4, minDownloadMbps: 10 });
    expect(migrated.targets).toEqual({ classes: 2500, newTeachers: 1000 });
    expect(migrated.assumptions).toEqual(REFERENTIAL_V1.assumptions);
  });

  it('takes the rules and their wording from the app, never from what was stored', () => {
    expect(migrateReferential(stored).rules).toBe(REFERENTIAL_V1.rules);
  });

  it('keeps edited prices by article and adds the articles it did not have', () => {
    const prices = migrateReferential(stored).prices;
    expect(prices.map((p) => p.item)).toEqual(REFERENTIAL_V1.prices.map((p) => p.item));
    expect(prices.find((p) => p.item === 'display')).toMatchObject({ unitPriceHt: 3000, date: '2026', source: 'CD13' });
    expect(prices.find((p) => p.item === 'display-installation')).toEqual(REFERENTIAL_V1.prices.find((p) => p.item === 'display-installation'));
  });

  it('takes the priority weights and the néo-titulaire kit, added with pilotage, at their defaults; keeps edited weights', () => {
    const migrated = migrateReferential(stored);
    expect(migrated.priorityWeights).toEqual(REFERENTIAL_V1.priorityWeights);
    expect(migrated.prices.find((p) => p.item === 'kit-neo-titulaire')).toMatchObject({ unitPriceHt: null });
    const edited = migrateReferential({ ...stored, priorityWeights: { repPlus: 50 } } as unknown as Partial<Referential>);
    expect(edited.priorityWeights).toEqual({ ...REFERENTIAL_V1.priorityWeights, repPlus: 50 });
  });

  it('gives the shipped référentiel when nothing was stored', () => {
    expect(migrateReferential(undefined)).toBe(REFERENTIAL_V1);
  });
});
