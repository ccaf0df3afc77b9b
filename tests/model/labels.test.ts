import { describe, expect, it } from 'vitest';
import { CLASSROOM_FIELDS, FIELD_LABELS, fieldLabel, formLabel } from '../../src/model/labels';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import { validateFiche } from '../../src/model/validate';

/** The paths of a record's values, as messages name them: leaves, and arrays without their indexes. */
function leafPaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) {
    return [path, ...value.flatMap((item) => (item !== null && typeof item === 'object' ? leafPaths(item, path) : []))];
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => leafPaths(child, path ? `${path}.${key}` : key));
  }
  return [path];
}

const now = new Date('2026-11-28T10:00:00Z');
const fleet = { id: 'flotte-1', type: 'tablet' as const, count: 12, workingCount: 10, year: 2022, charging: 'cart' as const, mdm: true };

describe('fieldLabel', () => {
  it('names a field in French', () => {
    expect(fieldLabel('data.computer.year')).toBe("Année de l'ordinateur");
    expect(fieldLabel('uai')).toBe('UAI');
  });

  it('names a fleet field with the fleet’s number, counted from 1', () => {
    expect(fieldLabel('data.fleets.1.count')).toBe("Nombre d'appareils (n° 2)");
    expect(fieldLabel('data.fleets.0.workingCount')).toBe("Nombre d'appareils fonctionnels (n° 1)");
  });

  it.each([
    ['classroom', makeClassroomFiche(), 'data.computer.year'],
    ['school', makeSchoolFiche({ data: { fleets: [fleet] } }), 'data.fleets.workingCount'],
  ])('has a label for every field of a valid %s fiche', (_kind, fiche, deepPath) => {
    expect(validateFiche(fiche, { now })).toMatchObject({ ok: true });
    const paths = leafPaths(fiche);
    expect(paths).toContain(deepPath);
    expect(paths.filter((path) => !(path in FIELD_LABELS))).toEqual([]);
  });

  it('names a whole group of fields that is missing', () => {
    const { display: _display, ...data } = makeClassroomFiche().data;
    const result = validateFiche({ ...makeClassroomFiche(), data }, { now });
    expect(result.ok ? [] : result.errors).toEqual([{ path: 'data.display', message: 'Affichage collectif : ce champ manque.' }]);
  });

  it('numbers an item of a list', () => {
    expect(fieldLabel('data.fleets.0')).toBe('Flottes mobiles (n° 1)');
  });
});

describe('formLabel', () => {
  it('words a field as its form does, inside the section that already says what it is about', () => {
    expect(formLabel('classroom', 'display.year')).toBe("Année d'installation");
    expect(fieldLabel('data.display.year')).toBe("Année de l'affichage");
    expect(formLabel('school', 'fleets.3.workingCount')).toBe('Dont fonctionnels');
  });

  it('uses the field’s name where the form has no wording of its own', () => {
    expect(formLabel('classroom', 'display.type')).toBe(CLASSROOM_FIELDS['display.type']);
    expect(formLabel('school', 'status')).toBe("Statut de l'audit");
  });

  it('tells a classroom field from a school field of the same path', () => {
    expect(formLabel('classroom', 'pupils')).toBe("Nombre d'élèves");
    expect(formLabel('school', 'pupils')).toBe("Nombre d'élèves de l'école");
  });
});
