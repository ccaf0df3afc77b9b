import { describe, expect, it } from 'vitest';
import { computeClassroomGap, tooOld } from '../../src/gaps/classroom-rules';
import type { ClassroomGap, Outcome } from '../../src/gaps/types';
import type { RuleId } from '../../src/model/referential';
import type { ClassroomData } from '../../src/model/types';
import { context, socleClassroom, withParams, type Patch } from './fixtures';
import { makeClassroomData } from '../../src/model/make';

const UAI = '0130569Y';

function gapOf(patch?: Patch<ClassroomData>, ctx = context()): ClassroomGap {
  return computeClassroomGap({ id: 'classe-1', uai: UAI, data: socleClassroom(patch) }, ctx);
}

function ruleOf(gap: ClassroomGap, rule: RuleId) {
  const found = gap.rules.find((r) => r.rule === rule);
  if (!found) throw new Error(`no ${rule} in the gap`);
  return found;
}

const outcomes = (gap: ClassroomGap) => Object.fromEntries(gap.rules.map((r) => [r.rule, r.outcome]));
const neededItems = (gap: ClassroomGap) => gap.needs.map((n) => [n.rule, n.item, n.quantity]);

describe('a classroom that has everything', () => {
  it('holds every class rule, needs nothing and meets the socle', () => {
    const gap = gapOf();
    expect(outcomes(gap)).toEqual({ C01: 'holds', C02: 'holds', C03: 'holds', C04: 'holds', C05: 'holds' });
    expect(gap).toMatchObject({ id: 'classe-1', uai: UAI, label: 'Classe 1', needs: [], costHt: 0, unpricedItems: 0, meetsSocle: true });
  });
});

describe('tooOld', () => {
  it.each([
    [2026, false],
    [2021, false], // exactly maxAgeYears (5) old still counts
    [2020, true],
    [2015, true],
    [null, null],
  ])('says a year %s is too old: %s (current year 2026, 5 years at most)', (year, expected) => {
    expect(tooOld(year, context())).toBe(expected);
  });
});

describe('C01: a collective display', () => {
  it.each<[string, Patch<ClassroomData>['display'], Outcome]>([
    ['an ENI in working order', { type: 'eni' }, 'holds'],
    ['a VPI', { type: 'vpi' }, 'holds'],
    ['a TNI', { type: 'tni' }, 'holds'],
    ['a vidéoprojecteur', { type: 'projector' }, 'holds'],
    ['a degraded display', { condition: 'degraded' }, 'holds'],
    ['a display exactly 8 years old (displayMaxAgeYears)', { year: 2018 }, 'holds'],
    ['a display 6 years old, older than a computer may be', { year: 2020 }, 'holds'],
    ['a television', { type: 'tv' }, 'fails'],
    ['no display', { type: 'none', condition: null, year: null }, 'fails'],
    ['a broken display', { condition: 'broken' }, 'fails'],
    ['a display out of service', { condition: 'out_of_service' }, 'fails'],
    ['a display 9 years old', { year: 2017 }, 'fails'],
    ['a display whose type is not recorded', { type: null, condition: null, year: null }, 'unknown'],
    ['a broken display of unknown year', { condition: 'broken', year: null }, 'fails'],
  ])('%s: %s', (_case, display, expected) => {
    expect(ruleOf(gapOf({ display }), 'C01').outcome).toBe(expected);
  });

  it.each<[string, Patch<ClassroomData>['display'], string]>([
    ['condition', { condition: null }, "État de l'affichage"],
    ['year', { year: null }, "Année de l'affichage"],
  ])('is "non renseigné" when the %s is not recorded', (_field, display, label) => {
    const gap = gapOf({ display });
    expect(ruleOf(gap, 'C01')).toEqual({ rule: 'C01', outcome: 'unknown', missing: [label], reason: null });
    expect(gap.needs).toEqual([]);
    expect(gap.meetsSocle).toBeNull();
  });

  it.each<[string, Patch<ClassroomData>['display'], string]>([
    ['a television', { type: 'tv' }, 'Un téléviseur ne compte pas comme affichage collectif'],
    ['no display', { type: 'none', condition: null, year: null }, 'Aucun affichage collectif dans la classe'],
    ['a broken display', { type: 'vpi', condition: 'broken' }, 'VPI en panne'],
    ['a projector out of service', { type: 'projector', condition: 'out_of_service' }, 'Vidéoprojecteur hors service'],
    ['an obsolete display', { type: 'vpi', year: 2016 }, 'VPI de 2016 : plus de 8 ans, ne compte plus pour le socle'],
  ])('needs one display and its installation, 3,200 € HT, for %s, and says why', (_case, display, reason) => {
    const gap = gapOf({ display });
    expect(ruleOf(gap, 'C01')).toEqual({ rule: 'C01', outcome: 'fails', missing: [], reason });
    expect(gap.needs).toEqual([
      { rule: 'C01', item: 'display', label: 'Écran numérique interactif (ENI 65")', reason, quantity: 1, unitPriceHt: 2700, amountHt: 2700 },
      { rule: 'C01', item: 'display-installation', label: "Installation d'un affichage collectif", reason, quantity: 1, unitPriceHt: 500, amountHt: 500 },
    ]);
    expect(gap).toMatchObject({ costHt: 3200, unpricedItems: 0, meetsSocle: false });
  });

  it('keeps a 10-year-old display when the référentiel allows 20 years for displays, whatever the computers', () => {
    const ctx = context(withParams({ displayMaxAgeYears: 20, maxAgeYears: 5 }));
    expect(ruleOf(gapOf({ display: { year: 2016 } }, ctx), 'C01').outcome).toBe('holds');
  });

  it('ages a display with displayMaxAgeYears, not with the computers\' maxAgeYears', () => {
    const ctx = context(withParams({ displayMaxAgeYears: 3, maxAgeYears: 20 }));
    expect(ruleOf(gapOf({ display: { type: 'eni', year: 2022 } }, ctx), 'C01').reason).toBe('ENI de 2022 : plus de 3 ans, ne compte plus pour le socle');
  });
});

