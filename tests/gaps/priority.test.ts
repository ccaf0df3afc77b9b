// The priority of a school (pilotage.md): the score's parts, who is ranked, and how ties are broken.
import { describe, expect, it } from 'vitest';
import { priorityOf, rankSchools } from '../../src/gaps/priority';
import type { RuleResult, SchoolGap } from '../../src/gaps/types';
import { makeDirectorySchool } from '../../src/model/make';
import { RULES } from '../../src/model/referential';
import type { DirectorySchool } from '../../src/model/school';

function makeGap(patch: Partial<SchoolGap> & { uai: string }): SchoolGap {
  return {
    inDirectory: true, audited: true, hasFiches: true, status: 'complete', rules: [], needs: [], classrooms: 0,
    classroomsAudited: 0, classroomsMeeting: 0, classroomsFailing: 0, classroomsUnknown: 0,
    terminals: { classes: null, classesSource: null, required: null, counted: null }, newTeachers: 0, meetsSocle: null,
    costHt: 0, unpricedItems: 0, ...patch,
  };
}

const failing = (...ids: RuleResult['rule'][]): RuleResult[] => ids.map((rule) => ({ rule, outcome: 'fails', missing: [], reason: 'motif' }));
const school = (uai: string, patch: Partial<DirectorySchool> = {}) => makeDirectorySchool({ uai, educationPrioritaire: null, ips: 110, ...patch });

describe('priorityOf', () => {
  it('adds éducation prioritaire, the social index, the share of classes off the socle and the failing school rules', () => {
    const gap = makeGap({ uai: '0130001F', classroomsAudited: 9, classroomsFailing: 7, rules: failing('E01', 'E03', 'E06') });
    const priority = priorityOf(gap, school('0130001F', { educationPrioritaire: 'REP+', ips: 78.4 }), RULES);
    // 40 + 20 × (110 − 78.4) / 40 + 30 × 7/9 + 2 × 2 (E06 is not a required rule).
    expect(priority?.score).toBe(Math.round((40 + 15.8 + 30 * 7 / 9 + 4) * 10) / 10);
    expect(priority?.reasons).toEqual(['REP+', 'IPS 78,4', '7 classes sur 9 hors socle', 'Terminaux mobiles (E01)', 'Wi-Fi (E03)']);
  });

  it('gives 25 points for REP, 10 for an unknown IPS, nothing above IPS 110, and 10 at most for school rules', () => {
    const rules = failing('E01', 'E02', 'E03', 'E04', 'E05');
    expect(priorityOf(makeGap({ uai: 'a', rules }), school('a', { educationPrioritaire: 'REP', ips: null }), RULES)?.score).toBe(25 + 10 + 10);
    expect(priorityOf(makeGap({ uai: 'b', rules }), school('b', { ips: 130 }), RULES)?.score).toBe(10);
    expect(priorityOf(makeGap({ uai: 'c', rules }), school('c', { ips: 50 }), RULES)?.score).toBe(20 + 10);
  });

  it('ranks only schools of the directory with a class off the socle or a required school rule failing', () => {
    expect(priorityOf(makeGap({ uai: 'a', classroomsAudited: 4, classroomsMeeting: 4 }), school('a'), RULES)).toBeNull();
    expect(priorityOf(makeGap({ uai: 'b', rules: failing('E06', 'E09') }), school('b'), RULES)).toBeNull();
    expect(priorityOf(makeGap({ uai: 'c', classroomsAudited: 1, classroomsFailing: 1 }), undefined, RULES)).toBeNull();
    expect(priorityOf(makeGap({ uai: 'd', rules: failing('E05') }), school('d'), RULES)?.score).toBe(2);
  });
});

describe('rankSchools', () => {
  it('puts the highest score first; ties go to the higher share, then the lower IPS, then the UAI', () => {
    const gaps = [
      makeGap({ uai: '0130004J', rules: failing('E01') }), // 2 + IPS
      makeGap({ uai: '0130003H', classroomsAudited: 2, classroomsFailing: 1 }), // 15 + IPS 100 → 5: 20
      makeGap({ uai: '0130002G', rules: failing('E01') }),
      makeGap({ uai: '0130001F', classroomsAudited: 4, classroomsMeeting: 4 }), // au socle: not ranked
      makeGap({ uai: '0130005K', rules: failing('E01', 'E02', 'E03', 'E04', 'E05', 'E06') }), // 10 + IPS 110 → 0: 10 + 0
      makeGap({ uai: '0130006L', classroomsAudited: 4, classroomsFailing: 2 }), // 15 + IPS 100 → 5: 20, same share
    ];
    const directory = new Map([
      ['0130001F', school('0130001F')],
      ['0130002G', school('0130002G', { ips: 102 })], // 2 + 4 = 6
      ['0130003H', school('0130003H', { ips: 100 })],
      ['0130004J', school('0130004J', { ips: 102 })], // 6, same share and IPS as 0130002G: by UAI
      ['0130005K', school('0130005K')],
      ['0130006L', school('0130006L', { ips: 100 })],
    ]);
    const ranked = rankSchools(gaps, directory, RULES);
    expect([...ranked.values()].map((p) => [p.rank, p.uai, p.score])).toEqual([
      [1, '0130003H', 20],
      [2, '0130006L', 20],
      [3, '0130005K', 10],
      [4, '0130002G', 6],
      [5, '0130004J', 6],
    ]);
    expect(ranked.has('0130001F')).toBe(false);
  });

  it('breaks a tie of score and share by the lower IPS, an unknown IPS last', () => {
    const gaps = ['0130001F', '0130002G', '0130003H'].map((uai) => makeGap({ uai, rules: failing('E05') }));
    const directory = new Map([
      ['0130001F', school('0130001F', { ips: null })], // 10 + 2
      ['0130002G', school('0130002G', { ips: 90 })], // 10 + 2
      ['0130003H', school('0130003H', { ips: 89.9 })], // 10.05 + 2 → 12.1
    ]);
    expect([...rankSchools(gaps, directory, RULES).keys()]).toEqual(['0130003H', '0130002G', '0130001F']);
  });

  it('breaks a tie of score by the higher share of classes off the socle', () => {
    const gaps = [
      makeGap({ uai: '0130001F', classroomsAudited: 10, classroomsFailing: 1, rules: failing('E05') }), // 25 + 3 + 2
      makeGap({ uai: '0130002G', classroomsAudited: 3, classroomsFailing: 3 }), // 30
    ];
    const directory = new Map([['0130001F', school('0130001F', { educationPrioritaire: 'REP' })], ['0130002G', school('0130002G')]]);
    expect([...rankSchools(gaps, directory, RULES).values()].map((p) => [p.uai, p.score])).toEqual([['0130002G', 30], ['0130001F', 30]]);
  });
});
