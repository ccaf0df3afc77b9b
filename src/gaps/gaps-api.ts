// The API the gaps worker exposes (and the main thread runs itself where there is no Worker): plain data in,
// versioned reports out. Each answer carries the `seq` of its request so that the caller can drop a stale one.
import { GapEngine, type GapSnapshot } from './gap-engine';
import type { Referential } from '../model/referential';
import type { ClassroomData, Fiche } from '../model/types';
import type { ClassroomGap, GapDelta, GapReport } from './types';

export interface Sequenced<T> {
  seq: number;
  value: T;
}

export function createGapsApi() {
  let engine: GapEngine | undefined;
  const need = () => {
    if (!engine) throw new Error('gaps: load() first');
    return engine;
  };
  const timed = <T extends { computeMs: number }>(seq: number, compute: () => T): Sequenced<T> => {
    const start = performance.now();
    const value = compute();
    value.computeMs = performance.now() - start;
    return { seq, value };
  };
  return {
    load(seq: number, snapshot: GapSnapshot): Sequenced<GapReport> {
      return timed(seq, () => {
        engine = new GapEngine(snapshot);
        return engine.report(0);
      });
    },
    apply(seq: number, fiches: Fiche[]): Sequenced<GapDelta> {
      return timed(seq, () => need().apply(fiches));
    },
    setReferential(seq: number, referential: Referential): Sequenced<GapReport> {
      return timed(seq, () => need().setReferential(referential));
    },
    preview(seq: number, fiche: { id: string; uai: string; data: ClassroomData }): Sequenced<ClassroomGap> {
      return { seq, value: need().preview(fiche) };
    },
  };
}

export type GapsApi = ReturnType<typeof createGapsApi>;
