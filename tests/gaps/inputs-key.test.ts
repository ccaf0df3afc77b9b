// The fingerprint under which the page keeps the last summary: the same inputs, in any order and however they came
// to the engine, give the same key; any change of what the gaps are computed from gives another.
import { describe, expect, it } from 'vitest';
import { GapEngine, type GapSnapshot } from '../../src/gaps/gap-engine';
import { inputsKeyOf } from '../../src/gaps/inputs-key';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import type { Fiche } from '../../src/model/types';
import { CURRENT_YEAR, withParams } from './fixtures';

const UAI = DEMO_SCHOOLS[0]!.uai;
const fiches: Fiche[] = [
  makeSchoolFiche({ id: 'ecole', uai: UAI }),
  makeClassroomFiche({ id: 'c1', uai: UAI, data: { label: 'CP' } }),
  makeClassroomFiche({ id: 'c2', uai: UAI, data: { label: 'CE1' } }),
];
const snapshot = (list: readonly Fiche[]): GapSnapshot => ({ referential: REFERENTIAL_V1, directory: DEMO_SCHOOLS, fiches: list, currentYear: CURRENT_YEAR });
const revised = (fiche: Fiche, patch: Partial<Fiche> = {}): Fiche => ({ ...fiche, rev: fiche.rev + 1, updatedAt: '2026-11-30T10:00:00.000Z', ...patch }) as Fiche;

describe('the inputs key', () => {
  it('is the same for the same fiches in any order', () => {
    expect(inputsKeyOf(snapshot([...fiches].reverse()))).toBe(inputsKeyOf(snapshot(fiches)));
  });

  it('of an engine brought up to date by revisions is the key of a fresh load of the same fiches', () => {
    const engine = new GapEngine(snapshot(fiches));
    const changes = [revised(fiches[1]!), revised(fiches[2]!, { deleted: true }), makeClassroomFiche({ id: 'c3', uai: UAI })];
    engine.apply(changes);
    const latest = new Map([...fiches, ...changes].map((f) => [f.id, f]));
    expect(engine.inputsKey()).toBe(inputsKeyOf(snapshot([...latest.values()])));
    expect(engine.inputsKey()).not.toBe(inputsKeyOf(snapshot(fiches)));
  });

  it('follows the référentiel of the engine', () => {
    const engine = new GapEngine(snapshot(fiches));
    const referential = withParams({ classesPerGroup: 5 });
    engine.setReferential(referential);
    expect(engine.inputsKey()).toBe(inputsKeyOf({ ...snapshot(fiches), referential }));
  });

  it.each<[string, Partial<GapSnapshot>]>([
    ['a revision of a fiche', { fiches: [fiches[0]!, revised(fiches[1]!), fiches[2]!] }],
    ['a deleted classroom', { fiches: [fiches[0]!, fiches[1]!, { ...fiches[2]!, deleted: true }] }],
    ['a fiche fewer', { fiches: fiches.slice(1) }],
    ['a parameter of the référentiel', { referential: withParams({ minRamGb: 4 }) }],
    ['a school of the directory', { directory: DEMO_SCHOOLS.map((s, i) => (i === 3 ? { ...s, classes: (s.classes ?? 0) + 1 } : s)) }],
    ['a closed school', { directory: DEMO_SCHOOLS.map((s, i) => (i === 3 ? { ...s, open: false } : s)) }],
    ['the year', { currentYear: CURRENT_YEAR + 1 }],
  ])('changes with %s', (_what, change) => {
    expect(inputsKeyOf({ ...snapshot(fiches), ...change })).not.toBe(inputsKeyOf(snapshot(fiches)));
  });
});
