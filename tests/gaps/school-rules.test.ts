import { describe, expect, it } from 'vitest';
import { computeClassroomGap, type GapContext } from '../../src/gaps/classroom-rules';
import { classesOf, computeSchoolGap } from '../../src/gaps/school-rules';
import type { ClassroomGap, Outcome, SchoolGap } from '../../src/gaps/types';
import type { RuleId } from '../../src/model/referential';
import { makeSchoolData } from '../../src/model/make';
import type { DirectorySchool } from '../../src/model/school';
import type { ClassroomData, SchoolData } from '../../src/model/types';
import { context, directorySchool, fleet, socleClassroom, socleSchool, withParams, withPrices, type Patch } from './fixtures';

const UAI = '0130569Y';

function classrooms(count: number, patch?: Patch<ClassroomData>, ctx = context()): ClassroomGap[] {
  return Array.from({ length: count }, (_, i) => computeClassroomGap({ id: `classe-${i + 1}`, uai: UAI, data: socleClassroom(patch) }, ctx));
}

interface Setup {
  /** null: no school fiche. */
  school?: SchoolData | null;
  rooms?: ClassroomGap[];
  /** null: not in the directory. */
  directory?: DirectorySchool | null;
  ctx?: GapContext;
}

function gapOf({ school = socleSchool(), rooms = classrooms(4), directory = directorySchool(), ctx = context() }: Setup = {}): SchoolGap {
  return computeSchoolGap(UAI, school ?? undefined, rooms, directory ?? undefined, ctx);
}

function ruleOf(gap: SchoolGap, rule: RuleId) {
  const found = gap.rules.find((r) => r.rule === rule);
  if (!found) throw new Error(`no ${rule} in the gap`);
  return found;
}

const needsOf = (gap: SchoolGap, rule: RuleId) => gap.needs.filter((n) => n.rule === rule).map((n) => [n.item, n.quantity]);

describe('a school that has everything', () => {
  it('holds every school rule, with E04 not evaluated, and meets the socle', () => {
    const gap = gapOf();
    expect(Object.fromEntries(gap.rules.map((r) => [r.rule, r.outcome]))).toEqual({
      E01: 'holds', E02: 'holds', E03: 'holds', E04: 'not-evaluated', E05: 'holds', E06: 'holds', E07: 'holds', E08: 'holds', E09: 'holds',
    });
    expect(gap).toMatchObject({ uai: UAI, inDirectory: true, hasFiches: true, status: 'draft', needs: [], classrooms: 4, classroomsAudited: 4, classroomsMeeting: 4, newTeachers: 1, meetsSocle: true });
  });
});

