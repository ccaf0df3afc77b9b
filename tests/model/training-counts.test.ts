import { describe, expect, it } from 'vitest';
import { countTrainingNeeds } from '../../src/model/training-counts';

describe('countTrainingNeeds', () => {
  it('counts a class once per theme, whether it asks for the theme or several of its sub-themes', () => {
    const [theme] = countTrainingNeeds([], [['sciences-numerique', 'robotique-programmation', 'enjeux-donnees'], ['enjeux-donnees'], []]);
    expect(theme).toMatchObject({ id: 'sciences-numerique', classes: 2, school: false });
    expect(theme?.subThemes.map((s) => [s.id, s.classes])).toEqual([['robotique-programmation', 1], ['enjeux-donnees', 2]]);
  });

  it('lists a theme only the school fiche asks for, and leaves out the themes nobody asks for', () => {
    const themes = countTrainingNeeds(['hybridation'], [undefined]);
    expect(themes).toEqual([
      {
        id: 'transformer-pedagogie', label: 'Transformer sa pédagogie avec le numérique', classes: 0, school: true,
        subThemes: [{ id: 'hybridation', label: 'Hybridation', classes: 0, school: true }],
      },
    ]);
  });
});
