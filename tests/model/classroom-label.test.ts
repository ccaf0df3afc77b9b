import { describe, expect, it } from 'vitest';
import { nextClassroomLabel } from '../../src/model/classroom-label';

describe('nextClassroomLabel', () => {
  it('proposes the next letter after a copied lettered class', () => {
    expect(nextClassroomLabel('CM1 A', ['CM1 A'])).toBe('CM1 B');
  });

  it('proposes the next number after a copied numbered room', () => {
    expect(nextClassroomLabel('Salle 12', ['Salle 12'])).toBe('Salle 13');
    expect(nextClassroomLabel('Salle 9', ['Salle 9'])).toBe('Salle 10');
  });

  it('skips the labels already taken in the school', () => {
    expect(nextClassroomLabel('CM1 A', ['CM1 A', 'CM1 B', 'CM1 C'])).toBe('CM1 D');
    expect(nextClassroomLabel('Salle 12', ['Salle 12', 'Salle 13'])).toBe('Salle 14');
  });

  it('counts a label as taken whatever its case or surrounding spaces', () => {
    expect(nextClassroomLabel('CM1 A', ['CM1 A', 'cm1 b', ' CM1 C '])).toBe('CM1 D');
  });

  it('proposes "Classe N" for a new classroom, N following the number of classrooms', () => {
    expect(nextClassroomLabel(undefined, [])).toBe('Classe 1');
    expect(nextClassroomLabel(undefined, ['CP', 'CE1'])).toBe('Classe 3');
  });

  it('proposes "Classe N" when the copied label has no following form', () => {
    expect(nextClassroomLabel('CP', ['CP'])).toBe('Classe 2');
    expect(nextClassroomLabel('Bibliothèque', ['Bibliothèque', 'CE2'])).toBe('Classe 3');
  });

  it('never proposes a "Classe N" already taken', () => {
    expect(nextClassroomLabel(undefined, ['Classe 2', 'classe 3'])).toBe('Classe 4');
    expect(nextClassroomLabel('CP', ['CP', 'Classe 2'])).toBe('Classe 3');
  });

  it('never proposes a label that is taken, however the taken labels fall', () => {
    const taken = ['CM1 A', 'CM1 B', 'Salle 12', 'Salle 13', 'Classe 5', 'Classe 6', 'CP', 'cm1 c'];
    for (const copied of [undefined, 'CM1 A', 'Salle 12', 'CP', 'Classe 5']) {
      const label = nextClassroomLabel(copied, taken);
      expect(taken.map((t) => t.toLowerCase())).not.toContain(label.toLowerCase());
    }
  });

  it('keeps within 60 characters', () => {
    const long = `${'x'.repeat(58)} 9`;
    expect(nextClassroomLabel(long, [long])).toBe('Classe 2');
  });
});