describe('C02: a class computer that drives the display', () => {
  it.each<[string, Patch<ClassroomData>['computer'], Outcome]>([
    ['a working laptop linked to the display', {}, 'holds'],
    ['a desktop', { type: 'desktop' }, 'holds'],
    ['a degraded computer', { condition: 'degraded' }, 'holds'],
    ['an obsolete computer (2015)', { year: 2015 }, 'holds'],
    ['a computer with 4 Go of RAM', { ramGb: 4 }, 'holds'],
    ['a computer with a hard disk', { storage: 'hdd' }, 'holds'],
    ['a computer not linked to the display', { linkedToDisplay: false }, 'fails'],
    ['no computer', { type: 'none', condition: null }, 'fails'],
    ['a broken computer', { condition: 'broken' }, 'fails'],
    ['a computer out of service', { condition: 'out_of_service' }, 'fails'],
  ])('%s: %s', (_case, computer, expected) => {
    expect(ruleOf(gapOf({ computer }), 'C02').outcome).toBe(expected);
  });

  it.each<[string, Patch<ClassroomData>['computer'], string]>([
    ['condition', { condition: null }, "État de l'ordinateur"],
    ['link to the display', { linkedToDisplay: null }, "Ordinateur relié à l'affichage"],
  ])('is "non renseigné" when the %s is not recorded', (_field, computer, label) => {
    const gap = gapOf({ computer });
    expect(ruleOf(gap, 'C02')).toEqual({ rule: 'C02', outcome: 'unknown', missing: [label], reason: null });
    expect(gap.meetsSocle).toBeNull();
  });

  it.each<[string, Patch<ClassroomData>['computer'], string]>([
    ['no computer', { type: 'none', condition: null }, "Pas d'ordinateur dans la classe"],
    ['a broken computer', { condition: 'broken' }, 'En panne'],
  ])('needs one class computer, "non chiffré", for %s, and says why', (_case, computer, reason) => {
    const gap = gapOf({ computer });
    expect(ruleOf(gap, 'C02').reason).toBe(reason);
    expect(gap.needs).toEqual([
      { rule: 'C02', item: 'class-computer', label: 'Ordinateur de classe', reason, quantity: 1, unitPriceHt: null, amountHt: null },
    ]);
    expect(gap).toMatchObject({ costHt: 0, unpricedItems: 1, meetsSocle: false });
  });
});

