import { describe, expect, it } from 'vitest';
import { mergeDirectory } from '../../src/model/directory-merge';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import type { DirectorySchool } from '../../src/model/school';
import { makeDirectorySchool } from '../../src/model/make';

const school = (uai: string, patch: Partial<DirectorySchool> = {}): DirectorySchool =>
  makeDirectorySchool({ uai, name: `École ${uai}`, source: 'annuaire', ...patch });
const none = () => false;

describe('mergeDirectory', () => {
  it('changes nothing when the same file is imported again', () => {
    const file = [school('0130569Y'), school('0130541T')];
    const merge = mergeDirectory(file, file, none);
    expect(merge).toMatchObject({ added: 0, updated: 0, unchanged: 2, closed: 0, removed: 0 });
    expect(merge.schools).toEqual(file);
  });

  it('adds new schools and updates changed ones', () => {
    const merge = mergeDirectory([school('0130569Y')], [school('0130569Y', { pupils: 240 }), school('0130541T')], none);
    expect(merge).toMatchObject({ added: 1, updated: 1, unchanged: 0 });
    expect(merge.schools.find((s) => s.uai === '0130569Y')?.pupils).toBe(240);
  });

  it('marks a school that the newer file says is closed', () => {
    const merge = mergeDirectory([school('0130569Y')], [school('0130569Y', { open: false })], none);
    expect(merge.closed).toBe(1);
    expect(merge.schools[0]?.open).toBe(false);
  });

  it('keeps a school that left the directory when fiches hang on it, flagged, and drops the others', () => {
    const merge = mergeDirectory([school('0130569Y'), school('0130541T')], [school('0130855J')], (uai) => uai === '0130569Y');
    expect(merge).toMatchObject({ added: 1, keptWithFiches: 1, removed: 1 });
    expect(merge.schools.map((s) => [s.uai, s.leftDirectory ?? false])).toEqual([['0130855J', false], ['0130569Y', true]]);
  });

  it('lets the demonstration schools give way to the real directory, except the audited ones', () => {
    const audited = DEMO_SCHOOLS[5]!.uai;
    const merge = mergeDirectory(DEMO_SCHOOLS, [school('0130569Y')], (uai) => uai === audited);
    expect(merge.schools.map((s) => s.uai)).toEqual(['0130569Y', audited]);
    expect(merge.removed).toBe(DEMO_SCHOOLS.length - 1);
  });
});
