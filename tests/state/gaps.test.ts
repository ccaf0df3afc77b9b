import { beforeEach, describe, expect, it } from 'vitest';
import { clear } from 'idb-keyval';
import { inThreadGapsClient, mainThreadGaps } from '../../src/state/gaps-client';
import { applyReferential, followRevisions, gapSummary, previewClassroom, recomputeGaps, schoolGapsOf, showSchoolGaps, useGapsClient } from '../../src/state/gaps';
import { referential } from '../../src/state/referential';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import type { GapSummary } from '../../src/gaps/types';
import { withParams } from '../gaps/fixtures';
import { getSavedSummary } from '../../src/storage/saved-summary';
import { campaignFiches } from '../../src/state/audits';
import { campaign } from '../../src/state/session';
import { saveRevision } from '../../src/storage/fiches';
import { schools } from '../../src/state/directory';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import { makeClassroomData, makeClassroomFiche } from '../../src/model/make';
import type { ClassroomData, ClassroomFiche, Fiche } from '../../src/model/types';
import { freshDeviceDb } from '../support/db';

const UAI = DEMO_SCHOOLS[3]!.uai;

beforeEach(async () => {
  await clear();
  useGapsClient(inThreadGapsClient());
  schools.value = [...DEMO_SCHOOLS];
  campaignFiches.value = new Map();
  gapSummary.value = null;
});

const until = async (check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 100 && !(await check()); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(await check()).toBe(true);
};

/** Saves a new classroom fiche of UAI on a device database, as a form does: the store announces it. */
const saveClassroom = (data: ClassroomData): Promise<Fiche> =>
  saveRevision(freshDeviceDb(), { id: crypto.randomUUID(), kind: 'classroom', uai: UAI, campaign: campaign.value, data, author: { name: 'Camille Martin', role: 'erun' } });

describe('the campaign’s gap report', () => {
  it('covers every school of the directory once computed', async () => {
    await recomputeGaps(new Date('2026-11-28'));
    expect(gapSummary.value?.departement.total.schools).toBe(DEMO_SCHOOLS.length);
    expect(gapSummary.value?.departement.total.classesAudited).toBe(0);
  });

  it('follows each revision saved on the device', async () => {
    await recomputeGaps(new Date('2026-11-28'));
    const stop = followRevisions();
    await saveClassroom(makeClassroomData({ label: 'CM2', display: { type: 'none' } }));
    await until(() => gapSummary.value?.departement.total.classesAudited === 1);
    expect(gapSummary.value?.schools[UAI]?.classroomsFailing).toBe(1);
    stop();
  });

  it('previews a form as it is typed', async () => {
    await recomputeGaps(new Date('2026-11-28'));
    const gap = await previewClassroom({ id: 'x', uai: UAI, data: makeClassroomData({ network: { access: 'none' } }) });
    expect(gap?.rules.find((r) => r.rule === 'C04')?.outcome).toBe('fails');
  });
});

describe('a change of référentiel', () => {
  const withoutTime = ({ computeMs: _computeMs, ...rest }: GapSummary) => rest;
  const display = (uai: string, year: number) =>
    makeClassroomFiche({ uai, data: { label: `VPI ${year}`, display: { type: 'vpi', condition: 'working', year }, network: { access: 'wired' } } });

  it.each([
    ['a class parameter (displayMaxAgeYears, read by C01)', { displayMaxAgeYears: 9 }],
    ['a school parameter (classesPerGroup)', { classesPerGroup: 5 }],
  ])('of %s leaves the page with what a fresh computation gives', async (_what, params) => {
    const fiches = [display(UAI, 2017), display(UAI, 2010), display(DEMO_SCHOOLS[4]!.uai, 2022)];
    campaignFiches.value = new Map(fiches.map((f) => [f.id, f]));
    await recomputeGaps(new Date('2026-11-28'));
    referential.value = { ...withParams(params), version: '2026.1-local.1' };
    await applyReferential();
    const merged = gapSummary.value as GapSummary;
    expect(merged.referentialVersion).toBe('2026.1-local.1');
    await recomputeGaps(new Date('2026-11-28'));
    expect(withoutTime(merged)).toEqual(withoutTime(gapSummary.value as GapSummary));
    referential.value = REFERENTIAL_V1;
  });
});

describe('the open school’s gaps', () => {
  it('are asked for when its screen opens, and again after a revision of that school', async () => {
    await recomputeGaps(new Date('2026-11-28'));
    const stop = followRevisions();
    showSchoolGaps(UAI);
    await until(() => schoolGapsOf(UAI) !== null);
    expect(schoolGapsOf(UAI)?.school.classrooms).toBe(0);
    const fiche = await saveClassroom(makeClassroomData({ label: 'CM2', display: { type: 'none' } }));
    await until(() => schoolGapsOf(UAI)?.classrooms[fiche.id] !== undefined);
    expect(schoolGapsOf(UAI)?.classrooms[fiche.id]?.meetsSocle).toBe(false);
    expect(schoolGapsOf(UAI)?.school.classroomsFailing).toBe(1);
    stop();
  });

  it('are never taken for another school’s', async () => {
    const other = DEMO_SCHOOLS[4]!.uai;
    await recomputeGaps(new Date('2026-11-28'));
    showSchoolGaps(UAI);
    await until(() => schoolGapsOf(UAI) !== null);
    showSchoolGaps(other);
    expect(schoolGapsOf(other)).toBeNull();
    await until(() => schoolGapsOf(other) !== null);
    expect(schoolGapsOf(UAI)).toBeNull();
  });
});

describe('the summary kept from the last run', () => {
  let fiche: ClassroomFiche;

  /** A first run that computes and keeps its summary; then a client whose loads wait until released. */
  async function afterFirstRun(): Promise<() => void> {
    fiche = makeClassroomFiche({ uai: UAI, data: { label: 'CP', display: { type: 'none' } } });
    campaignFiches.value = new Map([[fiche.id, fiche]]);
    await recomputeGaps(new Date('2026-11-28'));
    await until(async () => (await getSavedSummary()) !== undefined);
    gapSummary.value = null;
    const api = await mainThreadGaps();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    useGapsClient(inThreadGapsClient(async () => ({ ...api, load: async (seq, snapshot) => gate.then(() => api.load(seq, snapshot)) })));
    return release;
  }

  it('is shown at once, before the worker has computed, when nothing it came from has changed', async () => {
    const release = await afterFirstRun();
    const next = recomputeGaps(new Date('2026-11-28'));
    await until(() => gapSummary.value !== null);
    expect(gapSummary.value?.departement.total.classesToEquip).toBe(1);
    release();
    await next;
    expect(gapSummary.value?.departement.total.classesToEquip).toBe(1);
  });

  it('is not shown once a fiche has changed: the figures wait for the worker', async () => {
    const release = await afterFirstRun();
    const edited = { ...fiche, rev: fiche.rev + 1, data: { ...fiche.data, display: { ...fiche.data.display, type: 'tv' as const } } };
    campaignFiches.value = new Map([[fiche.id, edited]]);
    const next = recomputeGaps(new Date('2026-11-28'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gapSummary.value).toBeNull();
    release();
    await next;
    expect(gapSummary.value?.departement.total.classesToEquip).toBe(1);
  });
});