describe('E01: shared mobile terminals', () => {
  it.each([
    [1, 10, 10],
    [4, 10, 10],
    [5, 10, 20],
    [9, 10, 30],
    [1, 15, 15],
    [4, 15, 15],
    [5, 15, 30],
    [9, 15, 45],
  ])('requires, for %i classes at %i terminals a group of 4, %i terminals', (classes, terminalsPerGroup, required) => {
    const ctx = context(withParams({ terminalsPerGroup }));
    const short = gapOf({ ctx, school: socleSchool({ classesCount: classes, fleets: [fleet({ count: 10, workingCount: 8 })] }) });
    expect(short.terminals).toEqual({ classes, classesSource: 'fiche', required, counted: 8 });
    expect(ruleOf(short, 'E01').outcome).toBe('fails');
    expect(needsOf(short, 'E01')).toEqual([['mobile-terminal', required - 8]]);

    const enough = gapOf({ ctx, school: socleSchool({ classesCount: classes, fleets: [fleet({ count: required, workingCount: required })] }) });
    expect(enough.terminals).toMatchObject({ required, counted: required });
    expect(ruleOf(enough, 'E01').outcome).toBe('holds');
    expect(needsOf(enough, 'E01')).toEqual([]);
  });

  it.each<[string, Patch<SchoolData>, number]>([
    ['the working devices of every fleet', { fleets: [fleet({ count: 12, workingCount: 6 }), fleet({ type: 'laptop', count: 5, workingCount: 3 })] }, 9],
    ['a fleet exactly 5 years old', { fleets: [fleet({ year: 2021, workingCount: 10 })] }, 10],
    ['a fleet of unknown year', { fleets: [fleet({ year: null, workingCount: 10 })] }, 10],
    ['no obsolete fleet (2019)', { fleets: [fleet({ year: 2019, workingCount: 10 }), fleet({ year: 2024, count: 4, workingCount: 4 })] }, 4],
    ['nothing without fleets', { fleets: [] }, 0],
  ])('counts %s', (_case, patch, counted) => {
    const gap = gapOf({ school: socleSchool({ classesCount: 4, ...patch }) });
    expect(gap.terminals.counted).toBe(counted);
    expect(needsOf(gap, 'E01')).toEqual(counted >= 10 ? [] : [['mobile-terminal', 10 - counted]]);
  });

  it.each<[string, number | null, number | null, number, number | null, string | null]>([
    ['the school fiche', 6, 12, 3, 6, 'fiche'],
    ['the directory when the fiche does not say', null, 12, 3, 12, 'annuaire'],
    ['the classrooms audited when neither says', null, null, 3, 3, 'classes auditées'],
    ['nowhere when nothing says and no class is audited', null, null, 0, null, null],
  ])('takes the number of classes from %s', (_case, classesCount, directoryClasses, audited, classes, classesSource) => {
    const school = makeSchoolData({ classesCount });
    const directory = directorySchool({ classes: directoryClasses });
    expect(classesOf(school, directory, audited)).toEqual({ classes, classesSource });
    const gap = gapOf({ school: socleSchool({ classesCount }), directory, rooms: classrooms(audited) });
    expect(gap.terminals).toMatchObject({ classes, classesSource });
  });

  it('takes the number of classes from the directory when there is no school fiche', () => {
    expect(classesOf(undefined, directorySchool({ classes: 7 }), 2)).toEqual({ classes: 7, classesSource: 'annuaire' });
    expect(classesOf(undefined, undefined, 2)).toEqual({ classes: 2, classesSource: 'classes auditées' });
  });

  it('is "non renseigné" when the number of classes is known nowhere', () => {
    const gap = gapOf({ school: socleSchool({ classesCount: null }), directory: directorySchool({ classes: null }), rooms: [] });
    expect(ruleOf(gap, 'E01')).toEqual({ rule: 'E01', outcome: 'unknown', missing: ['Nombre de classes'], reason: null });
    expect(gap.terminals).toEqual({ classes: null, classesSource: null, required: null, counted: 10 });
  });
});

describe('E01 says why it fails', () => {
  it('counts the terminals against those required, in words', () => {
    const gap = gapOf({ school: socleSchool({ classesCount: 11, fleets: [fleet({ count: 16, workingCount: 14 })] }), rooms: classrooms(11) });
    expect(ruleOf(gap, 'E01').reason).toBe('14 terminaux comptés sur 30 requis (11 classes)');
    expect(gap.needs[0]?.reason).toBe('14 terminaux comptés sur 30 requis (11 classes)');
  });

  it('says that an old fleet is not counted', () => {
    const gap = gapOf({ school: socleSchool({ classesCount: 4, fleets: [fleet({ year: 2015, workingCount: 12 })] }) });
    expect(ruleOf(gap, 'E01').reason).toBe('0 terminal compté sur 10 requis (4 classes) ; flottes de plus de 5 ans non comptées');
  });
});

