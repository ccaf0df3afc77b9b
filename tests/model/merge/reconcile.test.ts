// What the device decides for a head the server sent (src/model/merge/reconcile.ts), decision by decision, on small
// hand-made fiches: the base the device's edit was made on, the device's copy (local) and the server's head.
import { describe, expect, it } from 'vitest';
import { chosen, heldConflicts, mergedRevision, reconcile, valueAt, type Base, type ReconcileInput } from '../../../src/model/merge/reconcile';
import { makeClassroomFiche, makeSchoolFiche } from '../../../src/model/make';
import type { Head } from '../../../src/model/sync-protocol';
import type { Author, ClassroomFiche, Fleet, Photo, SchoolFiche } from '../../../src/model/types';
import { fleet } from '../../gaps/fixtures';

const CLASSROOM_ID = '6f1c2a9e-3b4d-4c5e-8f70-1a2b3c4d5e6f';
const SCHOOL_ID = 'ecole-2026-2027-0130569Y';
const me: Author = { name: 'Camille Martin', role: 'erun' };
const other: Author = { name: 'Sami Benali', role: 'technicien' };
const NOW = new Date('2026-12-01T10:00:00.000Z');

type ClassroomPatch = NonNullable<Parameters<typeof makeClassroomFiche>[0]>['data'];

/** A classroom fiche at `rev`; the server's copies are by the other tablet, the device's by me. */
const classroom = (rev: number, data?: ClassroomPatch, more: { deleted?: boolean; author?: Author } = {}): ClassroomFiche =>
  makeClassroomFiche({ id: CLASSROOM_ID, rev, updatedAt: '2026-11-30T08:00:00.000Z', author: other, ...more, data: { label: 'CM1 B', ...data } });
const school = (rev: number, fleets: Fleet[], author: Author = other): SchoolFiche =>
  makeSchoolFiche({ id: SCHOOL_ID, rev, updatedAt: '2026-11-30T08:00:00.000Z', author, data: { fleets } });

const headOf = (record: ClassroomFiche | SchoolFiche): Head => ({ rev: record.rev, seq: 100 + record.rev, record });
const baseOf = (record: ClassroomFiche | SchoolFiche): Base => ({ id: record.id, rev: record.rev, seq: 100 + record.rev, record });

function decide(input: Pick<ReconcileInput, 'head' | 'base' | 'local' | 'unsent'>) {
  return reconcile({ ...input, author: me, referentialVersion: '2026.2', now: NOW });
}

describe('reconcile: heads already known', () => {
  const base = classroom(3, { pupils: 24 });
  it.each([
    ['the head is the base (this device’s own push coming back)', 3, false],
    ['the head is older than the base', 2, false],
    ['the head is the base, with an unsent edit here', 3, true],
    ['the head is older than the base, with an unsent edit here', 1, true],
  ])('skips a head when %s', (_, rev, unsent) => {
    const head = headOf(classroom(rev, { pupils: 30 }));
    expect(decide({ head, base: baseOf(base), local: classroom(4, { pupils: 26 }, { author: me }), unsent })).toEqual({ kind: 'skip' });
  });
});

describe('reconcile: taking the head', () => {
  const head = headOf(classroom(5, { pupils: 22 }));
  const taken = { kind: 'take', fiche: head.record, base: { id: CLASSROOM_ID, rev: 5, seq: 105, record: head.record } };

  it.each([
    ['a fiche the device does not hold', undefined, undefined],
    ['a fiche held with no base (never edited here)', classroom(2, { pupils: 24 }), undefined],
    ['a fiche held on an older base with no unsent edit', classroom(3, { pupils: 24 }), baseOf(classroom(3, { pupils: 24 }))],
  ])('takes the head for %s', (_, local, base) => {
    expect(decide({ head, base, local, unsent: false })).toMatchObject(taken);
  });

  it('takes the head, leaving the edit nothing to send, when the head already holds every local change', () => {
    const base = baseOf(classroom(3, { pupils: 24, notes: 'RAS' }));
    const local = classroom(4, { pupils: 26, notes: 'RAS' }, { author: me });
    const holding = headOf(classroom(5, { pupils: 26, notes: 'Prise murale HS' }));
    expect(decide({ head: holding, base, local, unsent: true })).toMatchObject({ kind: 'take', fiche: holding.record, base: { rev: 5, seq: 105 } });
  });

  it('takes its own edit back when a lost answer left it unsent and the server already holds it', () => {
    const base = baseOf(classroom(3, { pupils: 24 }));
    const local = classroom(4, { pupils: 26 }, { author: me });
    const mine = headOf({ ...local, rev: 4 });
    expect(decide({ head: mine, base, local, unsent: true })).toMatchObject({ kind: 'take', fiche: mine.record });
  });
});

