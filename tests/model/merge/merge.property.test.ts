// Properties of the three-way merge (src/sync/merge.ts) over random bases and random independent edits of both
// sides (merge-arbitrary.ts), seeded so that a failure names the seed that reproduces it.
import { describe, expect, it } from 'vitest';
import { mergeFiche, resolveConflicts, type FieldConflict, type MergeResult } from '../../../src/model/merge/merge';
import { makeClassroomFiche, makeSchoolFiche } from '../../../src/model/make';
import type { Fiche, FicheKind } from '../../../src/model/types';
import { KEYED_LISTS, keyOf, type KeyedList } from '../../../src/model/merge/keyed-lists';
import { createRandom } from '../../fixtures/departement/prng';
import { editData, emptyData, randomData } from './merge-arbitrary';

const RUNS = 1000;

interface Case {
  seed: number;
  base: Fiche | null;
  /** The base as a fiche, the empty one when the server never held it. */
  baseFiche: Fiche;
  local: Fiche;
  head: Fiche;
}

function fiche(kind: FicheKind, data: unknown, deleted: boolean): Fiche {
  const envelope = kind === 'school' ? makeSchoolFiche({ id: 'ecole-2026-2027-0130569Y' }) : makeClassroomFiche({ id: '6f1c2a9e-3b4d-4c5e-8f70-1a2b3c4d5e6f' });
  return { ...envelope, data, deleted } as Fiche;
}

function makeCase(seed: number): Case {
  const random = createRandom(seed);
  const kind: FicheKind = seed % 2 === 0 ? 'school' : 'classroom';
  const isNew = random.chance(0.15);
  const baseData = isNew ? emptyData(kind) : randomData(random, kind);
  const baseDeleted = !isNew && random.chance(0.1);
  const flip = () => (random.chance(0.15) ? !baseDeleted : baseDeleted);
  const baseFiche = fiche(kind, baseData, baseDeleted);
  const local = fiche(kind, editData(random, kind, baseData, 'ici'), flip());
  const head = fiche(kind, editData(random, kind, baseData, 'serveur'), flip());
  return { seed, base: isNew ? null : baseFiche, baseFiche, local, head };
}

const CASES = Array.from({ length: RUNS }, (_, i) => makeCase(i + 1));

const keyedList = (path: string) => (path.startsWith('data.') && Object.hasOwn(KEYED_LISTS, path.slice(5)) ? (path.slice(5) as KeyedList) : undefined);

/** Every field as a path: leaves, one entry per member of a set, a fleet's or photo's presence and each of its fields. */
function flatten(value: unknown, path = 'data', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const at = `${path}.${key}`;
    const list = keyedList(at);
    if (list !== undefined) {
      for (const member of item as Record<string, unknown>[]) {
        const id = keyOf(member, list) as string;
        out.set(`${at}.${id}`, true);
        for (const [field, v] of Object.entries(member)) out.set(`${at}.${id}.${field}`, v);
      }
    } else if (Array.isArray(item)) for (const member of item) out.set(`${at}[${String(member)}]`, true);
    else if (item !== null && typeof item === 'object') flatten(item, at, out);
    else out.set(at, item);
  }
  return out;
}

/** Fleets and photos in the order of their keys: their order is not what the merge promises to make the same both
 * ways. */
function normalized(data: unknown): unknown {
  const record = { ...(data as Record<string, unknown>) };
  for (const list of Object.keys(KEYED_LISTS) as KeyedList[]) {
    const items = record[list];
    if (Array.isArray(items)) record[list] = [...items].sort((a, b) => ((keyOf(a, list) ?? '') < (keyOf(b, list) ?? '') ? -1 : 1));
  }
  return record;
}

const swapped = (c: FieldConflict) => ({ path: c.path, local: c.head, head: c.local });
const plain = (c: FieldConflict) => ({ path: c.path, local: c.local, head: c.head });
const OTHER_NOTICE = { 'deleted-here-kept-by-edit-there': 'deleted-there-kept-by-edit-here', 'deleted-there-kept-by-edit-here': 'deleted-here-kept-by-edit-there' } as const;
const byPath = <T extends { path: string }>(conflicts: T[]) => [...conflicts].sort((a, b) => (a.path < b.path ? -1 : 1));
const every = (result: MergeResult, side: 'local' | 'head') => Object.fromEntries(result.conflicts.map((c) => [c.path, side]));
const covered = (path: string, conflicts: FieldConflict[]) => conflicts.some((c) => path === c.path || path.startsWith(`${c.path}.`));

