// Pilotage on the device: a screen showing the priority list gets it again after every change of the gaps while it is
// open, also when another screen that showed it has just closed (one replaces the other), and no longer once all close.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inThreadGapsClient } from '../../src/state/gaps-client';
import { applyReferential, gapSummary, recomputeGaps, useGapsClient } from '../../src/state/gaps';
import { priorityList, usePilotage } from '../../src/state/pilotage';
import { referential } from '../../src/state/referential';
import { campaignFiches } from '../../src/state/audits';
import { schools } from '../../src/state/directory';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { makeClassroomFiche } from '../../src/model/make';
import { socleClassroom } from '../gaps/fixtures';

const CAPUCINS = '0139664J'; // REP+
const SAINTE_MARGUERITE = '0134939Y';
const noDisplay = (uai: string) => makeClassroomFiche({ uai, data: { ...socleClassroom({ label: 'CP' }), display: { type: 'none' } } });

/** The référentiel with REP+ worth `points` (Les Capucins is REP+). */
async function weighRepPlus(points: number) {
  referential.value = { ...REFERENTIAL_V1, version: `2026.1-local.${points}`, priorityWeights: { ...REFERENTIAL_V1.priorityWeights, repPlus: points } };
  await applyReferential();
}

/** Les Capucins' score in the list the page holds, once the requests under way are answered. */
const capucins = async () => {
  await new Promise((resolve) => setTimeout(resolve, 20));
  return priorityList.value?.rows.find((r) => r.uai === CAPUCINS)?.score;
};

beforeEach(async () => {
  useGapsClient(inThreadGapsClient());
  schools.value = [...DEMO_SCHOOLS];
  campaignFiches.value = new Map([noDisplay(CAPUCINS), noDisplay(SAINTE_MARGUERITE)].map((f) => [f.id, f]));
  referential.value = REFERENTIAL_V1;
  await recomputeGaps(new Date('2026-11-28'));
});
afterEach(() => {
  gapSummary.value = null;
  priorityList.value = null;
  referential.value = REFERENTIAL_V1;
});

describe('usePilotage', () => {
  it('keeps the list up to date while one of the screens showing it is open, and stops when none is', async () => {
    const closeDepartement = usePilotage('priorities', 'articles');
    const scored = (await capucins()) as number;
    expect(scored).toBeGreaterThan(40);
    const closePriorities = usePilotage('priorities'); // the Priorités screen opens before the Département one is gone
    expect(await capucins()).toBe(scored); // its own first request answered
    closeDepartement();
    await weighRepPlus(0);
    expect(await capucins()).toBe(Math.round((scored - 40) * 10) / 10);
    closePriorities();
    await weighRepPlus(40);
    expect(await capucins()).toBe(Math.round((scored - 40) * 10) / 10); // nothing shows it: not asked again
  });
});
