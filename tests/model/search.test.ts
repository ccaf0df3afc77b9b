import { describe, expect, it } from 'vitest';
import { filterSchools, matchesWords, searchWords, uaiOfQuery, type SchoolFilter } from '../../src/model/search';
import type { DirectorySchool } from '../../src/model/school';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';

function school(patch: Partial<DirectorySchool> & Pick<DirectorySchool, 'uai' | 'name'>): DirectorySchool {
  return {
    commune: 'Marseille 5e Arrondissement',
    communeCode: '13205',
    circonscription: 'Marseille 05 – Blancarde',
    educationPrioritaire: null,
    chefDeFile: 'ville-marseille',
    maternelle: false,
    elementaire: true,
    classes: 10,
    pupils: 240,
    ips: 100,
    open: true,
    source: 'demo',
    ...patch,
  };
}

const moisson = school({ uai: '0130569Y', name: 'École élémentaire François Moisson', commune: 'Marseille 2e Arrondissement', communeCode: '13202' });
const sainteMarguerite = school({
  uai: '0134939Y',
  name: 'École élémentaire Sainte-Marguerite',
  commune: 'Marseille 9e Arrondissement',
  communeCode: '13209',
  circonscription: 'Marseille 09 – Mazargues',
});
const saintMarcel = school({
  uai: '0136390A',
  name: 'École primaire Saint-Marcel – Les Acacias',
  commune: 'Marseille 11e Arrondissement',
  communeCode: '13211',
  circonscription: 'Marseille 11 – La Valentine',
});
const lesPassons = school({
  uai: '0139542B',
  name: 'École élémentaire Les Passons',
  commune: 'Aubagne',
  communeCode: '13005',
  circonscription: 'Aubagne',
  chefDeFile: 'cd13',
});
const SCHOOLS = [moisson, sainteMarguerite, saintMarcel, lesPassons];

const all: SchoolFilter = { query: '', circonscription: '', chefDeFile: '' };

function search(query: string, schools: readonly DirectorySchool[] = SCHOOLS, filter: Partial<SchoolFilter> = {}) {
  return filterSchools(schools, { ...all, ...filter, query }).map((s) => s.uai);
}

describe('searchWords', () => {
  it('drops accents and case and splits on hyphens, dashes, apostrophes and spaces', () => {
    expect(searchWords("École Belle-de-Mai – L'Estaque")).toEqual(['ecole', 'belle', 'de', 'mai', 'l', 'estaque']);
  });

  it('reads the ligatures œ and æ as two letters', () => {
    expect(searchWords('Sacré-Cœur')).toEqual(['sacre', 'coeur']);
  });

  it('yields no word for an empty or punctuation-only text', () => {
    expect(searchWords('')).toEqual([]);
    expect(searchWords(' – ')).toEqual([]);
  });
});

describe('matchesWords', () => {
  it('lets an abbreviation in the query match the word written out, or any word it begins', () => {
    expect(matchesWords(['ste', 'marguerite'], ['ecole', 'sainte', 'marguerite'])).toBe(true);
    expect(matchesWords(['ste'], ['college', 'stendhal'])).toBe(true);
    expect(matchesWords(['pr'], ['ecole', 'le', 'prepaou'])).toBe(true);
    expect(matchesWords(['pr'], ['ecole', 'primaire'])).toBe(true);
  });

  it('is true when every query word begins some word of the text, in any order', () => {
    expect(matchesWords(['marg', 'sain'], ['ecole', 'sainte', 'marguerite'])).toBe(true);
  });

  it('is false when one query word begins no word of the text', () => {
    expect(matchesWords(['sainte', 'aubagne'], ['ecole', 'sainte', 'marguerite'])).toBe(false);
  });

  it('does not match a query word found only inside a word', () => {
    expect(matchesWords(['guerite'], ['ecole', 'sainte', 'marguerite'])).toBe(false);
  });
});