describe('E02: charging, storage and management of every fleet', () => {
  it.each<[string, Parameters<typeof fleet>[0][], string]>([
    ['one fleet without MDM', [{ mdm: false }], 'Flotte sans MDM'],
    ['one fleet without charging', [{ charging: 'none' }], 'Flotte sans chariot ni valise de charge'],
    ['the second of two fleets without MDM', [{}, { type: 'laptop', mdm: false }], 'Flotte n° 2 (portables) sans MDM'],
    ['two fleets, each lacking something', [{ charging: 'none' }, { mdm: false }], 'Flotte n° 1 (tablettes) sans chariot ni valise de charge ; flotte n° 2 (tablettes) sans MDM'],
  ])('says why: %s', (_case, fleets, reason) => {
    expect(ruleOf(gapOf({ school: socleSchool({ fleets: fleets.map(fleet) }) }), 'E02').reason).toBe(reason);
  });

  it('does not apply to a school without fleets', () => {
    expect(ruleOf(gapOf({ school: socleSchool({ fleets: [] }) }), 'E02').outcome).toBe('not-applicable');
  });

  it.each<[string, Parameters<typeof fleet>[0][], Outcome, Array<[string, number]>]>([
    ['fleets in a cart and a case, both managed', [{ charging: 'cart' }, { charging: 'case' }], 'holds', []],
    ['a fleet with no charging solution', [{ charging: 'none' }], 'fails', [['charging-cart', 1]]],
    ['a fleet of 12 without MDM', [{ count: 12, workingCount: 12, mdm: false }], 'fails', [['mdm-licence', 12]]],
    ['a fleet with neither', [{ count: 8, workingCount: 8, charging: 'none', mdm: false }], 'fails', [['charging-cart', 1], ['mdm-licence', 8]]],
    ['one fleet failing and another not recorded', [{ charging: 'none' }, { charging: null, mdm: null }], 'fails', [['charging-cart', 1]]],
  ])('%s: %s', (_case, fleets, outcome, needs) => {
    const gap = gapOf({ school: socleSchool({ fleets: fleets.map(fleet) }) });
    expect(ruleOf(gap, 'E02').outcome).toBe(outcome);
    expect(needsOf(gap, 'E02')).toEqual(needs);
  });

  it.each<[string, Parameters<typeof fleet>[0][], string[]]>([
    ['charging', [{ charging: null }], ['Solution de charge et de rangement']],
    ['MDM', [{ mdm: null }], ['Gestion de flotte (MDM)']],
    ['charging and MDM of two fleets', [{ charging: null }, { charging: null, mdm: null }], ['Solution de charge et de rangement', 'Gestion de flotte (MDM)']],
  ])('is "non renseigné" when the %s is not recorded', (_field, fleets, missing) => {
    const gap = gapOf({ school: socleSchool({ fleets: fleets.map(fleet) }) });
    expect(ruleOf(gap, 'E02')).toEqual({ rule: 'E02', outcome: 'unknown', missing, reason: null });
    expect(needsOf(gap, 'E02')).toEqual([]);
  });
});

describe('E03: Wi-Fi covering the classrooms, which can be switched off', () => {
  it.each<[string, Patch<SchoolData>['wifi'], Outcome, string[], Array<[string, number]>, string | null]>([
    ['all classes covered and switchable', { coverage: 'all', switchable: true }, 'holds', [], [], null],
    ['partial coverage, 2 access points for 4 classes', { coverage: 'partial', accessPoints: 2 }, 'fails', [], [['access-point', 2]], 'Wi-Fi dans une partie des classes'],
    ['no coverage, access points not recorded', { coverage: 'none', accessPoints: null }, 'fails', [], [['access-point', 4]], 'Pas de Wi-Fi dans les classes'],
    ['partial coverage with more access points than classes', { coverage: 'partial', accessPoints: 10 }, 'fails', [], [['access-point', 1]], 'Wi-Fi dans une partie des classes'],
    ['Wi-Fi that cannot be switched off', { switchable: false }, 'fails', [], [], 'Wi-Fi qui ne peut pas être coupé'],
    ['partial and not switchable', { coverage: 'partial', switchable: false, accessPoints: 3 }, 'fails', [], [['access-point', 1]], 'Wi-Fi dans une partie des classes ; Wi-Fi qui ne peut pas être coupé'],
    ['coverage not recorded', { coverage: null }, 'unknown', ['Couverture Wi-Fi'], [], null],
    ['switch-off not recorded', { switchable: null }, 'unknown', ['Wi-Fi débrayable'], [], null],
    ['neither recorded', { coverage: null, switchable: null }, 'unknown', ['Couverture Wi-Fi', 'Wi-Fi débrayable'], [], null],
  ])('%s: %s', (_case, wifi, outcome, missing, needs, reason) => {
    const gap = gapOf({ school: socleSchool({ classesCount: 4, wifi }) });
    expect(ruleOf(gap, 'E03')).toEqual({ rule: 'E03', outcome, missing, reason });
    expect(needsOf(gap, 'E03')).toEqual(needs);
  });
});

