import { beforeEach, describe, expect, it } from 'vitest';
import { GapsClient, mainThreadGaps } from '../../src/gaps/gaps-client';
import { followRevisions, gapReport, previewClassroom, recomputeGaps, useGapsClient } from '../../src/state/gaps';
import { campaignFiches } from '../../src/state/audits';
import { campaign } from '../../src/state/session';
import { saveRevision } from '../../src/storage/fiches';
import { schools } from '../../src/state/directory';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import { makeClassroomData } from '../../src/model/make';
import { freshDeviceDb } from '../support/db';

const UAI = DEMO_SCHOOLS[3]!.uai;

beforeEach(() => {
  useGapsClient(new GapsClient(mainThreadGaps));
  schools.value = [...DEMO_SCHOOLS];
  campaignFiches.value = new Map();
  gapReport.value = null;
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

describe('the campaign’s gap report', () => {
  it('covers every school of the directory once computed', async () => {
    await recomputeGaps(new Date('2026-11-28'));
    expect(gapReport.value?.departement.total.schools).toBe(DEMO_SCHOOLS.length);
    expect(gapReport.value?.departement.total.classesAudited).toBe(0);
  });

  it('follows each revision saved on the device', async () => {
    await recomputeGaps(new Date('2026-11-28'));
    const stop = followRevisions();
    const data = makeClassroomData({ label: 'CM2', display: { type: 'none' } });
    await saveRevision(freshDeviceDb(), { id: crypto.randomUUID(), kind: 'classroom', uai: UAI, campaign: campaign.value, data, author: { name: 'Camille Martin', role: 'erun' } });
    await until(() => gapReport.value?.departement.total.classesAudited === 1);
    expect(gapReport.value?.schools[UAI]?.classroomsFailing).toBe(1);
    stop();
  });

  it('previews a form as it is typed', async () => {
    await recomputeGaps(new Date('2026-11-28'));
    const gap = await previewClassroom({ id: 'x', uai: UAI, data: makeClassroomData({ network: { access: 'none' } }) });
    expect(gap?.rules.find((r) => r.rule === 'C04')?.outcome).toBe('fails');
  });
});
