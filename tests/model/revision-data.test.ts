import { describe, expect, it } from 'vitest';
import { keepValidFields } from '../../src/model/revision-data';
import { makeClassroomData, makeSchoolData } from '../../src/model/make';
import type { FieldError, Fleet } from '../../src/model/types';

const error = (path: string): FieldError => ({ path, message: `${path} : invalide.` });

const fleet = (patch: Partial<Fleet> = {}): Fleet => ({
  id: 'flotte-1',
  type: 'tablet',
  count: 12,
  workingCount: 10,
  year: 2022,
  charging: 'cart',
  mdm: true,
  ...patch,
});

describe('keepValidFields', () => {
  it('keeps every field as typed when there is no error', () => {
    const typed = makeClassroomData({ label: 'CM1 B', pupils: 24 });
    expect(keepValidFields(typed, [], [makeClassroomData()])).toEqual(typed);
  });

  it('replaces an invalid field with the last saved value and keeps the valid ones as typed', () => {
    const saved = makeClassroomData({ label: 'CM1 A', pupils: 25 });
    const typed = makeClassroomData({ label: 'CM1 B', pupils: 41, notes: 'Salle au fond du couloir' });
    const kept = keepValidFields(typed, [error('data.pupils')], [saved, makeClassroomData()]);
    expect(kept).toEqual({ ...typed, pupils: 25 });
  });

  it('takes the empty form’s value when the last saved revision is not there', () => {
    const typed = makeClassroomData({ pupils: 41 });
    expect(keepValidFields(typed, [error('data.pupils')], [makeClassroomData()]).pupils).toBeNull();
  });

  it('takes the value of the first fallback that has the field, even when it is null', () => {
    const saved = makeClassroomData({ pupils: null });
    const typed = makeClassroomData({ pupils: 41 });
    const kept = keepValidFields(typed, [error('data.pupils')], [saved, makeClassroomData({ pupils: 20 })]);
    expect(kept.pupils).toBeNull();
  });

  it('skips a fallback that does not have the field', () => {
    const typed = makeSchoolData({ fleets: [fleet({ workingCount: 14 })] });
    const kept = keepValidFields(typed, [error('data.fleets.0.workingCount')], [
      makeSchoolData({ fleets: [] }),
      makeSchoolData({ fleets: [fleet({ workingCount: 9 })] }),
    ]);
    expect(kept.fleets).toEqual([fleet({ workingCount: 9 })]);
  });

  it('replaces a nested field only, keeping its siblings as typed', () => {
    const saved = makeClassroomData({ computer: { type: 'desktop', year: 2019, ramGb: 4 } });
    const typed = makeClassroomData({ computer: { type: 'laptop', year: 1850, ramGb: 8 } });
    const kept = keepValidFields(typed, [error('data.computer.year')], [saved]);
    expect(kept.computer).toEqual({ ...typed.computer, year: 2019 });
  });

  it('replaces a field of one fleet only, keeping the array and the other fleets as typed', () => {
    const saved = makeSchoolData({ fleets: [fleet({ workingCount: 10 }), fleet({ id: 'flotte-2', type: 'laptop', count: 8, workingCount: 8 })] });
    const typed = makeSchoolData({
      fleets: [fleet({ count: 15, workingCount: 14 }), fleet({ id: 'flotte-2', type: 'laptop', count: 8, workingCount: 9 })],
    });
    const kept = keepValidFields(typed, [error('data.fleets.1.workingCount')], [saved]);
    expect(Array.isArray(kept.fleets)).toBe(true);
    expect(kept.fleets).toEqual([fleet({ count: 15, workingCount: 14 }), fleet({ id: 'flotte-2', type: 'laptop', count: 8, workingCount: 8 })]);
  });

  it('leaves out a fleet added since the last revision while it is invalid, keeping the other fleets as typed', () => {
    const saved = makeSchoolData({ fleets: [fleet({ count: 12 })] });
    const typed = makeSchoolData({ fleets: [fleet({ count: 15 }), fleet({ id: 'flotte-2', type: 'laptop', count: 8, workingCount: 9 })], notes: 'Wi-Fi à revoir' });
    const kept = keepValidFields(typed, [error('data.fleets.1.workingCount')], [saved, makeSchoolData()]);
    expect(kept.fleets).toEqual([fleet({ count: 15 })]);
    expect(kept.notes).toBe('Wi-Fi à revoir');
  });

  it('finds an item of a keyed list in the last revision by its key, not its place (a photo removed since)', () => {
    const photo = (digit: string, caption: string | null) => ({
      sha256: digit.repeat(64), type: 'image/jpeg' as const, bytes: 1000, takenAt: '2026-11-30T08:00:00.000Z', subject: 'general' as const, caption,
    });
    const saved = makeClassroomData({ label: 'CM1', photos: [photo('a', 'Affichage'), photo('b', 'Étiquette')] });
    const typed = makeClassroomData({ label: 'CM1', photos: [photo('b', 'x'.repeat(201))] });
    const kept = keepValidFields(typed, [error('data.photos.0.caption')], [saved, makeClassroomData()]);
    expect(kept.photos).toEqual([photo('b', 'Étiquette')]);
  });

  it('leaves out every invalid new item, whatever the order of the errors', () => {
    const typed = makeSchoolData({ fleets: [fleet({ workingCount: 20 }), fleet(), fleet({ workingCount: 30 })] });
    const kept = keepValidFields(typed, [error('data.fleets.0.workingCount'), error('data.fleets.2.workingCount')], [makeSchoolData()]);
    expect(kept.fleets).toEqual([fleet()]);
  });

  it('replaces every invalid field', () => {
    const saved = makeClassroomData({ pupils: 22, display: { type: 'eni', year: 2021 } });
    const typed = makeClassroomData({ label: 'CE2', pupils: -1, display: { type: 'eni', year: 2099 } });
    const kept = keepValidFields(typed, [error('data.pupils'), error('data.display.year')], [saved]);
    expect(kept).toEqual({ ...typed, pupils: 22, display: { ...typed.display, year: 2021 } });
  });

  it('changes neither what was typed nor the fallbacks', () => {
    const saved = makeSchoolData({ fleets: [fleet()] });
    const typed = makeSchoolData({ fleets: [fleet({ workingCount: 14 })], notes: 'Chariot à réparer' });
    const savedBefore = structuredClone(saved);
    const typedBefore = structuredClone(typed);
    keepValidFields(typed, [error('data.fleets.0.workingCount')], [saved]);
    expect(typed).toEqual(typedBefore);
    expect(saved).toEqual(savedBefore);
  });

  it('does not share the fallback’s objects with the result', () => {
    const saved = makeSchoolData({ fleets: [fleet()] });
    const typed = makeSchoolData({ fleets: [fleet({ workingCount: 14 })] });
    const kept = keepValidFields(typed, [error('data.fleets')], [saved]);
    expect(kept.fleets).toEqual(saved.fleets);
    expect(kept.fleets).not.toBe(saved.fleets);
  });

  it('leaves out of the revision a fleet just added and not complete, keeping the others as typed', () => {
    const saved = makeSchoolData({ fleets: [fleet()] });
    const stray = { type: null, count: null, workingCount: null, year: null, charging: null, mdm: null } as unknown as Fleet;
    const typed = makeSchoolData({ fleets: [fleet({ workingCount: 11 }), stray], notes: 'Wi-Fi refait' });
    const kept = keepValidFields(typed, [error('data.fleets.1.type'), error('data.fleets.1.count'), error('data.fleets.1.workingCount')], [saved, makeSchoolData()]);
    expect(kept).toEqual({ ...typed, fleets: [fleet({ workingCount: 11 })] });
  });
});
