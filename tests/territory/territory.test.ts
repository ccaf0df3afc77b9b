// Who pays for which school, in the Bouches-du-Rhône as shipped and in any other département: the generic default,
// a named city from a territory file, and the file's checks with their French messages.
import { describe, expect, it } from 'vitest';
import { BOUCHES_DU_RHONE } from '../../src/territory/config/bouches-du-rhone';
import { chefDeFileLabel, chefDeFileOf, withArticle } from '../../src/territory/territory';
import { parseTerritoryFile } from '../../src/territory/territory-file';
import { annuaireCode, territoryFor } from '../../src/territory/territory-for';
import { defaultReferentialFor, migrateReferential, REFERENTIAL_V1 } from '../../src/model/referential';

describe('the Bouches-du-Rhône', () => {
  it('gives Marseille to the Ville de Marseille', () => {
    expect(chefDeFileOf(BOUCHES_DU_RHONE, '13055')).toBe('ville-marseille');
  });

  it.each(Array.from({ length: 16 }, (_, i) => String(13201 + i)))('gives the arrondissement %s to the Ville de Marseille', (code) => {
    expect(chefDeFileOf(BOUCHES_DU_RHONE, code)).toBe('ville-marseille');
  });

  it.each([
    ['13200', 'just below the arrondissements'],
    ['13217', 'just above the arrondissements'],
    ['13001', 'Aix-en-Provence'],
    ['13005', 'Aubagne'],
    ['13056', 'Martigues'],
  ])('gives %s (%s) to the CD13', (code) => {
    expect(chefDeFileOf(BOUCHES_DU_RHONE, code)).toBe('cd13');
  });

  it('is what territoryFor gives for 013, 13 and what the shipped référentiel carries', () => {
    expect(territoryFor('013')).toBe(BOUCHES_DU_RHONE);
    expect(territoryFor('13')).toBe(BOUCHES_DU_RHONE);
    const { targets, ...territory } = BOUCHES_DU_RHONE;
    expect(REFERENTIAL_V1.territory).toEqual(territory);
    expect(REFERENTIAL_V1.targets).toEqual({ classes: 2700, newTeachers: 1000 });
    expect(defaultReferentialFor(territoryFor('013'))).toEqual(REFERENTIAL_V1);
    expect(targets).toEqual(REFERENTIAL_V1.targets);
  });
});

describe('a département without configuration', () => {
  it('gives every commune to its Conseil départemental, named with its article, and sets no target', () => {
    const valDeMarne = territoryFor('094');
    expect(valDeMarne).toEqual({
      departement: '94', name: 'Val-de-Marne', nameWithArticle: 'du Val-de-Marne',
      chefsDeFile: [{ id: 'cd94', label: 'Conseil départemental du Val-de-Marne', labelWithArticle: 'du Conseil départemental du Val-de-Marne', communes: [] }],
      targets: { classes: null, newTeachers: null },
    });
    expect(chefDeFileOf(valDeMarne, '94028')).toBe('cd94');
    expect(chefDeFileOf(valDeMarne, '13055')).toBe('cd94');
  });

  it.each([
    ['02', 'cd2', "Conseil départemental de l'Aisne"],
    ['18', 'cd18', 'Conseil départemental du Cher'],
    ['2A', 'cd2a', 'Conseil départemental de la Corse-du-Sud'],
    ['086', 'cd86', 'Conseil départemental de la Vienne'],
    ['88', 'cd88', 'Conseil départemental des Vosges'],
    ['28', 'cd28', "Conseil départemental d'Eure-et-Loir"],
    ['971', 'cd971', 'Conseil départemental de la Guadeloupe'],
    ['976', 'cd976', 'Conseil départemental de Mayotte'],
  ])('names %s: %s, %s', (code, id, label) => {
    expect(territoryFor(code).chefsDeFile).toEqual([expect.objectContaining({ id, label, communes: [] })]);
  });

  it('refuses a code that is no département', () => {
    expect(() => territoryFor('20')).toThrow('Département « 20 » inconnu : attendu sous la forme 013, 2A ou 971.');
    expect(() => territoryFor('975')).toThrow(/^Département « 975 » inconnu/);
  });

  it('starts a référentiel with its territory and no target; a stored référentiel without a territory gets the shipped one', () => {
    const referential = defaultReferentialFor(territoryFor('86'));
    expect(referential.territory.name).toBe('Vienne');
    expect(referential.targets).toEqual({ classes: null, newTeachers: null });
    expect(referential.prices).toBe(REFERENTIAL_V1.prices);
    const { territory: _, ...stored } = referential;
    expect(migrateReferential(stored).territory).toEqual(REFERENTIAL_V1.territory);
    expect(migrateReferential(referential, REFERENTIAL_V1).territory).toEqual(referential.territory);
  });

  it('writes the Annuaire’s code with three characters', () => {
    expect(['94', '2A', '971', '6'].map(annuaireCode)).toEqual(['094', '02A', '971', '006']);
  });
});

