import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { expose, wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter';
import { createGapsApi } from '../../src/gaps/gaps-api';
import { GapsClient, inThreadGapsClient, mainThreadGaps, type GapsRemote } from '../../src/state/gaps-client';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { makeClassroomFiche } from '../../src/model/make';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import type { GapSnapshot } from '../../src/gaps/gap-engine';

const UAI = DEMO_SCHOOLS[0]!.uai;
const withoutDisplay = makeClassroomFiche({ uai: UAI, data: { label: 'CP', display: { type: 'none' }, network: { access: 'wifi' } } });
const snapshot: GapSnapshot = { referential: REFERENTIAL_V1, directory: DEMO_SCHOOLS, fiches: [withoutDisplay], currentYear: 2026 };

const ports: MessagePort[] = [];
afterEach(() => ports.splice(0).forEach((port) => port.close()));

/** The worker's side and the page's side of a real Comlink connection, over a Node MessageChannel. */
function overMessageChannel(): GapsClient {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  expose(createGapsApi(), nodeEndpoint(port1));
  const remote = wrap<GapsRemote>(nodeEndpoint(port2)) as unknown as GapsRemote;
  return new GapsClient((task) => task(remote));
}

describe.each([
  ['through Comlink over a MessageChannel', overMessageChannel],
  ['on the main thread (no Worker)', () => inThreadGapsClient()],
])('the gaps client %s', (_how, makeClient) => {
  it('loads a campaign and reports the C01 gap of a classroom without display', async () => {
    const client = makeClient();
    const report = await client.load(snapshot);
    expect(report?.referentialVersion).toBe('2026.1');
    const gap = (await client.schoolGaps(UAI))?.classrooms[withoutDisplay.id];
    expect(gap?.rules.find((r) => r.rule === 'C01')?.outcome).toBe('fails');
    expect(report?.schools[UAI]?.classrooms).toBe(1);
    expect(report?.departement.total.classesAudited).toBe(1);
    expect(report?.computeMs).toBeGreaterThanOrEqual(0);
  });

  it('recomputes only the classroom edited and its school', async () => {
    const client = makeClient();
    await client.load(snapshot);
    const edited = { ...withoutDisplay, rev: 2, data: { ...withoutDisplay.data, display: { type: 'eni' as const, condition: 'working' as const, year: 2024, sizeInches: 65 } } };
    const delta = await client.apply([edited]);
    expect(Object.keys(delta?.schools ?? {})).toEqual([UAI]);
    expect((await client.schoolGaps(UAI))?.classrooms[edited.id]?.rules.find((r) => r.rule === 'C01')?.outcome).toBe('holds');
  });

  it('sends the page summaries only: no classroom’s gap, no rules nor needs, in a load or an edit', async () => {
    const client = makeClient();
    const summary = await client.load(snapshot);
    expect(Object.keys(summary ?? {}).sort()).toEqual(['computeMs', 'departement', 'inputsKey', 'referentialVersion', 'schools']);
    expect(Object.keys(summary?.schools ?? {})).toEqual([UAI]); // the only school with fiches
    const delta = await client.apply([{ ...withoutDisplay, rev: 2 }]);
    for (const school of [summary?.schools[UAI], delta?.schools[UAI]]) {
      expect(school).toMatchObject({ uai: UAI, classrooms: 1, classroomsFailing: 1 });
      expect(school).not.toHaveProperty('rules');
      expect(school).not.toHaveProperty('needs');
    }
  });

  it('gives one school in full when asked: its rules, needs and each classroom’s gap', async () => {
    const client = makeClient();
    await client.load(snapshot);
    const gaps = await client.schoolGaps(UAI);
    expect(gaps?.school.rules.map((r) => r.rule)).toContain('E01');
    expect(Object.keys(gaps?.classrooms ?? {})).toEqual([withoutDisplay.id]);
    expect(gaps?.classrooms[withoutDisplay.id]?.needs.map((n) => n.item)).toContain('display');
  });

  it('sends after a change of référentiel only the schools computed again, with the département’s figures', async () => {
    const client = makeClient();
    await client.load(snapshot);
    const targets = await client.setReferential({ ...REFERENTIAL_V1, version: 'cibles', targets: { classes: 3000, newTeachers: 900 } });
    expect(targets?.schools).toEqual({});
    expect(targets?.departement.targets).toEqual({ classes: 3000, newTeachers: 900 });
    expect(targets?.referentialVersion).toBe('cibles');
    // A longer life for displays: the classroom without one is not concerned, no school to send.
    const older = await client.setReferential({ ...REFERENTIAL_V1, version: 'âge', params: { ...REFERENTIAL_V1.params, displayMaxAgeYears: 12 } });
    expect(older?.schools).toEqual({});
    // The same figures a fresh engine gives with that référentiel.
    const fresh = await makeClient().load({ ...snapshot, referential: { ...REFERENTIAL_V1, version: 'âge', params: { ...REFERENTIAL_V1.params, displayMaxAgeYears: 12 } } });
    expect(older?.departement).toEqual(fresh?.departement);
  });

  it('previews a form without changing the campaign’s figures', async () => {
    const client = makeClient();
    await client.load(snapshot);
    const preview = await client.preview({ id: 'brouillon', uai: UAI, data: { ...withoutDisplay.data, network: { access: 'none', tested: null } } });
    expect(preview?.rules.find((r) => r.rule === 'C04')?.outcome).toBe('fails');
    const after = await client.apply([]);
    expect(after?.departement.total.classesAudited).toBe(1);
  });
});

describe('stale answers', () => {
  it('are dropped when a newer state answer was already taken', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const api = await mainThreadGaps();
    let calls = 0;
    // The first load answers only after the second one: the slow, stale answer must be dropped.
    const client = inThreadGapsClient(async () => ({
      ...api,
      load: async (seq, s) => {
        calls += 1;
        if (calls === 1) await gate;
        return api.load(seq, s);
      },
    }));
    const slow = client.load(snapshot);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const fast = await client.load({ ...snapshot, fiches: [] });
    release();
    expect(fast?.departement.total.classesAudited).toBe(0);
    expect(await slow).toBeUndefined();
  });

  it('are dropped for a school asked for before the one shown now', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const api = await mainThreadGaps();
    const client = inThreadGapsClient(async () => ({
      ...api,
      schoolGaps: async (seq, uai) => {
        if (uai === UAI) await gate;
        return api.schoolGaps(seq, uai);
      },
    }));
    await client.load(snapshot);
    const older = client.schoolGaps(UAI);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const newer = await client.schoolGaps(DEMO_SCHOOLS[1]!.uai);
    release();
    expect(newer?.uai).toBe(DEMO_SCHOOLS[1]!.uai);
    expect(await older).toBeUndefined();
  });

  it('are dropped for a preview of an older keystroke', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const api = await mainThreadGaps();
    const client = inThreadGapsClient(async () => ({
      ...api,
      preview: async (seq, fiche) => {
        if (fiche.id === 'ancien') await gate;
        return api.preview(seq, fiche);
      },
    }));
    await client.load(snapshot);
    const older = client.preview({ id: 'ancien', uai: UAI, data: withoutDisplay.data });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const newer = await client.preview({ id: 'recent', uai: UAI, data: withoutDisplay.data });
    release();
    expect(newer?.id).toBe('recent');
    expect(await older).toBeUndefined();
  });
});