describe('C03: the class computer is up to spec', () => {
  it.each<[string, Patch<ClassroomData>['computer'], Outcome]>([
    ['a computer 5 years old with 8 Go and an SSD', { year: 2021, ramGb: 8, storage: 'ssd' }, 'holds'],
    ['a degraded computer up to spec', { condition: 'degraded' }, 'holds'],
    ['a computer from 2015', { year: 2015 }, 'fails'],
    ['a computer with 4 Go of RAM', { ramGb: 4 }, 'fails'],
    ['a computer with a hard disk', { storage: 'hdd' }, 'fails'],
    ['no computer (C02 says it)', { type: 'none', condition: null }, 'not-applicable'],
    ['a broken computer (C02 says it)', { condition: 'broken' }, 'not-applicable'],
  ])('%s: %s', (_case, computer, expected) => {
    expect(ruleOf(gapOf({ computer }), 'C03').outcome).toBe(expected);
  });

  it.each<[string, Patch<ClassroomData>['computer'], string, number | null, string]>([
    ['too old (2015)', { year: 2015 }, 'class-computer', null, 'Acheté en 2015, plus de 5 ans'],
    ['4 Go of RAM', { ramGb: 4 }, 'computer-upgrade', 87, '4 Go de mémoire vive, moins de 8 Go'],
    ['3,5 Go of RAM', { ramGb: 3.5 }, 'computer-upgrade', 87, '3,5 Go de mémoire vive, moins de 8 Go'],
    ['a hard disk', { storage: 'hdd' }, 'computer-upgrade', 87, 'Disque dur, pas de SSD'],
    ['4 Go of RAM and a hard disk (one upgrade)', { ramGb: 4, storage: 'hdd' }, 'computer-upgrade', 87, '4 Go de mémoire vive, moins de 8 Go ; disque dur, pas de SSD'],
    ['every criterion', { year: 2012, ramGb: 2, storage: 'hdd' }, 'class-computer', null, 'Acheté en 2012, plus de 5 ans ; 2 Go de mémoire vive, moins de 8 Go ; disque dur, pas de SSD'],
  ])('lists a need for an obsolete computer with %s, says which criterion fails, yet the class meets the socle', (_case, computer, item, amountHt, reason) => {
    const gap = gapOf({ computer });
    expect(ruleOf(gap, 'C02').outcome).toBe('holds');
    expect(ruleOf(gap, 'C03')).toEqual({ rule: 'C03', outcome: 'fails', missing: [], reason });
    expect(gap.needs).toEqual([expect.objectContaining({ rule: 'C03', item, quantity: 1, amountHt, reason })]);
    expect(gap.meetsSocle).toBe(true);
    expect(gap).toMatchObject(amountHt === null ? { costHt: 0, unpricedItems: 1 } : { costHt: amountHt, unpricedItems: 0 });
  });

  it.each<[string, Patch<ClassroomData>['computer'], string[]]>([
    ['year', { year: null }, ["Année de l'ordinateur"]],
    ['RAM', { ramGb: null }, ['Mémoire vive (Go)']],
    ['storage', { storage: null }, ['Stockage']],
    ['year, RAM and storage', { year: null, ramGb: null, storage: null }, ["Année de l'ordinateur", 'Mémoire vive (Go)', 'Stockage']],
  ])('is "non renseigné" when the %s is not recorded, without failing the socle', (_field, computer, missing) => {
    const gap = gapOf({ computer });
    expect(ruleOf(gap, 'C03')).toEqual({ rule: 'C03', outcome: 'unknown', missing, reason: null });
    expect(gap.meetsSocle).toBe(true);
  });

  it('fails on a known defect even when another spec is not recorded', () => {
    const gap = gapOf({ computer: { year: null, ramGb: 4 } });
    expect(ruleOf(gap, 'C03')).toEqual({ rule: 'C03', outcome: 'fails', missing: [], reason: '4 Go de mémoire vive, moins de 8 Go' });
  });

  it('follows minRamGb from the référentiel', () => {
    expect(ruleOf(gapOf({ computer: { ramGb: 8 } }, context(withParams({ minRamGb: 16 }))), 'C03').outcome).toBe('fails');
  });
});

describe('C04: network access from the classroom', () => {
  it.each<[Patch<ClassroomData>['network'], Outcome]>([
    [{ access: 'wired' }, 'holds'],
    [{ access: 'wifi' }, 'holds'],
    [{ access: 'both' }, 'holds'],
    [{ access: 'none' }, 'fails'],
  ])('%o: %s', (network, expected) => {
    expect(ruleOf(gapOf({ network }), 'C04').outcome).toBe(expected);
  });

  it('needs one classroom connection, "non chiffré", when there is none', () => {
    const gap = gapOf({ network: { access: 'none' } });
    expect(neededItems(gap)).toEqual([['C04', 'classroom-connection', 1]]);
    expect(gap).toMatchObject({ costHt: 0, unpricedItems: 1, meetsSocle: false });
  });

  it('is "non renseigné" when the access is not recorded', () => {
    const gap = gapOf({ network: { access: null } });
    expect(ruleOf(gap, 'C04')).toEqual({ rule: 'C04', outcome: 'unknown', missing: ['Accès réseau'], reason: null });
    expect(gap.meetsSocle).toBeNull();
  });
});

