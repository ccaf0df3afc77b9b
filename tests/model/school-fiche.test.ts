// Which school fiche speaks for a school: one rule, and the gap engine, the export and the audit status follow it.
import { describe, expect, it } from 'vitest';
import { speakingSchoolFiche } from '../../src/model/school-fiche';
import { isOpenSchool } from '../../src/model/school';
import { groupAudits } from '../../src/model/audit-status';
import { makeDirectorySchool, makeSchoolFiche } from '../../src/model/make';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { GapEngine } from '../../src/gaps/gap-engine';
import { prepareExport } from '../../src/export/export-input';

const UAI = '0130569Y';
const AT = '2026-11-28T09:00:00.000Z';

describe('speakingSchoolFiche', () => {
  it('lets the most recently updated school fiche speak, whatever the order', () => {
    const older = makeSchoolFiche({ updatedAt: AT });
    const newer = makeSchoolFiche({ updatedAt: '2026-11-28T10:00:00.000Z' });
    expect(speakingSchoolFiche(older, newer)).toBe(newer);
    expect(speakingSchoolFiche(newer, older)).toBe(newer);
    expect(speakingSchoolFiche(undefined, older)).toBe(older);
  });

  it('decides an exact tie by the greater id, whatever the order', () => {
    const a = makeSchoolFiche({ id: 'aaaaaaaa-0000-4000-8000-000000000000', updatedAt: AT });
    const b = makeSchoolFiche({ id: 'bbbbbbbb-0000-4000-8000-000000000000', updatedAt: AT });
    expect(speakingSchoolFiche(a, b)).toBe(b);
    expect(speakingSchoolFiche(b, a)).toBe(b);
  });
});

describe('the school fiche of a school, across the app', () => {
  it('is the same for the gap engine, the export and the audit status on a tie, in either order', () => {
    const draft = makeSchoolFiche({ id: 'aaaaaaaa-0000-4000-8000-000000000000', uai: UAI, updatedAt: AT, data: { status: 'draft' } });
    const complete = makeSchoolFiche({ id: 'bbbbbbbb-0000-4000-8000-000000000000', uai: UAI, updatedAt: AT, data: { status: 'complete' } });
    const directory = [makeDirectorySchool({ uai: UAI })];
    for (const fiches of [[draft, complete], [complete, draft]]) {
      expect(groupAudits(fiches).get(UAI)?.status).toBe('complete');
      const report = new GapEngine({ referential: REFERENTIAL_V1, directory, fiches, currentYear: 2026 }).report(0);
      expect(report.schools[UAI]?.status).toBe('complete');
      const exported = prepareExport({ campaign: '2026-2027', directory, fiches, deviceOf: new Map(), referential: REFERENTIAL_V1, exportedAt: new Date(AT) });
      expect(exported.schools.find((s) => s.uai === UAI)?.schoolFiche).toBe(complete);
    }
  });
});

describe('isOpenSchool', () => {
  it('counts a school that is open and still in the directory, and no other', () => {
    expect(isOpenSchool(makeDirectorySchool())).toBe(true);
    expect(isOpenSchool(makeDirectorySchool({ open: false }))).toBe(false);
    expect(isOpenSchool(makeDirectorySchool({ leftDirectory: true }))).toBe(false);
  });
});
