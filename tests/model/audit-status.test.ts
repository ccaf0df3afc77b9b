import { describe, expect, it } from 'vitest';
import { groupAudits } from '../../src/model/audit-status';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';

const MOISSON = '0130569Y';
const CANET = '0130541T';

describe('groupAudits', () => {
  it('groups the fiches by school', () => {
    const cm1 = makeClassroomFiche({ uai: MOISSON, updatedAt: '2026-11-28T09:00:00.000Z' });
    const cp = makeClassroomFiche({ uai: CANET, updatedAt: '2026-11-28T09:05:00.000Z' });
    const school = makeSchoolFiche({ uai: CANET, updatedAt: '2026-11-28T09:10:00.000Z' });
    const audits = groupAudits([cm1, cp, school]);
    expect([...audits.keys()].sort()).toEqual([CANET, MOISSON]);
    expect(audits.get(MOISSON)).toMatchObject({ school: undefined, classrooms: [cm1] });
    expect(audits.get(CANET)).toMatchObject({ school, classrooms: [cp] });
  });

  it('yields no audit for a school without fiches', () => {
    expect(groupAudits([]).size).toBe(0);
  });

  it('ignores deleted fiches', () => {
    const kept = makeClassroomFiche({ uai: MOISSON, data: { label: 'CM1 A' } });
    const deleted = makeClassroomFiche({ uai: MOISSON, data: { label: 'CM1 B' }, deleted: true });
    const deletedSchool = makeSchoolFiche({ uai: MOISSON, deleted: true, data: { status: 'complete' } });
    const audit = groupAudits([kept, deleted, deletedSchool]).get(MOISSON);
    expect(audit?.classrooms).toEqual([kept]);
    expect(audit?.school).toBeUndefined();
    expect(audit?.status).toBe('in-progress');
  });

  it('yields no audit for a school whose fiches are all deleted', () => {
    const audits = groupAudits([
      makeClassroomFiche({ uai: MOISSON, deleted: true }),
      makeSchoolFiche({ uai: MOISSON, deleted: true }),
    ]);
    expect(audits.has(MOISSON)).toBe(false);
  });

  it('lets the most recently updated school fiche speak for the school, whatever the order given', () => {
    const older = makeSchoolFiche({ uai: MOISSON, updatedAt: '2026-11-28T09:00:00.000Z', data: { status: 'complete' } });
    const newer = makeSchoolFiche({ uai: MOISSON, updatedAt: '2026-11-28T10:00:00.000Z', data: { status: 'draft' } });
    expect(groupAudits([older, newer]).get(MOISSON)?.school).toBe(newer);
    expect(groupAudits([newer, older]).get(MOISSON)?.school).toBe(newer);
  });

  it('calls an audit complete only when the school fiche that speaks for it is complete', () => {
    const older = makeSchoolFiche({ uai: MOISSON, updatedAt: '2026-11-28T09:00:00.000Z', data: { status: 'draft' } });
    const newer = makeSchoolFiche({ uai: MOISSON, updatedAt: '2026-11-28T10:00:00.000Z', data: { status: 'complete' } });
    expect(groupAudits([newer, older]).get(MOISSON)?.status).toBe('complete');
    expect(groupAudits([older]).get(MOISSON)?.status).toBe('in-progress');
  });

  it('calls an audit in progress when a draft school fiche is newer than a complete one', () => {
    const complete = makeSchoolFiche({ uai: MOISSON, updatedAt: '2026-11-28T09:00:00.000Z', data: { status: 'complete' } });
    const draft = makeSchoolFiche({ uai: MOISSON, updatedAt: '2026-11-29T08:00:00.000Z', data: { status: 'draft' } });
    expect(groupAudits([complete, draft]).get(MOISSON)?.status).toBe('in-progress');
  });

  it('calls an audit with classrooms but no school fiche in progress', () => {
    expect(groupAudits([makeClassroomFiche({ uai: MOISSON })]).get(MOISSON)?.status).toBe('in-progress');
  });

  it('orders the classrooms by the time they were last changed', () => {
    const b = makeClassroomFiche({ uai: MOISSON, updatedAt: '2026-11-28T10:30:00.000Z', data: { label: 'CM1 B' } });
    const a = makeClassroomFiche({ uai: MOISSON, updatedAt: '2026-11-28T09:15:00.000Z', data: { label: 'CM1 A' } });
    const c = makeClassroomFiche({ uai: MOISSON, updatedAt: '2026-11-29T08:00:00.000Z', data: { label: 'CP' } });
    const audit = groupAudits([b, c, a]).get(MOISSON);
    expect(audit?.classrooms.map((f) => f.data.label)).toEqual(['CM1 A', 'CM1 B', 'CP']);
  });
});