describe('a territory file', () => {
  const vienne = {
    departement: '086',
    chefsDeFile: [{ id: 'ville-poitiers', label: 'Ville de Poitiers', communes: ['86194'] }],
    targets: { classes: 300 },
  };

  it('names a city before the Conseil départemental, which keeps every other commune', () => {
    const territory = territoryFor('86', parseTerritoryFile(vienne));
    expect(territory.chefsDeFile.map((c) => [c.id, c.label, c.labelWithArticle, c.communes])).toEqual([
      ['ville-poitiers', 'Ville de Poitiers', 'de la Ville de Poitiers', ['86194']],
      ['cd86', 'Conseil départemental de la Vienne', 'du Conseil départemental de la Vienne', []],
    ]);
    expect(territory.targets).toEqual({ classes: 300, newTeachers: null });
    expect(chefDeFileOf(territory, '86194')).toBe('ville-poitiers');
    expect(chefDeFileOf(territory, '86066')).toBe('cd86'); // Châtellerault
    expect(chefDeFileLabel(territory, 'cd86')).toBe('Conseil départemental de la Vienne');
    expect(chefDeFileLabel(territory, 'cd13')).toBe('cd13');
  });

  it('may name the default chef de file itself, in its place', () => {
    const file = parseTerritoryFile({
      departement: '75',
      chefsDeFile: [{ id: 'ville-de-paris', label: 'Ville de Paris', communes: [] }],
    });
    expect(territoryFor('075', file).chefsDeFile.map((c) => c.id)).toEqual(['ville-de-paris']);
  });

  it('must be of the département it is used for', () => {
    expect(() => territoryFor('94', parseTerritoryFile(vienne))).toThrow('Le fichier de territoire décrit le département 86, pas le 94.');
  });

  it('says every problem at once, each with its field', () => {
    const problems = () =>
      parseTerritoryFile({
        departement: '086',
        chefsDeFile: [
          { id: 'Ville Poitiers', label: '', communes: ['8619', '13055', '86194'] },
          { id: 'cd', label: 'Grand Poitiers', communes: ['86194'], typo: true },
        ],
        targets: { classes: -1, newTeachers: 'mille' },
        campaigns: [],
      });
    expect(problems).toThrow(
      [
        'Fichier de territoire invalide :',
        '- campaigns : champ inconnu (attendus : departement, chefsDeFile, targets) ;',
        '- chefsDeFile[0].id : identifiant attendu, en minuscules, chiffres et tirets (par exemple ville-poitiers), 40 caractères au plus ;',
        '- chefsDeFile[0].label : libellé attendu (par exemple Ville de Poitiers), 100 caractères au plus ;',
        '- chefsDeFile[0].communes[0] : « 8619 » n\'est pas un code commune INSEE (5 caractères, par exemple 86194) ;',
        '- chefsDeFile[0].communes[1] : la commune 13055 n\'est pas du département 86 ;',
        '- chefsDeFile[1].typo : champ inconnu (attendus : id, label, labelWithArticle, communes) ;',
        '- chefsDeFile[1].communes[0] : la commune 86194 est déjà celle de chefsDeFile[0] ;',
        '- targets.classes : nombre entier de 0 à 100000 attendu, ou null (objectif non fixé) ;',
        '- targets.newTeachers : nombre entier de 0 à 100000 attendu, ou null (objectif non fixé).',
      ].join('\n'),
    );
    expect(() => parseTerritoryFile({ departement: '20' })).toThrow('departement : « 20 » n\'est pas un département connu (attendu sous la forme 013, 2A ou 971)');
    expect(() => parseTerritoryFile({})).toThrow('departement : code absent');
    expect(() => parseTerritoryFile([])).toThrow('Fichier de territoire invalide : un objet JSON est attendu');
    expect(() => parseTerritoryFile({ departement: '86', chefsDeFile: [{ id: 'a', label: 'A', communes: [] }, { id: 'b', label: 'B', communes: [] }] }))
      .toThrow('chefsDeFile : un seul chef de file peut couvrir toutes les autres communes');
  });

  it('refuses a named chef de file with the default one’s id', () => {
    const file = parseTerritoryFile({ departement: '94', chefsDeFile: [{ id: 'cd94', label: 'Ville de Créteil', communes: ['94028'] }] });
    expect(() => territoryFor('94', file)).toThrow("chefsDeFile : l'identifiant « cd94 » est celui du chef de file par défaut");
  });
});

describe('withArticle', () => {
  it.each([
    ['Ville de Poitiers', 'de la Ville de Poitiers'],
    ['Métropole de Lyon', 'de la Métropole de Lyon'],
    ['Eurométropole de Strasbourg', "de l'Eurométropole de Strasbourg"],
    ['Conseil départemental 13', 'du Conseil départemental 13'],
  ])('%s → %s', (label, expected) => {
    expect(withArticle(label)).toBe(expected);
  });
});
