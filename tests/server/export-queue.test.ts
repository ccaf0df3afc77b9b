// The export queue (server/src/export-queue.ts) with a builder the test answers by hand: one build at a time, who
// joins whom, when it refuses, what it keeps.
import { describe, expect, it } from 'vitest';
import { EXPORT_CACHE_MAX_FILES, EXPORT_QUEUE_MAX_JOBS, ExportQueue, ExportQueueFull, exportEtag, exportKind } from '../../server/src/export-queue';
import type { BuiltExport, ExportJob } from '../../server/src/export-source';
import { REFERENTIAL_V1 } from '../../src/model/referential';

const AT = '2026-11-28T17:38:00.000Z';
const makeJob = (patch: Partial<ExportJob> = {}): ExportJob => ({ campaign: '2026-2027', format: 'xlsx', sheet: undefined, exportedAt: AT, referential: REFERENTIAL_V1, ...patch });

/** A builder whose builds wait until the test finishes them, each with the data version it "read". */
function makeBuilder() {
  const builds: Array<{ job: ExportJob; finish(version: string): void; fail(error: Error): void }> = [];
  const build = (job: ExportJob) =>
    new Promise<BuiltExport>((resolve, reject) => {
      builds.push({
        job,
        finish: (version) => resolve({ version, readMs: 1, buildMs: 1, file: { fileName: `${version}.xlsx`, mime: 'x', bytes: new TextEncoder().encode(version) } }),
        fail: reject,
      });
    });
  return { builds, queue: new ExportQueue(build) };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('the export queue', () => {
  it('answers the kept file while the data version holds, and builds again once it changes', async () => {
    const { builds, queue } = makeBuilder();
    const first = queue.answer(makeJob(), 'v1');
    builds[0]?.finish('v1');
    const ready = await first;
    expect(ready.etag).toBe(exportEtag(exportKind(makeJob()), 'v1', new Date(AT)));

    expect(await queue.answer(makeJob(), 'v1')).toBe(ready);
    expect(queue.keptFile(exportKind(makeJob()), ready.etag)).toBe(ready);
    expect(builds).toHaveLength(1);

    const changed = queue.answer(makeJob(), 'v2');
    expect(builds).toHaveLength(2);
    builds[1]?.finish('v2');
    expect((await changed).etag).not.toBe(ready.etag);
  });

  it('tags the file with the version its build read, which may be later than the one asked at', async () => {
    const { builds, queue } = makeBuilder();
    const answer = queue.answer(makeJob(), 'v1');
    builds[0]?.finish('v2'); // a push arrived between the request and the worker's read
    expect((await answer).etag).toBe(exportEtag(exportKind(makeJob()), 'v2', new Date(AT)));
  });

  it('joins a request to a waiting job of its kind, and to the running one only when asked at the same data version', async () => {
    const { builds, queue } = makeBuilder();
    const running = queue.answer(makeJob(), 'v1');
    const sameVersion = queue.answer(makeJob(), 'v1');
    const later = queue.answer(makeJob(), 'v2'); // the running job may have read before v2: it waits
    const laterStill = queue.answer(makeJob(), 'v3'); // joins the waiting one, which will read after it
    expect(builds).toHaveLength(1);

    builds[0]?.finish('v1');
    expect(await sameVersion).toBe(await running);
    await settled();
    expect(builds).toHaveLength(2);
    builds[1]?.finish('v3');
    expect(await laterStill).toBe(await later);
  });

  it(`refuses a job past ${EXPORT_QUEUE_MAX_JOBS} waiting with the seconds to wait, and takes one again once there is room`, async () => {
    const { builds, queue } = makeBuilder();
    const sheets = ['ecoles', 'classes', 'besoins'] as const;
    const accepted = [queue.answer(makeJob(), 'v1'), ...sheets.slice(0, EXPORT_QUEUE_MAX_JOBS).map((sheet) => queue.answer(makeJob({ format: 'csv', sheet }), 'v1'))];
    let refused: unknown;
    try {
      await queue.answer(makeJob({ format: 'csv', sheet: 'synthese' }), 'v1');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ExportQueueFull);
    expect((refused as ExportQueueFull).retryAfterS).toBeGreaterThanOrEqual(1);

    builds[0]?.finish('v1');
    await accepted[0];
    const roomAgain = queue.answer(makeJob({ format: 'csv', sheet: 'synthese' }), 'v1');
    for (let i = 1; i < builds.length; i += 1) {
      builds[i]?.finish('v1');
      await settled();
    }
    await expect(roomAgain).resolves.toMatchObject({ file: { fileName: 'v1.xlsx' } });
    expect(builds.map((b) => b.job.sheet)).toEqual([undefined, ...sheets.slice(0, EXPORT_QUEUE_MAX_JOBS), 'synthese']);
    await Promise.all(accepted);
  });

  it('rejects every request joined to a failed build, then runs the next job', async () => {
    const { builds, queue } = makeBuilder();
    const a = queue.answer(makeJob(), 'v1');
    const b = queue.answer(makeJob(), 'v1');
    const next = queue.answer(makeJob({ format: 'csv', sheet: 'ecoles' }), 'v1');
    builds[0]?.fail(new Error('disque illisible'));
    await expect(a).rejects.toThrow('disque illisible');
    await expect(b).rejects.toThrow('disque illisible');
    await settled();
    builds[1]?.finish('v1');
    await expect(next).resolves.toBeDefined();
  });

  it(`keeps the last file of at most ${EXPORT_CACHE_MAX_FILES} kinds, the least recently used dropped first`, async () => {
    const { builds, queue } = makeBuilder();
    const campaigns = Array.from({ length: EXPORT_CACHE_MAX_FILES + 1 }, (_, i) => `${2000 + i}-${2001 + i}`);
    const etags: string[] = [];
    for (const campaign of campaigns) {
      const answer = queue.answer(makeJob({ campaign }), 'v1');
      builds.at(-1)?.finish('v1');
      etags.push((await answer).etag);
      if (campaign === campaigns[1]) expect(queue.keptFile(exportKind(makeJob({ campaign: campaigns[0] })), etags[0] as string)).toBeDefined();
    }
    // The first was used again after the second was kept: the second is the one dropped.
    expect(queue.keptFile(exportKind(makeJob({ campaign: campaigns[1] })), etags[1] as string)).toBeUndefined();
    expect(queue.keptFile(exportKind(makeJob({ campaign: campaigns[0] })), etags[0] as string)).toBeDefined();
  });

  it('refuses the waiting jobs when closed', async () => {
    const { queue } = makeBuilder();
    void queue.answer(makeJob(), 'v1').catch(() => {});
    const waiting = queue.answer(makeJob({ format: 'csv', sheet: 'ecoles' }), 'v1');
    queue.close(new Error('arrêt'));
    await expect(waiting).rejects.toThrow('arrêt');
  });
});
