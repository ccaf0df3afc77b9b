// The three-way merge of a fiche (src/sync/merge.ts), rule by rule on small hand-made fiches: a base, this device's
// edit (local) and the server's head, as sync.md v2 "Merge on the device" describes them.
import { describe, expect, it } from 'vitest';
import { mergeFiche, resolveConflicts, type MergeResult } from '../../../src/model/merge/merge';
import { makeClassroomFiche, makeSchoolFiche } from '../../../src/model/make';
import type { ClassroomFiche, Fleet, Photo, SchoolFiche } from '../../../src/model/types';
import { fleet } from '../../gaps/fixtures';

const CLASSROOM_ID = '6f1c2a9e-3b4d-4c5e-8f70-1a2b3c4d5e6f';
const SCHOOL_ID = 'ecole-2026-2027-0130569Y';
const AT = '2026-11-30T08:00:00.000Z';

type ClassroomPatch = NonNullable<Parameters<typeof makeClassroomFiche>[0]>['data'];
type SchoolPatch = NonNullable<Parameters<typeof makeSchoolFiche>[0]>['data'];

const classroom = (data?: ClassroomPatch, deleted = false): ClassroomFiche =>
  makeClassroomFiche({ id: CLASSROOM_ID, rev: 3, updatedAt: AT, deleted, data: { label: 'CM1 B', ...data } });
const school = (data?: SchoolPatch, deleted = false): SchoolFiche => makeSchoolFiche({ id: SCHOOL_ID, rev: 3, updatedAt: AT, deleted, data });

const A = fleet({ id: 'flotte-a', type: 'tablet', count: 12, workingCount: 12 });
const B = fleet({ id: 'flotte-b', type: 'laptop', count: 8, workingCount: 6 });
const C = fleet({ id: 'flotte-c', type: 'hybrid', count: 4, workingCount: 4 });
const withFleets = (...fleets: Fleet[]) => school({ fleets });

const photo = (digit: string, patch: Partial<Photo> = {}): Photo => ({
  sha256: digit.repeat(64), type: 'image/jpeg', bytes: 180_000, takenAt: AT, subject: 'display', caption: null, ...patch,
});
const P = photo('a');
const Q = photo('b', { subject: 'computer' });
const R = photo('c', { subject: 'general', caption: 'Vue de la classe' });
const withPhotos = (...photos: Photo[]) => classroom({ photos });