describe('E04: internet at the minimum download speed', () => {
  it.each([100, 1, null])('is not evaluated while minDownloadMbps is empty (download %s Mb/s)', (downloadMbps) => {
    const gap = gapOf({ school: socleSchool({ internet: { downloadMbps } }) });
    expect(ruleOf(gap, 'E04')).toEqual({
      rule: 'E04', outcome: 'not-evaluated', missing: [],
      reason: 'Seuil de débit non fixé : à régler dans Paramètres (« Débit descendant minimal »)',
    });
    expect(gap.meetsSocle).toBe(true);
  });

  it.each<[number | null, Outcome, string[], boolean | null, string | null]>([
    [100, 'holds', [], true, null],
    [8, 'holds', [], true, null],
    [4.5, 'fails', [], false, '4,5 Mb/s, moins que les 8 Mb/s requis'],
    [null, 'unknown', ['Débit descendant (Mb/s)'], null, null],
  ])('is evaluated once minDownloadMbps is set to 8: %s Mb/s %s', (downloadMbps, outcome, missing, meetsSocle, reason) => {
    const gap = gapOf({ ctx: context(withParams({ minDownloadMbps: 8 })), school: socleSchool({ internet: { downloadMbps } }) });
    expect(ruleOf(gap, 'E04')).toEqual({ rule: 'E04', outcome, missing, reason });
    expect(gap.meetsSocle).toBe(meetsSocle);
  });
});

describe('E05–E09: yes/no questions of the school fiche', () => {
  const QUESTIONS: Array<[RuleId, (answer: boolean | null) => Patch<SchoolData>, string, boolean, string]> = [
    ['E05', (filtering) => ({ filtering }), 'Filtrage internet', true, 'Pas de filtrage internet'],
    ['E06', (usageCharter) => ({ usageCharter }), "Charte d'usage d'internet", false, "Pas de charte d'usage d'internet adoptée"],
    ['E07', (used) => ({ ent: { used } }), 'ENT ou service de partage utilisé', false, "Pas d'ENT ni de service de partage utilisé"],
    ['E08', (resources) => ({ resources }), 'Ressources numériques', false, 'Pas de ressources pédagogiques numériques'],
  ];
  const cases = QUESTIONS.flatMap(([rule, patch, label, required, reason]) => [
    [rule, true, 'holds', [], true, null],
    [rule, false, 'fails', [], required ? false : true, reason],
    [rule, null, 'unknown', [label], required ? null : true, null],
  ].map((row) => [...row, patch] as [RuleId, boolean | null, Outcome, string[], boolean | null, string | null, typeof patch]));

  it.each(cases)('%s answered %s: %s, school meets the socle: %s', (rule, answer, outcome, missing, meetsSocle, reason, patch) => {
    const gap = gapOf({ school: socleSchool(patch(answer)) });
    expect(ruleOf(gap, rule)).toEqual({ rule, outcome, missing, reason });
    expect(gap.meetsSocle).toBe(meetsSocle);
  });

  it.each<[boolean | null, boolean | null, Outcome, string[], string | null]>([
    [true, true, 'holds', [], null],
    [false, true, 'fails', [], "Pas d'imprimante-scanner"],
    [true, false, 'fails', [], "Pas d'appareil photo"],
    [false, false, 'fails', [], "Pas d'imprimante-scanner ; pas d'appareil photo"],
    [false, null, 'fails', [], "Pas d'imprimante-scanner"],
    [null, true, 'unknown', ['Imprimante-scanner'], null],
    [true, null, 'unknown', ['Appareil photo'], null],
    [null, null, 'unknown', ['Imprimante-scanner', 'Appareil photo'], null],
  ])('E09 with printer-scanner %s and camera %s: %s, outside the socle', (printerScanner, camera, outcome, missing, reason) => {
    const gap = gapOf({ school: socleSchool({ peripherals: { printerScanner, camera } }) });
    expect(ruleOf(gap, 'E09')).toEqual({ rule: 'E09', outcome, missing, reason });
    expect(gap.meetsSocle).toBe(true);
  });
});

