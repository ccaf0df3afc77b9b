// Typed field paths: what compiles is checked by `tsc -b` (the `@ts-expect-error` lines fail the type-check if the
// line below them ever compiles); what runs is checked by vitest.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { labelPath, type FieldPath, type FormData, type LabelPath, type ValueAt } from '../../src/model/field-paths';
import type { ClassLevel, ClassroomData, DisplayType, SchoolData } from '../../src/model/types';

const classroomPath = <P extends FieldPath<ClassroomData>>(path: P) => path;
const schoolPath = <P extends FieldPath<SchoolData>>(path: P) => path;

describe('FieldPath', () => {
  it('accepts the paths of the record, nested fields and list items by index', () => {
    expect([classroomPath('display.year'), classroomPath('levels'), schoolPath(`fleets.${2}.count`)]).toEqual([
      'display.year', 'levels', 'fleets.2.count',
    ]);
  });

  it('refuses, at compile time, a path the record does not have', () => {
    // @ts-expect-error a misspelt field
    classroomPath('display.yaer');
    // @ts-expect-error a school field on a classroom
    classroomPath('wifi.coverage');
    // @ts-expect-error a fleet has no such field
    schoolPath(`fleets.${0}.size`);
    // @ts-expect-error a list item is reached by its index, not by a name
    schoolPath('fleets.first.count');
    expect(true).toBe(true);
  });
});

describe('ValueAt', () => {
  it('gives the type of the field at a path', () => {
    expectTypeOf<ValueAt<ClassroomData, 'display.year'>>().toEqualTypeOf<number | null>();
    expectTypeOf<ValueAt<ClassroomData, 'display.type'>>().toEqualTypeOf<DisplayType | null>();
    expectTypeOf<ValueAt<ClassroomData, 'levels'>>().toEqualTypeOf<ClassLevel[]>();
    expectTypeOf<ValueAt<SchoolData, `fleets.${number}.count`>>().toEqualTypeOf<number>();
    expectTypeOf<ValueAt<FormData<SchoolData>, `fleets.${number}.count`>>().toEqualTypeOf<number | null>();
  });

  it('lets a form hold nothing yet where the record requires a value, and keeps lists of codes as they are', () => {
    expectTypeOf<ValueAt<FormData<ClassroomData>, 'label'>>().toEqualTypeOf<string | null>();
    expectTypeOf<ValueAt<FormData<ClassroomData>, 'levels'>>().toEqualTypeOf<ClassLevel[]>();
  });
});

describe('LabelPath', () => {
  it('names a field of a list item without its index', () => {
    expectTypeOf<'fleets.count'>().toMatchTypeOf<LabelPath<SchoolData>>();
    expectTypeOf<'fleets.0.count'>().not.toMatchTypeOf<LabelPath<SchoolData>>();
  });

  it('strips list indexes at run time the same way', () => {
    expect(labelPath('fleets.1.count')).toBe('fleets.count');
    expect(labelPath('data.fleets.0')).toBe('data.fleets');
    expect(labelPath('display.year')).toBe('display.year');
  });
});