describe('mergeFiche: leaves', () => {
  const base = classroom({ pupils: 24, notes: 'RAS' });

  it('takes the value of a field only this device changed', () => {
    const result = mergeFiche(base, classroom({ pupils: 26, notes: 'RAS' }), base);
    expect(result).toEqual({ data: classroom({ pupils: 26, notes: 'RAS' }).data, deleted: false, conflicts: [], notice: null });
  });

  it('takes the value of a field only the head changed', () => {
    expect(mergeFiche(base, base, classroom({ pupils: 22, notes: 'RAS' })).data.pupils).toBe(22);
  });

  it('keeps a field both sides changed the same way, without a conflict', () => {
    const result = mergeFiche(base, classroom({ pupils: 25, notes: 'RAS' }), classroom({ pupils: 25, notes: 'RAS' }));
    expect(result.data.pupils).toBe(25);
    expect(result.conflicts).toEqual([]);
  });

  it('keeps the fields each side changed when they are different fields', () => {
    const result = mergeFiche(base, classroom({ pupils: 26, notes: 'RAS' }), classroom({ pupils: 24, notes: 'Vidéoprojecteur à changer' }));
    expect(result.data).toMatchObject({ pupils: 26, notes: 'Vidéoprojecteur à changer' });
    expect(result.conflicts).toEqual([]);
  });

  it('marks a field both sides changed differently as a conflict and keeps the local value meanwhile', () => {
    const result = mergeFiche(base, classroom({ pupils: 26, notes: 'RAS' }), classroom({ pupils: 22, notes: 'RAS' }));
    expect(result.conflicts).toEqual([{ path: 'data.pupils', local: 26, head: 22 }]);
    expect(result.data.pupils).toBe(26);
  });

  it('treats a free text as one value: two different edits of the notes conflict', () => {
    const result = mergeFiche(base, classroom({ pupils: 24, notes: 'RAS, câble HDMI neuf' }), classroom({ pupils: 24, notes: 'RAS ; prise murale HS' }));
    expect(result.conflicts).toEqual([{ path: 'data.notes', local: 'RAS, câble HDMI neuf', head: 'RAS ; prise murale HS' }]);
  });

  it('walks into nested groups: each leaf merges on its own and a conflict names its full path', () => {
    const nestedBase = classroom({ computer: { os: 'Windows 10', ramGb: 4 }, display: { type: 'vpi' } });
    const local = classroom({ computer: { os: 'Windows 11', ramGb: 4 }, display: { type: 'eni' } });
    const head = classroom({ computer: { os: 'Windows 10', ramGb: 8 }, display: { type: 'tni' } });
    const result = mergeFiche(nestedBase, local, head);
    expect(result.data.computer).toMatchObject({ os: 'Windows 11', ramGb: 8 });
    expect(result.conflicts).toEqual([{ path: 'data.display.type', local: 'eni', head: 'tni' }]);
  });

  it('names the nested paths of a school fiche the same way', () => {
    const schoolBase = school({ internet: { access: 'adsl', downloadMbps: 8 } });
    const result = mergeFiche(schoolBase, school({ internet: { access: 'fibre', downloadMbps: 8 } }), school({ internet: { access: 'vdsl', downloadMbps: 30 } }));
    expect(result.conflicts).toEqual([{ path: 'data.internet.access', local: 'fibre', head: 'vdsl' }]);
    expect(result.data.internet).toEqual({ access: 'fibre', downloadMbps: 30, uploadMbps: null });
  });

  it('changes nothing and finds no conflict when neither side changed anything', () => {
    expect(mergeFiche(base, base, base)).toEqual({ data: base.data, deleted: false, conflicts: [], notice: null });
  });

  it('leaves its inputs as they were', () => {
    const [b, l, h] = [classroom({ levels: ['CP'] }), classroom({ levels: ['CP', 'CE1'], pupils: 3 }), classroom({ levels: [], pupils: 4 })];
    const copies = structuredClone([b, l, h]);
    resolveConflicts(mergeFiche(b, l, h), { 'data.pupils': 'head' });
    expect([b, l, h]).toEqual(copies);
  });
});

describe('mergeFiche: sets (levels, trainingNeeds)', () => {
  it('keeps the levels each side added, in the order of the levels', () => {
    const result = mergeFiche(classroom({ levels: ['CE2'] }), classroom({ levels: ['CE2', 'CM2'] }), classroom({ levels: ['CP', 'CE2'] }));
    expect(result.data.levels).toEqual(['CP', 'CE2', 'CM2']);
    expect(result.conflicts).toEqual([]);
  });

  it('drops a level either side removed, while keeping the other side’s additions', () => {
    const result = mergeFiche(classroom({ levels: ['CP', 'CE1'] }), classroom({ levels: ['CE1', 'ULIS'] }), classroom({ levels: ['CP', 'CE1', 'CE2'] }));
    expect(result.data.levels).toEqual(['CE1', 'CE2', 'ULIS']);
  });

  it('drops levels removed on both sides and keeps a level added on both once', () => {
    const result = mergeFiche(classroom({ levels: ['CP', 'CE1', 'CE2'] }), classroom({ levels: ['CE2', 'CM1'] }), classroom({ levels: ['CM1', 'CE2'] }));
    expect(result.data.levels).toEqual(['CE2', 'CM1']);
  });

  it('merges the training needs of a school as a set, never as a conflict', () => {
    const base = school({ trainingNeeds: ['sciences-numerique', 'hybridation'] });
    const local = school({ trainingNeeds: ['sciences-numerique', 'education-medias'] });
    const head = school({ trainingNeeds: ['robotique-programmation', 'sciences-numerique', 'hybridation'] });
    const result = mergeFiche(base, local, head);
    expect(result.data.trainingNeeds).toEqual(['sciences-numerique', 'robotique-programmation', 'education-medias']);
    expect(result.conflicts).toEqual([]);
  });

  it('leaves the optional training needs of a classroom absent when no side has them', () => {
    const without = (fiche: ClassroomFiche): ClassroomFiche => {
      const { trainingNeeds, ...data } = fiche.data;
      void trainingNeeds;
      return { ...fiche, data };
    };
    const result = mergeFiche(without(classroom()), without(classroom({ pupils: 20 })), without(classroom({ notes: 'RAS' })));
    expect('trainingNeeds' in result.data).toBe(false);
    const added = mergeFiche(without(classroom()), without(classroom()), classroom({ trainingNeeds: ['hybridation'] }));
    expect(added.data.trainingNeeds).toEqual(['hybridation']);
  });
});

