// A form field bound by its typed path: label, value, message and setter come from the path; a wrong path, or an
// input of another type than the field's, is refused by `tsc -b` (the `@ts-expect-error` lines below).
import { describe, expect, it } from 'vitest';
import { signal } from '@preact/signals';
import type { FicheEditor } from '../../src/state/fiche-editor';
import { bind } from '../../src/ui/bind';
import { NumberField } from '../../src/ui/components/number-field';
import { SegmentedField, YES_NO } from '../../src/ui/components/segmented-field';
import { TextField } from '../../src/ui/components/text-field';
import { getAt, setAt } from '../../src/model/paths';
import { makeClassroomData, makeSchoolData } from '../../src/model/make';
import type { FicheData, FicheKind } from '../../src/model/types';

/** The part of an editor that `bind` reads: a fiche's data by path, its messages by path, and its setter. */
function stubEditor<K extends FicheKind>(kind: K, initial: FicheData<K>, errors: Record<string, string> = {}) {
  const data = signal(initial);
  return {
    ref: { id: 'f', kind, uai: '0130569Y', campaign: '2026-2027' },
    data,
    errors: signal(new Map(Object.entries(errors))),
    get: (path: string) => getAt(data.value, path),
    set: (path: string, value: unknown) => void (data.value = setAt(data.value, path, value)),
  } as unknown as FicheEditor<K>;
}

describe('bind', () => {
  it('gives the field its id, its form label, its value and its message from the path', () => {
    const editor = stubEditor('classroom', makeClassroomData({ display: { year: 1850 } }), { 'display.year': 'trop ancienne' });
    const { onChange: _, ...field } = bind(editor, 'display.year');
    expect(field).toEqual({ id: 'champ-display-year', label: "Année d'installation", value: 1850, error: 'trop ancienne' });
  });

  it('labels a field with its name where the form has no other wording, and a fleet field without its number', () => {
    const school = stubEditor('school', makeSchoolData({ fleets: [{ id: 'flotte-1', type: 'tablet', count: 8, workingCount: 8, year: null, charging: null, mdm: null }] }));
    expect(bind(stubEditor('classroom', makeClassroomData()), 'display.type').label).toBe("Type d'affichage");
    expect(bind(school, `fleets.${0}.workingCount`)).toMatchObject({ id: 'champ-fleets-0-workingCount', label: 'Dont fonctionnels', value: 8 });
  });

  it('reads an optional field that an older fiche does not have as not recorded', () => {
    const { trainingNeeds: _, ...older } = makeClassroomData();
    expect(bind(stubEditor('classroom', older), 'trainingNeeds').value).toBeNull();
  });

  it('writes what the input gives at the path', () => {
    const editor = stubEditor('classroom', makeClassroomData());
    bind(editor, 'computer.ramGb').onChange(8, 0);
    expect(editor.data.value.computer.ramGb).toBe(8);
  });

  it('binds inputs of the field’s own type only', () => {
    const editor = stubEditor('classroom', makeClassroomData());
    const school = stubEditor('school', makeSchoolData());
    const fine = [
      <NumberField {...bind(editor, 'display.year')} />,
      <SegmentedField {...bind(editor, 'network.tested')} options={YES_NO} nullable />,
      <TextField {...bind(editor, 'computer.os')} nullable />,
      <NumberField {...bind(school, `fleets.${0}.count`)} />,
    ];
    // @ts-expect-error a misspelt path
    bind(editor, 'display.yaer');
    // @ts-expect-error a school field on a classroom form
    bind(editor, 'wifi.coverage');
    // @ts-expect-error a yes/no field in a number input
    fine.push(<NumberField {...bind(editor, 'network.tested')} />);
    // @ts-expect-error a year in a yes/no choice
    fine.push(<SegmentedField {...bind(editor, 'display.year')} options={YES_NO} />);
    // @ts-expect-error a number in a text input
    fine.push(<TextField {...bind(school, 'wifi.accessPoints')} />);
    expect(fine).toHaveLength(7);
  });
});
