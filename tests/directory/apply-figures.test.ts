import { describe, expect, it } from 'vitest';
import { withFigures } from '../../src/directory/apply-figures';
import type { SchoolEffectifs } from '../../src/directory/effectifs';
import type { SchoolIps } from '../../src/directory/ips';
import type { DirectorySchool } from '../../src/model/school';
import { makeDirectorySchool } from '../../src/model/make';

function makeSchool(overrides: Partial<DirectorySchool> = {}): DirectorySchool {
  return makeDirectorySchool({ name: 'Ecole élémentaire François Moisson', classes: null, pupils: 212, ips: null, source: 'annuaire', ...overrides });
}

describe('figures joined to the directory', () => {
  it('takes classes and pupils from the effectifs and the IPS from its file, by UAI', () => {
    const effectifs = new Map<string, SchoolEffectifs>([['0130569Y', { classes: 11, pupils: 240 }]]);
    const ips = new Map<string, SchoolIps>([['0130569Y', { ips: 72.4 }]]);
    expect(withFigures([makeSchool()], effectifs, ips)).toEqual([makeSchool({ classes: 11, pupils: 240, ips: 72.4 })]);
  });

  it("keeps the annuaire's pupils when the effectifs leave them blank, and a school without figures as it is", () => {
    const other = makeSchool({ uai: '0130541T', name: 'Ecole élémentaire Canet Ambrosini', pupils: 150 });
    const effectifs = new Map<string, SchoolEffectifs>([['0130569Y', { classes: 9, pupils: null }]]);
    expect(withFigures([makeSchool(), other], effectifs, new Map())).toEqual([makeSchool({ classes: 9 }), other]);
  });

  it('leaves the schools it was given unchanged', () => {
    const schools = [makeSchool()];
    withFigures(schools, new Map([['0130569Y', { classes: 3, pupils: 60 }]]), new Map([['0130569Y', { ips: 90 }]]));
    expect(schools).toEqual([makeSchool()]);
  });
});