describe('mergeFiche: fleets by id', () => {
  it('keeps the fleets each side added: the head’s first, then this device’s', () => {
    const result = mergeFiche(withFleets(A), withFleets(A, B), withFleets(C, A));
    expect(result.data.fleets).toEqual([C, A, B]);
    expect(result.conflicts).toEqual([]);
  });

  it('drops a fleet removed on one side and untouched on the other', () => {
    expect(mergeFiche(withFleets(A, B), withFleets(B), withFleets(A, B, C)).data.fleets).toEqual([B, C]);
    expect(mergeFiche(withFleets(A, B), withFleets(A, B, C), withFleets(A)).data.fleets).toEqual([A, C]);
  });

  it('makes a fleet removed here and changed in the head a conflict, and keeps it removed meanwhile', () => {
    const changed = { ...B, workingCount: 5 };
    const result = mergeFiche(withFleets(A, B), withFleets(A), withFleets(A, changed));
    expect(result.conflicts).toMatchObject([{ path: 'data.fleets.flotte-b', local: undefined, head: changed }]);
    expect(result.data.fleets).toEqual([A]);
  });

  it('makes a fleet changed here and removed in the head a conflict, and keeps it meanwhile', () => {
    const changed = { ...A, mdm: false };
    const result = mergeFiche(withFleets(A, B), withFleets(changed, B), withFleets(B));
    expect(result.conflicts).toEqual([{ path: 'data.fleets.flotte-a', local: changed, head: undefined }]);
    expect(result.data.fleets).toEqual([B, changed]);
  });

  it('merges a fleet both sides changed field by field, wherever each side put it', () => {
    const result = mergeFiche(withFleets(A, B), withFleets(A, { ...B, year: 2025 }), withFleets({ ...B, charging: 'case' }, A));
    expect(result.data.fleets).toEqual([{ ...B, year: 2025, charging: 'case' }, A]);
    expect(result.conflicts).toEqual([]);
  });

  it('makes one field of a fleet both sides changed differently a conflict on that field only', () => {
    const result = mergeFiche(withFleets(A), withFleets({ ...A, count: 15, year: 2025 }), withFleets({ ...A, count: 14 }));
    expect(result.conflicts).toEqual([{ path: 'data.fleets.flotte-a.count', local: 15, head: 14 }]);
    expect(result.data.fleets).toEqual([{ ...A, count: 15, year: 2025 }]);
  });

  it('judges a fleet both sides added under one id field by field, each difference a conflict', () => {
    const result = mergeFiche(withFleets(), withFleets({ ...C, count: 5 }), withFleets({ ...C, count: 6 }));
    expect(result.conflicts).toEqual([{ path: 'data.fleets.flotte-c.count', local: 5, head: 6 }]);
  });
});