describe('reconcile: merging an unsent edit', () => {
  const base = baseOf(classroom(3, { pupils: 24, notes: 'RAS' }));

  it('merges fields changed on different sides into a new revision: now, my author and référentiel, a rev above both', () => {
    const local = classroom(7, { pupils: 26, notes: 'RAS' }, { author: me });
    const head = headOf(classroom(5, { pupils: 24, notes: 'Prise murale HS' }));
    const decision = decide({ head, base, local, unsent: true });
    expect(decision).toMatchObject({ kind: 'merged', base: { id: CLASSROOM_ID, rev: 5, seq: 105, record: head.record }, notice: null });
    if (decision.kind !== 'merged') return;
    expect(decision.fiche.data).toMatchObject({ pupils: 26, notes: 'Prise murale HS' });
    expect(decision.fiche).toMatchObject({ id: CLASSROOM_ID, rev: 8, updatedAt: NOW.toISOString(), author: me, referentialVersion: '2026.2', deleted: false });
  });

  it.each([
    [2, 5, 6],
    [7, 5, 8],
    [5, 5, 6],
  ])('gives a merged revision of local rev %i and head rev %i the rev %i', (localRev, headRev, rev) => {
    const head = headOf(classroom(headRev));
    expect(mergedRevision({ head, author: me, referentialVersion: '2026.2', now: NOW }, classroom(localRev), head.record.data, false).rev).toBe(rev);
  });

  it('holds a field both sides changed differently "À arbitrer", and names both values', () => {
    const local = classroom(4, { pupils: 26, notes: 'RAS' }, { author: me });
    const head = headOf(classroom(5, { pupils: 22, notes: 'RAS' }));
    expect(decide({ head, base, local, unsent: true })).toEqual({ kind: 'arbitrate', conflicts: [{ path: 'data.pupils', local: 26, head: 22 }] });
  });

  it('merges a fiche the server never held against the empty fiche (no base)', () => {
    const local = classroom(1, { pupils: 26 }, { author: me });
    const head = headOf(classroom(1, { notes: 'Créée sur une autre tablette' }));
    const decision = decide({ head, base: undefined, local, unsent: true });
    expect(decision).toMatchObject({ kind: 'merged', fiche: { rev: 2, data: { pupils: 26, notes: 'Créée sur une autre tablette' } } });
  });
});

describe('reconcile: a merge of two valid sides that is not valid', () => {
  // One tablet lowered the fleet's count, the other raised its working count: each valid, together not.
  const A = fleet({ id: 'flotte-a', count: 10, workingCount: 5 });
  const B = fleet({ id: 'flotte-b', type: 'laptop', count: 8, workingCount: 8 });
  const base = baseOf(school(3, [A]));
  const head = headOf(school(5, [{ ...A, workingCount: 9 }]));

  it('holds the fiche with the fields refused, named by the fleet’s id as the merge names them', () => {
    const local = school(4, [{ ...A, count: 6 }], me);
    expect(decide({ head, base, local, unsent: true })).toEqual({
      kind: 'arbitrate',
      conflicts: [{ path: 'data.fleets.flotte-a.workingCount', local: 5, head: 9 }],
    });
  });

  it('reads each side’s value in the fleet of that id, wherever the fleet stands on that side', () => {
    // Here a fleet was added before it: the refused fleet is the merge's first, this device's second.
    const local = school(4, [B, { ...A, count: 6 }], me);
    expect(decide({ head, base, local, unsent: true })).toEqual({
      kind: 'arbitrate',
      conflicts: [{ path: 'data.fleets.flotte-a.workingCount', local: 5, head: 9 }],
    });
  });
});

describe('reconcile: a delete on one side, an edit on the other', () => {
  const base = baseOf(classroom(3, { pupils: 24 }));

  it('keeps the fiche this device edited when the head deleted it, and says so', () => {
    const local = classroom(4, { pupils: 26 }, { author: me });
    const head = headOf(classroom(5, { pupils: 24 }, { deleted: true }));
    expect(decide({ head, base, local, unsent: true })).toMatchObject({
      kind: 'merged',
      fiche: { deleted: false, data: { pupils: 26 } },
      notice: 'deleted-there-kept-by-edit-here',
    });
  });

  it('keeps the fiche the other tablet edited when this device deleted it, and says so', () => {
    const local = classroom(4, { pupils: 24 }, { deleted: true, author: me });
    const head = headOf(classroom(5, { pupils: 22 }));
    expect(decide({ head, base, local, unsent: true })).toMatchObject({
      kind: 'take',
      fiche: { deleted: false, data: { pupils: 22 } },
      notice: 'deleted-here-kept-by-edit-there',
    });
  });

  it('deletes a fiche deleted on both sides without a word', () => {
    const local = classroom(4, { pupils: 24 }, { deleted: true, author: me });
    const head = headOf(classroom(5, { pupils: 24 }, { deleted: true }));
    expect(decide({ head, base, local, unsent: true })).toMatchObject({ kind: 'take', fiche: { deleted: true } });
  });
});