describe('filterSchools', () => {
  it('finds "École élémentaire Sainte-Marguerite" from "ecole ste marguerite"', () => {
    expect(search('ecole ste marguerite')).toEqual(['0134939Y']);
  });

  it('ignores accents, case and hyphens in the query', () => {
    expect(search('ÉCOLE sainte-MARGUERITE')).toEqual(['0134939Y']);
    expect(search('ecole elementaire francois moisson')).toEqual(['0130569Y']);
  });

  it('finds a name written with an abbreviation from the word written out', () => {
    const abbreviated = { ...SCHOOLS[0]!, uai: '0130001F', name: 'École Ste-Anne' };
    expect(search('sainte anne', [abbreviated])).toEqual(['0130001F']);
  });

  it('reads "st" as saint', () => {
    expect(search('st marcel')).toEqual(['0136390A']);
  });

  it('finds a school by its UAI, whatever the case of the letter', () => {
    expect(search('0130569Y')).toEqual(['0130569Y']);
    expect(search('0130569y')).toEqual(['0130569Y']);
  });

  it('finds the schools of an arrondissement from "marseille 9"', () => {
    expect(search('marseille 9')).toEqual(['0134939Y']);
  });

  it('finds the schools of an arrondissement of Marseille from its postcode', () => {
    expect(search('13009')).toEqual(['0134939Y']);
    expect(search('13002')).toEqual(['0130569Y']);
  });

  it('finds the schools of a commune from its postcode, and of every commune sharing that postcode', () => {
    expect(search('13400')).toEqual(['0139542B']);
    const aix = school({ uai: '0130001F', name: 'École Aix', commune: 'Aix-en-Provence', communeCode: '13001' });
    const tholonet = school({ uai: '0130002G', name: 'École Tholonet', commune: 'Le Tholonet', communeCode: '13109' });
    expect(search('13100', [aix, tholonet, lesPassons])).toEqual(['0130001F', '0130002G']);
    expect(search('13090', [aix, tholonet])).toEqual(['0130001F']);
  });

  it('reads 13005 as the postcode of Marseille 5e, not as the INSEE code of Aubagne', () => {
    const cinquieme = school({ uai: '0130003H', name: 'École Baille', commune: 'Marseille 5e Arrondissement', communeCode: '13205' });
    expect(search('13005', [...SCHOOLS, cinquieme])).toEqual(['0130003H']);
  });

  it('matches postcodes as they are being typed', () => {
    expect(search('1300')).toEqual(['0130569Y', '0134939Y']);
  });

  it('still finds a commune by its INSEE code written in full when no postcode is written so', () => {
    expect(search('13209')).toEqual(['0134939Y']);
  });

  it('keeps only the schools that match every word of the query', () => {
    expect(search('saint')).toEqual(['0134939Y', '0136390A']);
    expect(search('saint acacias')).toEqual(['0136390A']);
    expect(search('marguerite aubagne')).toEqual([]);
  });

  it('matches words as they are being typed', () => {
    expect(search('marg')).toEqual(['0134939Y']);
    expect(search('pass aub')).toEqual(['0139542B']);
    expect(search('013456')).toEqual([]);
  });

  it('keeps every school, in the order given, for an empty or blank query', () => {
    expect(filterSchools(DEMO_SCHOOLS, all)).toEqual(DEMO_SCHOOLS);
    expect(filterSchools(DEMO_SCHOOLS, { ...all, query: '  ' })).toEqual(DEMO_SCHOOLS);
  });

  it('keeps the order given among the schools found', () => {
    expect(search('ecole', [lesPassons, moisson, saintMarcel])).toEqual(['0139542B', '0130569Y', '0136390A']);
  });

  it('keeps only the schools of the chosen circonscription', () => {
    expect(search('', SCHOOLS, { circonscription: 'Marseille 09 – Mazargues' })).toEqual(['0134939Y']);
  });

  it('keeps only the schools of the chosen chef de file', () => {
    expect(search('', SCHOOLS, { chefDeFile: 'cd13' })).toEqual(['0139542B']);
    expect(search('', SCHOOLS, { chefDeFile: 'ville-marseille' })).toEqual(['0130569Y', '0134939Y', '0136390A']);
  });

  it('applies the query and the filters together', () => {
    expect(search('ecole', SCHOOLS, { chefDeFile: 'ville-marseille', circonscription: 'Marseille 11 – La Valentine' })).toEqual(['0136390A']);
    expect(search('marguerite', SCHOOLS, { circonscription: 'Marseille 11 – La Valentine' })).toEqual([]);
    expect(search('passons', SCHOOLS, { chefDeFile: 'ville-marseille' })).toEqual([]);
  });

  it('searches the demonstration directory: the schools named after a saint, outside Marseille', () => {
    const found = filterSchools(DEMO_SCHOOLS, { query: 'saint', circonscription: '', chefDeFile: 'cd13' });
    expect(found.map((s) => s.commune)).toEqual(['Saint-Rémy-de-Provence']);
  });
});

describe('uaiOfQuery', () => {
  it('reads a UAI typed in any case, with or without its check letter', () => {
    expect(uaiOfQuery(' 0131234w ')).toEqual({ uai: '0131234W', expected: null });
    expect(uaiOfQuery('0131234')).toEqual({ uai: '0131234W', expected: null });
  });

  it('gives the right UAI when the check letter is wrong', () => {
    expect(uaiOfQuery('0134939Z')).toEqual({ uai: '0134939Z', expected: '0134939Y' });
  });

  it('is null for anything that is not a UAI', () => {
    for (const query of ['', 'marseille', '13009', '01349390', '0134939YY']) expect(uaiOfQuery(query)).toBeNull();
  });
});