describe('mergeFiche: photos by sha256', () => {
  it('keeps the photos each side added, the head’s first, on a base that had none (the field absent)', () => {
    const result = mergeFiche(classroom(), withPhotos(P), withPhotos(Q));
    expect(result.conflicts).toEqual([]);
    expect(result.data.photos).toEqual([Q, P]);
  });

  it('drops a photo removed on one side and untouched on the other', () => {
    expect(mergeFiche(withPhotos(P, Q), withPhotos(Q), withPhotos(P, Q, R)).data.photos).toEqual([Q, R]);
  });

  it('merges captions and subjects changed on each side, photo by photo', () => {
    const result = mergeFiche(withPhotos(P, Q), withPhotos({ ...P, caption: 'VPI fissuré' }, Q), withPhotos(P, { ...Q, subject: 'network' }));
    expect(result.conflicts).toEqual([]);
    expect(result.data.photos).toEqual([{ ...P, caption: 'VPI fissuré' }, { ...Q, subject: 'network' }]);
  });

  it('makes a caption both sides changed differently a conflict on that photo’s caption, the head’s taken on request', () => {
    const result = mergeFiche(withPhotos(P), withPhotos({ ...P, caption: 'ici' }), withPhotos({ ...P, caption: 'là' }));
    expect(result.conflicts).toEqual([{ path: `data.photos.${P.sha256}.caption`, local: 'ici', head: 'là' }]);
    expect(resolveConflicts(result, { [`data.photos.${P.sha256}.caption`]: 'head' }).data.photos).toEqual([{ ...P, caption: 'là' }]);
  });

  it('makes a photo removed here and captioned in the head a conflict, and puts it back at its place on request', () => {
    const captioned = { ...Q, caption: 'Étiquette du poste' };
    const result = mergeFiche(withPhotos(P, Q, R), withPhotos(P, R), withPhotos(P, captioned, R));
    expect(result.conflicts).toMatchObject([{ path: `data.photos.${Q.sha256}`, local: undefined, head: captioned }]);
    expect(result.data.photos).toEqual([P, R]);
    expect(resolveConflicts(result, { [`data.photos.${Q.sha256}`]: 'head' }).data.photos).toEqual([P, captioned, R]);
  });

  it('reads an absent list and an empty one as the same data (no edit made by emptying it)', () => {
    const emptied = withPhotos();
    const result = mergeFiche(classroom(), emptied, classroom({ notes: 'RAS' }));
    expect(result.conflicts).toEqual([]);
    expect(result.data.notes).toBe('RAS');
  });
});

describe('mergeFiche: deleted', () => {
  const base = classroom({ pupils: 24 });

  it('deletes a fiche deleted on one side and untouched on the other', () => {
    expect(mergeFiche(base, classroom({ pupils: 24 }, true), base)).toMatchObject({ deleted: true, notice: null });
    expect(mergeFiche(base, base, classroom({ pupils: 24 }, true))).toMatchObject({ deleted: true, notice: null });
  });

  it('deletes a fiche deleted on both sides', () => {
    expect(mergeFiche(base, classroom({ pupils: 25 }, true), classroom({ pupils: 24 }, true))).toMatchObject({ deleted: true, notice: null, conflicts: [] });
  });

  it('keeps a fiche deleted here and edited in the head, and says so', () => {
    const result = mergeFiche(base, classroom({ pupils: 24 }, true), classroom({ pupils: 26 }));
    expect(result).toMatchObject({ deleted: false, notice: 'deleted-here-kept-by-edit-there', conflicts: [] });
    expect(result.data.pupils).toBe(26);
  });

  it('keeps a fiche deleted in the head and edited here, and says so', () => {
    const result = mergeFiche(base, classroom({ pupils: 26 }), classroom({ pupils: 24 }, true));
    expect(result).toMatchObject({ deleted: false, notice: 'deleted-there-kept-by-edit-here' });
    expect(result.data.pupils).toBe(26);
  });

  it('restores a fiche brought back on one side', () => {
    const deletedBase = classroom({ pupils: 24 }, true);
    expect(mergeFiche(deletedBase, classroom({ pupils: 24 }), deletedBase)).toMatchObject({ deleted: false, notice: null });
  });
});

describe('mergeFiche: a fiche the server never held (null base)', () => {
  it('merges two school fiches made on two tablets against the empty fiche', () => {
    const local = school({ pupils: 180, wifi: { accessPoints: 3 }, fleets: [A], trainingNeeds: ['hybridation'] });
    const head = school({ pupils: 175, internet: { access: 'fibre' }, fleets: [B], trainingNeeds: ['coeducation'] });
    const result = mergeFiche(null, local, head);
    expect(result.conflicts).toEqual([{ path: 'data.pupils', local: 180, head: 175 }]);
    expect(result.data).toMatchObject({ wifi: { accessPoints: 3 }, internet: { access: 'fibre' }, fleets: [B, A], trainingNeeds: ['coeducation', 'hybridation'] });
    expect(result.deleted).toBe(false);
  });

  it('takes a classroom’s fields from whichever side recorded them', () => {
    const result = mergeFiche(null, classroom({ pupils: 20 }), classroom({ network: { access: 'wifi' } }));
    expect(result.data).toMatchObject({ label: 'CM1 B', pupils: 20, network: { access: 'wifi', tested: null } });
    expect(result.conflicts).toEqual([]);
  });
});

