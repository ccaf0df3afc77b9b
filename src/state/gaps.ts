// The gap report of the campaign on this device, computed in the gaps worker and kept up to date edit by edit.
import { signal } from '@preact/signals';
import type { GapsClient } from '../gaps/gaps-client';
import { mergeDelta } from '../gaps/merge-delta';
import type { ClassroomGap, GapReport } from '../gaps/types';
import type { ClassroomData } from '../model/types';
import { campaignFiches, onRevision } from './audits';
import { schools } from './directory';
import { referential } from './referential';

export const gapReport = signal<GapReport | null>(null);

/** A User Timing mark of a computation: its time in the engine and its round trip (bench/gaps.ts reads them). */
function markGaps(name: string, computeMs: number, start: number): void {
  if (typeof performance.mark === 'function') performance.mark(name, { detail: { computeMs, roundTripMs: performance.now() - start } });
}

let client: Promise<GapsClient> | undefined;
// Loaded after the first screen: the engine's client (and Comlink) are not needed to show the schools.
const gaps = () => (client ??= import('../gaps/gaps-client').then((m) => m.startGapsClient()));

/** Lets tests and the browser without Worker choose the engine's thread. */
export function useGapsClient(chosen: GapsClient): void {
  client = Promise.resolve(chosen);
}

/** Computes everything again: after start-up, a change of campaign or of référentiel. */
export async function recomputeGaps(now: Date = new Date()): Promise<void> {
  const start = performance.now();
  const report = await (await gaps()).load({
    referential: referential.value,
    directory: schools.value,
    fiches: [...campaignFiches.value.values()],
    currentYear: now.getFullYear(),
  });
  if (!report) return;
  gapReport.value = report;
  markGaps('tne:gaps-load', report.computeMs, start);
}

/** Keeps the report in step with every revision saved from now on. */
export function followRevisions(): () => void {
  return onRevision((fiches) => {
    const start = performance.now();
    void gaps()
      .then((g) => g.apply([...fiches]))
      .then((delta) => {
        if (!delta || !gapReport.value) return;
        gapReport.value = mergeDelta(gapReport.value, delta);
        markGaps('tne:gaps-apply', delta.computeMs, start);
      });
  });
}

/** The gap of a classroom as its form holds it now; undefined when a later preview already answered. */
export function previewClassroom(fiche: { id: string; uai: string; data: ClassroomData }): Promise<ClassroomGap | undefined> {
  return gaps().then((g) => g.preview(structuredClone(fiche)));
}

/** After the référentiel changed: every result computed again with it. */
export async function applyReferential(): Promise<void> {
  const start = performance.now();
  const report = await (await gaps()).setReferential(referential.value);
  if (!report) return;
  gapReport.value = report;
  markGaps('tne:gaps-referential', report.computeMs, start);
}
