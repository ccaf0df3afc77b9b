// The campaign's gaps on this device, computed in the gaps worker and kept up to date edit by edit. The page holds
// the département's figures and a summary per school; the open school's rules, needs and classrooms are asked for
// when its screen opens, and again whenever they may have changed. At start-up the summary kept from the last run is
// shown while the worker computes, if nothing it came from has changed (saved-gaps.ts).
import { importChunk } from './chunks';
import { signal } from '@preact/signals';
import type { GapsClient } from './gaps-client';
import type { GapSnapshot } from '../gaps/gap-engine';
import { mergeSummary } from '../gaps/summary';
import type { ClassroomGap, GapSummary, SchoolGaps } from '../gaps/types';
import type { ClassroomData } from '../model/types';
import { campaignFiches, onRevision } from './audits';
import { schools } from './directory';
import { referential } from './referential';

export const gapSummary = signal<GapSummary | null>(null);
/** The gaps of the school whose screen was opened last, null until they come. */
export const schoolGaps = signal<SchoolGaps | null>(null);

/** A User Timing mark of a computation: its time in the engine and its round trip (bench/gaps.ts reads them). */
export function markGaps(name: string, computeMs: number, start: number): void {
  if (typeof performance.mark === 'function') performance.mark(name, { detail: { computeMs, roundTripMs: performance.now() - start } });
}

let client: Promise<GapsClient> | undefined;
// Loaded after the first screen: the engine's client (and Comlink) and the kept summary are not needed to show the
// schools.
const gaps = () => (client ??= importChunk(() => import('./gaps-client')).then((m) => m.startGapsClient()));
const saved = () => importChunk(() => import('./saved-gaps'));

/** Lets tests and the browser without Worker choose the engine's thread. */
export function useGapsClient(chosen: GapsClient): void {
  client = Promise.resolve(chosen);
}

/** The school whose gaps are kept: the one shown last (a classroom's form comes back to it). */
let shownUai: string | null = null;
/** The worker holds the campaign: it can answer for a school. */
let engineLoaded = false;

async function refreshSchoolGaps(): Promise<void> {
  const uai = shownUai;
  if (uai === null || !engineLoaded) return; // asked for again once the campaign is loaded
  const detail = await (await gaps()).schoolGaps(uai);
  if (detail && detail.uai === shownUai) schoolGaps.value = detail;
}

/** Called when a school's screen opens: its gaps are asked for now and kept up to date while it is the last shown. */
export function showSchoolGaps(uai: string): void {
  if (shownUai !== uai) schoolGaps.value = null;
  shownUai = uai;
  void refreshSchoolGaps();
}

/** The gaps of `uai`, if they are the ones held. */
export function schoolGapsOf(uai: string): SchoolGaps | null {
  const held = schoolGaps.value;
  return held?.uai === uai ? held : null;
}

/** Each computation of everything is numbered: a saved summary is shown only if none came since it was asked for. */
let loads = 0;
/** Resolved once a first load is posted: a preview asked for before it waits (the engine answers in order). */
let firstLoadPosted: () => void = () => undefined;
const loadPosted = new Promise<void>((resolve) => (firstLoadPosted = resolve));
let shownFor = 0;

/** The summary kept from the last run, shown if it was computed from these very inputs. */
async function showSaved(snapshot: GapSnapshot, load: number, start: number): Promise<void> {
  const summary = await (await saved()).savedSummaryFor(snapshot);
  if (!summary || shownFor >= load) return;
  shownFor = load;
  gapSummary.value = summary;
  markGaps('tne:gaps-first', 0, start);
}

/** Computes everything again: after start-up, a change of campaign or of référentiel. */
export async function recomputeGaps(now: Date = new Date()): Promise<void> {
  const start = performance.now();
  const load = ++loads;
  const snapshot: GapSnapshot = {
    referential: referential.value,
    directory: schools.value,
    fiches: [...campaignFiches.value.values()],
    currentYear: now.getFullYear(),
  };
  const engine = gaps(); // fetched meanwhile
  // Before the snapshot is posted: cloning every fiche holds the page's thread for a while.
  await showSaved(snapshot, load, start);
  const loading = (await engine).load(snapshot);
  firstLoadPosted();
  const summary = await loading;
  if (!summary) return;
  engineLoaded = true;
  gapSummary.value = summary;
  markGaps('tne:gaps-load', summary.computeMs, start);
  if (shownFor < load) markGaps('tne:gaps-first', summary.computeMs, start);
  shownFor = load;
  void saved().then((s) => s.keepSummary(summary));
  await refreshSchoolGaps();
}

/** Keeps the summary in step with every revision saved from now on, and the shown school's gaps if it is touched. */
export function followRevisions(): () => void {
  return onRevision((fiches) => {
    const start = performance.now();
    // Before the first load, the load's snapshot holds them already; applied again after it, they change nothing.
    void loadPosted
      .then(gaps)
      .then((g) => g.apply([...fiches]))
      .then((delta) => {
        if (!delta || !gapSummary.value) return;
        gapSummary.value = mergeSummary(gapSummary.value, delta);
        markGaps('tne:gaps-apply', delta.computeMs, start);
        const kept = gapSummary.value;
        void saved().then((s) => s.keepSummary(kept, 'after-edits'));
        if (shownUai !== null && shownUai in delta.schools) return refreshSchoolGaps();
      })
      .catch((error: unknown) => console.error('gaps not updated after a revision', error));
  });
}

/** The gap of a classroom as its form holds it now; undefined when a later preview already answered. */
export function previewClassroom(fiche: { id: string; uai: string; data: ClassroomData }): Promise<ClassroomGap | undefined> {
  const copy = structuredClone(fiche);
  return loadPosted.then(gaps).then((g) => g.preview(copy));
}

/** Runs a request against the engine once the campaign is posted to it (the engine answers in order). */
export function askGaps<T>(task: (client: GapsClient) => Promise<T>): Promise<T> {
  return loadPosted.then(gaps).then(task);
}

/** After the référentiel changed: every result computed again with it. */
export async function applyReferential(): Promise<void> {
  if (loads === 0) return; // nothing computed yet: the first load reads the référentiel as it is then
  const start = performance.now();
  const delta = await (await gaps()).setReferential(referential.value);
  if (!delta) return;
  // The load posted before this answered before it: the summary is there to merge into.
  if (!gapSummary.value) return recomputeGaps();
  const summary = (gapSummary.value = mergeSummary(gapSummary.value, delta));
  markGaps('tne:gaps-referential', delta.computeMs, start);
  void saved().then((s) => s.keepSummary(summary));
  await refreshSchoolGaps();
}