describe('resolveConflicts', () => {
  const base = school({ pupils: 100, internet: { access: 'adsl' }, fleets: [A, B, C] });
  const local = school({ pupils: 110, internet: { access: 'fibre' }, fleets: [{ ...A, count: 15 }, { ...C, mdm: false }] });
  const head = school({ pupils: 120, internet: { access: 'vdsl' }, fleets: [{ ...A, count: 14 }, { ...B, year: 2020 }] });
  const result = mergeFiche(base, local, head);

  it('finds one conflict of each kind in this merge', () => {
    expect(result.conflicts.map((c) => c.path)).toEqual(['data.pupils', 'data.internet.access', 'data.fleets.flotte-a.count', 'data.fleets.flotte-b', 'data.fleets.flotte-c']);
  });

  it('keeps the local values of every conflict not chosen, or chosen local', () => {
    const everyLocal = Object.fromEntries(result.conflicts.map((c) => [c.path, 'local' as const]));
    expect(resolveConflicts(result, {})).toEqual({ data: local.data, deleted: false });
    expect(resolveConflicts(result, everyLocal)).toEqual({ data: local.data, deleted: false });
  });

  it('takes the head’s value of a leaf, a nested leaf and a fleet’s field', () => {
    const { data } = resolveConflicts(result, { 'data.pupils': 'head', 'data.internet.access': 'head', 'data.fleets.flotte-a.count': 'head' });
    expect(data).toMatchObject({ pupils: 120, internet: { access: 'vdsl' } });
    expect(data.fleets).toEqual([{ ...A, count: 14 }, { ...C, mdm: false }]);
  });

  it('puts a fleet removed here back at its place in the head when the head’s is chosen', () => {
    expect(resolveConflicts(result, { 'data.fleets.flotte-b': 'head' }).data.fleets).toEqual([{ ...A, count: 15 }, { ...B, year: 2020 }, { ...C, mdm: false }]);
  });

  it('removes a fleet changed here and removed in the head when the head’s is chosen', () => {
    expect(resolveConflicts(result, { 'data.fleets.flotte-c': 'head' }).data.fleets).toEqual([{ ...A, count: 15 }]);
  });

  it('puts a fleet back first when nothing before it in the head is left', () => {
    const first = mergeFiche(withFleets(A, B), withFleets(B), withFleets({ ...A, count: 3, workingCount: 3 }, B));
    expect(resolveConflicts(first, { 'data.fleets.flotte-a': 'head' }).data.fleets).toEqual([{ ...A, count: 3, workingCount: 3 }, B]);
  });

  it('takes the head’s fleet field even when the fleet id holds a dot', () => {
    const dotted = { ...A, id: 'flotte.a' };
    const merged = mergeFiche(withFleets(dotted), withFleets({ ...dotted, count: 20 }), withFleets({ ...dotted, count: 18 }));
    expect(merged.conflicts.map((c) => c.path)).toEqual(['data.fleets.flotte.a.count']);
    expect(resolveConflicts(merged, { 'data.fleets.flotte.a.count': 'head' }).data.fleets).toEqual([{ ...dotted, count: 18 }]);
  });

  it('sets deleted from a conflict on `deleted`', () => {
    const onDeleted: MergeResult<'classroom'> = { data: classroom().data, deleted: false, conflicts: [{ path: 'deleted', local: false, head: true }], notice: null };
    expect(resolveConflicts(onDeleted, { deleted: 'head' }).deleted).toBe(true);
    expect(resolveConflicts(onDeleted, { deleted: 'local' }).deleted).toBe(false);
  });

  it('leaves the merge result as it was', () => {
    const copy = structuredClone(result);
    resolveConflicts(result, Object.fromEntries(result.conflicts.map((c) => [c.path, 'head' as const])));
    expect(result).toEqual(copy);
  });
});