describe('C05: a visualiseur, outside the socle', () => {
  it.each<[string, Patch<ClassroomData>['documentCamera'], Outcome, string[], string | null]>([
    ['a working visualiseur', { present: true, condition: 'working' }, 'holds', [], null],
    ['a degraded visualiseur', { present: true, condition: 'degraded' }, 'holds', [], null],
    ['a broken visualiseur', { present: true, condition: 'broken' }, 'fails', [], 'En panne'],
    ['a visualiseur out of service', { present: true, condition: 'out_of_service' }, 'fails', [], 'Hors service'],
    ['no visualiseur', { present: false, condition: null }, 'fails', [], 'Pas de visualiseur'],
    ['presence not recorded', { present: null }, 'unknown', ['Visualiseur'], null],
    ['condition not recorded', { present: true, condition: null }, 'unknown', ['État du visualiseur'], null],
  ])('%s: %s', (_case, documentCamera, outcome, missing, reason) => {
    const gap = gapOf({ documentCamera });
    expect(ruleOf(gap, 'C05')).toEqual({ rule: 'C05', outcome, missing, reason });
    expect(gap.meetsSocle).toBe(true);
    expect(gap.needs).toEqual([]);
  });
});

describe('meeting the socle (C01, C02 and C04)', () => {
  it.each<[string, Patch<ClassroomData>, boolean | null]>([
    ['everything holds', {}, true],
    ['only C03 and C05 fail', { computer: { year: 2015 }, documentCamera: { present: false } }, true],
    ['C01 fails', { display: { type: 'tv' } }, false],
    ['C02 fails', { computer: { condition: 'broken' } }, false],
    ['C04 fails', { network: { access: 'none' } }, false],
    ['C01 is not recorded', { display: { condition: null } }, null],
    ['C02 is not recorded', { computer: { linkedToDisplay: null } }, null],
    ['C04 is not recorded', { network: { access: null } }, null],
    ['C01 fails and C04 is not recorded', { display: { condition: 'broken' }, network: { access: null } }, false],
  ])('when %s: %s', (_case, patch, expected) => {
    expect(gapOf(patch).meetsSocle).toBe(expected);
  });

  it('adds up the needs of every failed rule: priced ones in costHt, the others as unpriced items', () => {
    const gap = gapOf({ display: { type: 'none' }, computer: { type: 'none' }, network: { access: 'none' } });
    expect(neededItems(gap)).toEqual([
      ['C01', 'display', 1],
      ['C01', 'display-installation', 1],
      ['C02', 'class-computer', 1],
      ['C04', 'classroom-connection', 1],
    ]);
    expect(gap).toMatchObject({ costHt: 3200, unpricedItems: 2, meetsSocle: false });
  });
});

describe('a failure that is certain is not hidden behind a missing value', () => {
  it('fails C01 for a display of 2010 whose condition is not recorded', () => {
    const gap = gapOf({ display: { condition: null, year: 2010 } });
    expect(ruleOf(gap, 'C01').outcome).toBe('fails');
    expect(gap.meetsSocle).toBe(false);
  });

  it('lists every missing field of C01', () => {
    expect(ruleOf(gapOf({ display: { condition: null, year: null } }), 'C01')).toEqual({
      rule: 'C01',
      outcome: 'unknown',
      missing: ["État de l'affichage", "Année de l'affichage"],
      reason: null,
    });
  });

  it('fails C02 for a computer not linked to the display whose condition is not recorded', () => {
    expect(ruleOf(gapOf({ computer: { condition: null, linkedToDisplay: false } }), 'C02').outcome).toBe('fails');
  });

  it('keeps the obsolescence warning of a computer whose condition is not recorded', () => {
    expect(ruleOf(gapOf({ computer: { condition: null, year: 2010 } }), 'C03').outcome).toBe('fails');
  });

  it('needs the computer linked to the display, "non chiffré", when it is not', () => {
    const gap = gapOf({ computer: { linkedToDisplay: false } });
    expect(neededItems(gap)).toEqual([['C02', 'display-link', 1]]);
    expect(ruleOf(gap, 'C02').reason).toBe("Non relié à l'affichage collectif");
    expect(gap).toMatchObject({ costHt: 0, unpricedItems: 1, meetsSocle: false });
  });
});

describe('a new classroom, untouched (records.md v2: every observation "non renseigné")', () => {
  it('fails nothing, costs nothing, is not audited, and says what is left to record', () => {
    const gap = computeClassroomGap({ id: 'classe-neuve', uai: UAI, data: makeClassroomData({ label: 'Classe 1' }) }, context());
    expect(gap.rules.map((r) => r.outcome)).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect(gap).toMatchObject({ needs: [], costHt: 0, unpricedItems: 0, meetsSocle: null, recorded: false });
    expect(ruleOf(gap, 'C01').missing).toEqual(["Type d'affichage"]);
    expect(ruleOf(gap, 'C02').missing).toEqual(['Ordinateur de la classe']);
  });

  it('is audited as soon as one piece of its equipment is recorded', () => {
    const gap = computeClassroomGap({ id: 'classe-2', uai: UAI, data: makeClassroomData({ network: { access: 'wifi' } }) }, context());
    expect(gap.recorded).toBe(true);
    expect(gap.meetsSocle).toBeNull();
  });
});