describe('mergeFiche over random edits', () => {
  it('gives back one side when the other did not change (merge(B, L, L) = L, merge(B, B, H) = H)', () => {
    for (const { seed, base, baseFiche, local, head } of CASES) {
      expect(mergeFiche(base, local, local), `seed ${seed}`).toEqual({ data: local.data, deleted: local.deleted, conflicts: [], notice: null });
      expect(mergeFiche(base, baseFiche, head), `seed ${seed}`).toEqual({ data: head.data, deleted: head.deleted, conflicts: [], notice: null });
      expect(mergeFiche(base, local, baseFiche), `seed ${seed}`).toEqual({ data: local.data, deleted: local.deleted, conflicts: [], notice: null });
    }
  });

  it('is symmetric: swapping the sides swaps each conflict, and without conflicts gives the same data', () => {
    for (const { seed, base, local, head } of CASES) {
      const [ab, ba] = [mergeFiche(base, local, head), mergeFiche(base, head, local)];
      expect(byPath(ba.conflicts.map(plain)), `seed ${seed}`).toEqual(byPath(ab.conflicts.map(swapped)));
      expect(ba.deleted, `seed ${seed}`).toBe(ab.deleted);
      expect(ba.notice, `seed ${seed}`).toBe(ab.notice === null ? null : OTHER_NOTICE[ab.notice]);
      if (ab.conflicts.length === 0) expect(normalized(ba.data), `seed ${seed}`).toEqual(normalized(ab.data));
    }
  });

  it('loses nothing: a field changed on one side only ends with that side’s value, unless it conflicts', () => {
    const lost: string[] = [];
    for (const { seed, baseFiche, base, local, head } of CASES) {
      const result = mergeFiche(base, local, head);
      const [b, l, h, merged] = [flatten(baseFiche.data), flatten(local.data), flatten(head.data), flatten(result.data)];
      for (const path of new Set([...b.keys(), ...l.keys(), ...h.keys()])) {
        const [bv, lv, hv] = [b.get(path), l.get(path), h.get(path)];
        const oneSide = lv !== bv && hv === bv ? lv : hv !== bv && lv === bv ? hv : bv;
        if (oneSide !== bv && merged.get(path) !== oneSide && !covered(path, result.conflicts)) lost.push(`seed ${seed}: ${path}`);
      }
      const deletedOnOneSide = local.deleted !== head.deleted;
      const expected = local.deleted !== baseFiche.deleted ? local.deleted : head.deleted;
      if (deletedOnOneSide && result.notice === null && result.deleted !== expected) lost.push(`seed ${seed}: deleted`);
    }
    expect(lost).toEqual([]);
  });

  it('invents nothing: every merged field holds the local or the head value', () => {
    const invented: string[] = [];
    for (const { seed, base, local, head } of CASES) {
      const [l, h] = [flatten(local.data), flatten(head.data)];
      for (const [path, value] of flatten(mergeFiche(base, local, head).data)) {
        if (value !== l.get(path) && value !== h.get(path)) invented.push(`seed ${seed}: ${path}`);
      }
    }
    expect(invented).toEqual([]);
  });

  it('agrees with itself once resolved: every conflict to the head = every conflict to this device, sides swapped', () => {
    for (const { seed, base, local, head } of CASES) {
      const [ab, ba] = [mergeFiche(base, local, head), mergeFiche(base, head, local)];
      const toHead = resolveConflicts(ab, every(ab, 'head'));
      const toLocal = resolveConflicts(ba, every(ba, 'local'));
      expect(normalized(toHead.data), `seed ${seed}`).toEqual(normalized(toLocal.data));
      expect(toHead.deleted, `seed ${seed}`).toBe(toLocal.deleted);
    }
  });

  it('meets every rule in these random cases (the properties above are not vacuous)', () => {
    const results = CASES.map(({ base, local, head }) => mergeFiche(base, local, head));
    const paths = results.flatMap((r) => r.conflicts.map((c) => c.path));
    expect(CASES.filter((c) => c.base === null).length).toBeGreaterThan(50);
    expect(paths.filter((p) => /^data\.fleets\.[^.]+$/.test(p)).length).toBeGreaterThan(10);
    expect(paths.filter((p) => /^data\.fleets\.[^.]+\.\w+$/.test(p)).length).toBeGreaterThan(10);
    expect(paths.filter((p) => /^data\.photos\.[^.]+$/.test(p)).length).toBeGreaterThan(10);
    expect(paths.filter((p) => /^data\.photos\.[^.]+\.\w+$/.test(p)).length).toBeGreaterThan(10);
    expect(paths.filter((p) => p.startsWith('data.computer.') || p.startsWith('data.internet.')).length).toBeGreaterThan(10);
    expect(results.filter((r) => r.notice === 'deleted-here-kept-by-edit-there').length).toBeGreaterThan(10);
    expect(results.filter((r) => r.notice === 'deleted-there-kept-by-edit-here').length).toBeGreaterThan(10);
    expect(results.filter((r) => r.conflicts.length === 0).length).toBeGreaterThan(50);
  });
});
