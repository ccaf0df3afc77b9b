// Pilotage from the gap engine: the priority list with ranks per chef de file and département, the référentiel's
// weights, the list and plan following an edit, and the needs summed by article.
import { describe, expect, it } from 'vitest';
import { GapEngine } from '../../src/gaps/gap-engine';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import type { Fiche } from '../../src/model/types';
import { DEFAULT_PLAN_OPTIONS } from '../../src/gaps/plan';
import { CURRENT_YEAR, directorySchool, socleClassroom, socleSchool, withPrices } from './fixtures';

const marseille = (uai: string, ips: number, ep: 'REP+' | 'REP' | null = null) =>
  directorySchool({ uai, name: `École ${uai}`, ips, educationPrioritaire: ep, chefDeFile: 'ville-marseille', communeCode: '13202' });
const aix = (uai: string, ips: number) =>
  directorySchool({ uai, name: `École ${uai}`, ips, educationPrioritaire: null, chefDeFile: 'cd13', commune: 'Aix-en-Provence', communeCode: '13001', circonscription: 'Aix 1' });

const DIRECTORY = [marseille('0130001A', 80, 'REP+'), marseille('0130002B', 100), marseille('0130003C', 90, 'REP'), aix('0130004D', 85), aix('0130005E', 120)];

/** A class without any display (C01 fails), or one at the socle. */
const noDisplay = (uai: string, label: string) => makeClassroomFiche({ uai, data: socleClassroom({ label, display: { type: 'none', condition: null, year: null, sizeInches: null } }) });
const atSocle = (uai: string, label: string) => makeClassroomFiche({ uai, data: socleClassroom({ label }) });
const schoolFiche = (uai: string, newTeachers = 0) => makeSchoolFiche({ uai, data: socleSchool({ newTeachers, status: 'complete' }) });

function engine(fiches: Fiche[], referential = REFERENTIAL_V1) {
  return new GapEngine({ referential, directory: DIRECTORY, fiches, currentYear: CURRENT_YEAR });
}

const FICHES = [
  noDisplay('0130001A', 'CP'), atSocle('0130001A', 'CE1'), schoolFiche('0130001A', 2),
  noDisplay('0130002B', 'CP'), schoolFiche('0130002B', 1),
  atSocle('0130003C', 'CP'), schoolFiche('0130003C'), // at the socle: not ranked
  noDisplay('0130004D', 'CP'), noDisplay('0130004D', 'CE1'), schoolFiche('0130004D', 3),
  noDisplay('0130005E', 'CP'),
];

describe('the priority list', () => {
  it('ranks the schools to equip in the département and in their chef de file, with what the list shows', () => {
    const rows = engine(FICHES).priorities();
    expect(rows.map((r) => [r.uai, r.rank, r.chefDeFile, r.rankInChefDeFile])).toEqual([
      ['0130001A', 1, 'ville-marseille', 1], // 40 + 15 + 15
      ['0130004D', 2, 'cd13', 1], // 0 + 12.5 + 30
      ['0130002B', 3, 'ville-marseille', 2], // 0 + 5 + 30
      ['0130005E', 4, 'cd13', 2], // 0 + 0 + 30
    ]);
    expect(rows[0]).toMatchObject({ name: 'École 0130001A', classesAudited: 2, classesToEquip: 1, costHt: 3200, reasons: ['REP+', 'IPS 80', '1 classe sur 2 hors socle'] });
  });

  it('weighs with the référentiel’s priority weights', () => {
    const heavyShare = { ...REFERENTIAL_V1, priorityWeights: { ...REFERENTIAL_V1.priorityWeights, repPlus: 0, share: 100 } };
    expect(engine(FICHES, heavyShare).priorities().map((r) => [r.uai, r.score])).toEqual([
      ['0130004D', 112.5], ['0130002B', 105], ['0130005E', 100], ['0130001A', 65],
    ]);
  });

  it('follows an edit and a new référentiel', () => {
    const e = engine(FICHES);
    expect(e.priorities().map((r) => r.uai)).toContain('0130002B');
    e.apply([{ ...atSocle('0130002B', 'CP'), id: (FICHES[3] as Fiche).id, rev: 2 }]);
    expect(e.priorities().map((r) => r.uai)).not.toContain('0130002B');
    e.setReferential({ ...REFERENTIAL_V1, version: '2026.1-local.1', priorityWeights: { ...REFERENTIAL_V1.priorityWeights, repPlus: 0 } });
    expect(e.priorities()[0]?.uai).toBe('0130004D');
  });
});

describe('the plan from the engine', () => {
  it('plans each chef de file over its own ranked schools and néo-titulaires', () => {
    const plans = engine(FICHES, withPrices({ 'kit-neo-titulaire': 500 })).plan({ budgetsHt: { 'ville-marseille': 4_000, cd13: 7_000 }, options: DEFAULT_PLAN_OPTIONS });
    expect(plans.map((p) => [p.key, p.label, p.lines.map((l) => [l.uai, l.status]), p.kits.recorded, p.kits.funded, p.totalHt])).toEqual([
      ['ville-marseille', 'Ville de Marseille', [['0130001A', 'funded'], ['0130002B', 'does-not-fit']], 3, 1, 3_700],
      ['cd13', 'Conseil départemental 13', [['0130004D', 'funded'], ['0130005E', 'does-not-fit']], 3, 1, 6_900],
    ]);
    expect(plans.map((p) => p.classesBroughtToSocle)).toEqual([1, 2]);
  });
});

describe('needs by article', () => {
  it('sums every need of the département by article, an unpriced one without an amount', () => {
    const withSchoolNeeds = [...FICHES, makeSchoolFiche({ uai: '0130005E', data: socleSchool({ wifi: { accessPoints: 0, coverage: 'none', switchable: null } }) })];
    const articles = engine(withSchoolNeeds).needsByArticle();
    expect(articles).toEqual([
      { item: 'display', label: 'Écran numérique interactif (ENI 65")', quantity: 5, amountHt: 13_500 },
      { item: 'display-installation', label: "Installation d'un affichage collectif", quantity: 5, amountHt: 2_500 },
      { item: 'access-point', label: 'Borne Wi-Fi', quantity: expect.any(Number) as number, amountHt: null },
    ]);
  });
});
