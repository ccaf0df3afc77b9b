// Classes, what contract v2 added: the display's size, the computer's system, link and inventory number, the
// network test, the document camera's condition, training needs and remarks.
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../src/export/workbook';
import { fixtureInput, TRICKY_TEXTS } from './fixture';
import { recordWhere, records, sheetNamed } from './support/records';

const rows = records(sheetNamed(buildWorkbook(fixtureInput()), 'Classes'));
const room = (label: string) => recordWhere(rows, 'Classe', label);

describe('Classes (v2 columns)', () => {
  it('shows what the classroom form records beyond v1, in its words', () => {
    expect(room('CM1 B')).toMatchObject({
      'Taille affichage (pouces)': 65, Système: 'Windows 11', "Relié à l'affichage": 'Oui',
      "Numéro d'inventaire": 'VM-2023-0142', 'Accès testé': 'Oui', 'État visualiseur': 'Fonctionnel',
      'Besoins de formation': 'Usages pédagogiques des matériels ; Hybridation', Remarques: TRICKY_TEXTS[1],
    });
    expect(room('CP A')).toMatchObject({
      'Taille affichage (pouces)': null, Système: null, "Relié à l'affichage": 'Oui', "Numéro d'inventaire": null,
      'Accès testé': 'Non', 'État visualiseur': null, 'Besoins de formation': null, Remarques: null,
    });
  });

  it('leaves every v2 cell of an untouched classroom empty, and counts 0 photos where a fiche holds none', () => {
    const untouched = room('Moyenne section');
    for (const header of ['Taille affichage (pouces)', 'Système', "Relié à l'affichage", "Numéro d'inventaire", 'Accès testé', 'État visualiseur', 'Au socle']) {
      expect(untouched[header], header).toBeNull();
    }
    expect(rows.map((r) => r.Photos)).toEqual(rows.map(() => 0));
  });
});
