// Typing carried onto a fiche that changed under it: the other side's fields come in, the typed ones stay.
import { describe, expect, it } from 'vitest';
import { rebaseTyping } from '../../../src/model/merge/rebase-typing';
import { makeClassroomData, makeSchoolData } from '../../../src/model/make';

const base = makeClassroomData({ label: 'CM1', pupils: 20, levels: ['CM1'] });

describe('rebaseTyping', () => {
  it('keeps the typing when the fiche did not change, and takes the fiche when nothing was typed', () => {
    const typed = { ...base, pupils: 26 };
    expect(rebaseTyping('classroom', base, typed, base)).toBe(typed);
    const current = { ...base, notes: 'Vu par Léa' };
    expect(rebaseTyping('classroom', base, base, current)).toBe(current);
  });

  it('takes the other side’s fields and keeps the typed ones, the typed value winning a field both changed', () => {
    const typed = { ...base, pupils: 26, display: { ...base.display, type: 'eni' as const } };
    const current = { ...base, pupils: 24, notes: 'Vu par Léa', display: { ...base.display, condition: 'working' as const } };
    expect(rebaseTyping('classroom', base, typed, current)).toEqual({
      ...base, pupils: 26, notes: 'Vu par Léa', display: { ...base.display, type: 'eni', condition: 'working' },
    });
  });

  it('merges sets as sets and fleets by their id', () => {
    const fleet = { id: 'flotte-1', type: 'tablet' as const, count: 8, workingCount: 8, year: 2022, charging: 'cart' as const, mdm: true };
    const school = makeSchoolData({ fleets: [fleet] });
    const typed = { ...school, fleets: [{ ...fleet, count: 10, workingCount: 10 }] };
    const added = { ...fleet, id: 'flotte-2', type: 'laptop' as const, count: 4, workingCount: 4 };
    const current = { ...school, fleets: [fleet, added] };
    expect(rebaseTyping('school', school, typed, current).fleets).toEqual([{ ...fleet, count: 10, workingCount: 10 }, added]);
    expect(rebaseTyping('classroom', base, { ...base, levels: ['CM1', 'CM2'] }, { ...base, levels: ['CE2', 'CM1'] }).levels.slice().sort()).toEqual(['CE2', 'CM1', 'CM2']);
  });
});