describe('a school without a school fiche', () => {
  it.each<[string, number | null, Outcome]>([
    ['while E04 is not set', null, 'not-evaluated'],
    ['once E04 is set', 8, 'unknown'],
  ])('says "Fiche de l\'école" is missing for every school rule %s', (_case, minDownloadMbps, e04) => {
    const gap = gapOf({ school: null, directory: directorySchool({ classes: 4 }), ctx: context(withParams({ minDownloadMbps })) });
    for (const r of gap.rules.filter((rule) => rule.rule !== 'E04')) expect(r).toEqual({ rule: r.rule, outcome: 'unknown', missing: ["Fiche de l'école"], reason: null });
    expect(ruleOf(gap, 'E04')).toMatchObject({ rule: 'E04', outcome: e04, missing: e04 === 'unknown' ? ["Fiche de l'école"] : [] });
    expect(gap.rules.map((r) => r.rule)).toEqual(['E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E08', 'E09']);
    // Classrooms but no school fiche: "en cours", never audited (export.md v2).
    expect(gap).toMatchObject({ audited: false, hasFiches: true, status: 'in-progress', needs: [], newTeachers: 0, meetsSocle: null });
    expect(gap.terminals).toEqual({ classes: 4, classesSource: 'annuaire', required: null, counted: null });
  });

  it('is not audited when no fiche at all is recorded', () => {
    expect(gapOf({ school: null, rooms: [] })).toMatchObject({ audited: false, hasFiches: false, status: 'todo', inDirectory: true, meetsSocle: null });
  });
});

describe('a school out of the directory', () => {
  it('has fiches but is not in the directory, and takes its classes from its fiche', () => {
    const gap = gapOf({ directory: null });
    expect(gap).toMatchObject({ inDirectory: false, hasFiches: true, meetsSocle: true });
    expect(gap.terminals.classesSource).toBe('fiche');
  });
});

describe('a school meets the socle', () => {
  const failing = classrooms(1, { display: { type: 'tv' } });
  const unknown = classrooms(1, { network: { access: null } });
  it.each<[string, Setup, boolean | null]>([
    ['when every class is audited and meets it, and every required school rule holds', {}, true],
    ['even when recommended and outside rules fail', { school: socleSchool({ usageCharter: false, resources: false, peripherals: { camera: false } }) }, true],
    ['even when a class computer is obsolete (C03)', { rooms: classrooms(4, { computer: { year: 2015 } }) }, true],
    ['not when a class fails', { rooms: [...classrooms(3), ...failing] }, false],
    ['not when a class fails, even with classes not audited and no school fiche', { school: null, rooms: failing }, false],
    ['not when a required school rule fails', { school: socleSchool({ filtering: false }) }, false],
    ['not when E01 lacks terminals', { school: socleSchool({ classesCount: 5 }), rooms: classrooms(5) }, false],
    ['perhaps (null) when a class is not recorded', { rooms: [...classrooms(3), ...unknown] }, null],
    ['perhaps (null) when not every class is audited', { rooms: classrooms(3) }, null],
    ['perhaps (null) when no class is audited', { rooms: [] }, null],
    ['perhaps (null) when a required school rule is not recorded', { school: socleSchool({ filtering: null }) }, null],
  ])('%s', (_case, setup, expected) => {
    expect(gapOf(setup).meetsSocle).toBe(expected);
  });

  it('is "Terminé", and audited, only when its school fiche says so', () => {
    expect(gapOf({ school: socleSchool({ status: 'complete' }) })).toMatchObject({ audited: true, status: 'complete' });
    expect(gapOf({ school: socleSchool({ status: 'draft' }) })).toMatchObject({ audited: false, status: 'draft' });
  });

  it('counts its classes meeting, failing and not recorded', () => {
    const gap = gapOf({ school: socleSchool({ classesCount: 6 }), rooms: [...classrooms(3), ...failing, ...unknown, ...unknown] });
    expect(gap).toMatchObject({ classrooms: 6, classroomsMeeting: 3, classroomsFailing: 1, classroomsUnknown: 2 });
  });
});

describe('the cost of a school', () => {
  it('adds its own needs to its classrooms’ costs, and counts every unpriced item', () => {
    const ctx = context(withPrices({ 'mobile-terminal': 300 }));
    const rooms = [
      ...classrooms(2, { display: { type: 'none' } }, ctx), // 3,200 € each
      ...classrooms(1, { computer: { type: 'none', condition: null } }, ctx), // one unpriced computer
      ...classrooms(2, {}, ctx),
    ];
    const school = socleSchool({ classesCount: 5, fleets: [fleet({ workingCount: 10 })], wifi: { coverage: 'partial', accessPoints: 3 } });
    const gap = gapOf({ school, rooms, ctx });
    expect(gap.needs.map((n) => [n.item, n.quantity, n.amountHt])).toEqual([['mobile-terminal', 10, 3000], ['access-point', 2, null]]);
    expect(gap).toMatchObject({ costHt: 3000 + 2 * 3200, unpricedItems: 2 });
  });
});