describe('heldConflicts and chosen: fields both sides changed', () => {
  const base = classroom(3, { pupils: 24, notes: 'RAS', display: { type: 'vpi' } });
  const local = classroom(4, { pupils: 26, notes: 'RAS', display: { type: 'eni' } }, { author: me });
  const head = classroom(5, { pupils: 22, notes: 'Prise murale HS', display: { type: 'tni' } });

  it('asks about each field both sides changed differently', () => {
    expect(heldConflicts(base, local, head, NOW)).toEqual([
      { path: 'data.pupils', local: 26, head: 22 },
      { path: 'data.display.type', local: 'eni', head: 'tni' },
    ]);
  });

  it.each([
    ['every choice “mine” (none given)', {}, 26, 'eni'],
    ['every choice the other tablet’s', { 'data.pupils': 'head', 'data.display.type': 'head' }, 22, 'tni'],
    ['one of each', { 'data.pupils': 'head', 'data.display.type': 'local' }, 22, 'eni'],
  ] as const)('puts the chosen side’s values with %s, and the merged fields around them', (_, choices, pupils, display) => {
    const { data, deleted } = chosen(base, local, head, choices, NOW);
    expect(data).toMatchObject({ pupils, display: { type: display }, notes: 'Prise murale HS' });
    expect(deleted).toBe(false);
  });

  it('asks nothing when the merge is clean and valid', () => {
    const clean = classroom(4, { pupils: 24, notes: 'RAS', display: { type: 'vpi' }, documentCamera: { present: true } }, { author: me });
    expect(heldConflicts(base, clean, head, NOW)).toEqual([]);
  });
});

describe('heldConflicts and chosen: fields refused in a merge that is not valid', () => {
  const A = fleet({ id: 'flotte-a', count: 10, workingCount: 5 });
  const B = fleet({ id: 'flotte-b', type: 'laptop', count: 8, workingCount: 8 });
  const base = school(3, [A]);
  const local = school(4, [B, { ...A, count: 6 }], me);
  const head = school(5, [{ ...A, workingCount: 9 }]);
  const path = 'data.fleets.flotte-a.workingCount';

  it('asks about the refused field, by fleet id, with each side’s value', () => {
    expect(heldConflicts(base, local, head, NOW)).toEqual([{ path, local: 5, head: 9 }]);
  });

  it.each([
    ['chosen “mine”', { [path]: 'local' }],
    ['not chosen (mine, as the screen shows it)', {}],
  ] as const)('puts my value in that fleet when %s: a valid fiche', (_, choices) => {
    const { data } = chosen(base, local, head, choices, NOW) as { data: SchoolFiche['data'] };
    expect(data.fleets).toEqual([{ ...A, count: 6, workingCount: 5 }, B]);
  });

  it('puts the other tablet’s value in that fleet (and only there) when chosen', () => {
    const { data } = chosen(base, local, head, { [path]: 'head' }, NOW) as { data: SchoolFiche['data'] };
    expect(data.fleets).toEqual([{ ...A, count: 6, workingCount: 9 }, B]);
  });
});

describe('heldConflicts and chosen: photos past 20 once both sides’ are put together', () => {
  const photo = (n: number): Photo => ({
    sha256: n.toString(16).padStart(64, '0'), type: 'image/jpeg', bytes: 100_000, takenAt: '2026-11-30T08:00:00.000Z', subject: 'general', caption: null,
  });
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => photo(from + i));
  const base = classroom(3, { photos: range(0, 10) });
  const local = classroom(4, { photos: range(0, 16) }, { author: me });
  const head = classroom(5, { photos: [...range(0, 10), ...range(100, 106)] });

  it('asks which list to keep (the merge has no collision, but 22 photos are refused)', () => {
    expect(heldConflicts(base, local, head, NOW)).toEqual([{ path: 'data.photos', local: local.data.photos, head: head.data.photos }]);
  });

  it('keeps the chosen side’s photos, a valid fiche', () => {
    const mine = chosen(base, local, head, {}, NOW) as { data: ClassroomFiche['data'] };
    expect(mine.data.photos).toEqual(local.data.photos);
    const theirs = chosen(base, local, head, { 'data.photos': 'head' }, NOW) as { data: ClassroomFiche['data'] };
    expect(theirs.data.photos).toEqual(head.data.photos);
  });
});

describe('valueAt', () => {
  const record = school(3, [fleet({ id: 'flotte-a', count: 12 }), fleet({ id: 'b.2', count: 4 })]);
  it.each([
    ['data.pupils', null],
    ['data.internet.access', null],
    ['data.fleets.flotte-a.count', 12],
    ['data.fleets.b.2.count', 4],
    ['data.fleets.1.count', 4],
    ['data.fleets.flotte-z.count', undefined],
    ['data.nothing.here', undefined],
  ])('reads %s', (path, value) => {
    expect(valueAt(record, path)).toEqual(value);
  });
  it('reads a photo’s field by its sha256', () => {
    const sha = 'c'.repeat(64);
    const withPhoto = classroom(3, { photos: [{ sha256: sha, type: 'image/webp', bytes: 9, takenAt: '2026-11-30T08:00:00.000Z', subject: 'network', caption: 'Baie' }] });
    expect(valueAt(withPhoto, `data.photos.${sha}.caption`)).toBe('Baie');
    expect(valueAt(withPhoto, `data.photos.${sha}`)).toMatchObject({ subject: 'network' });
  });
  it('reads a whole fleet by its id', () => {
    expect(valueAt(record, 'data.fleets.b.2')).toMatchObject({ id: 'b.2', count: 4 });
  });
});
