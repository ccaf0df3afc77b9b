// The API the gaps worker exposes (and the main thread runs itself where there is no Worker): plain data in,
// versioned summaries out. The classrooms' gaps stay here; the page asks for one school's at a time. Each answer
// carries the `seq` of its request so that the caller can drop a stale one.
import { GapEngine, type GapSnapshot } from './gap-engine';
import { summarizeSchool } from './summary';
import type { Referential } from '../model/referential';
import type { ClassroomData, Fiche } from '../model/types';
import type { ClassroomGap, GapSummary, GapSummaryDelta, SchoolGap, SchoolGaps, SchoolSummary } from './types';
import type { ArticleNeed, PlanReport, PlanRequest, PriorityList } from './pilotage';

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
  /** What the page merges into its summary after `schools` were computed again. */
  const delta = (schools: Record<string, SchoolGap>, departement = need().departement()): GapSummaryDelta => {
    const summaries: Record<string, SchoolSummary> = {};
    for (const [uai, gap] of Object.entries(schools)) summaries[uai] = summarizeSchool(gap);
    return { referentialVersion: need().referentialVersion(), inputsKey: need().inputsKey(), schools: summaries, departement, computeMs: 0 };
  };
  return {
    load(seq: number, snapshot: GapSnapshot): Sequenced<GapSummary> {
      return timed(seq, () => (engine = new GapEngine(snapshot)).summary(0));
    },
    apply(seq: number, fiches: Fiche[]): Sequenced<GapSummaryDelta> {
      return timed(seq, () => {
        const { schools, departement } = need().apply(fiches);
        return delta(schools, departement);
      });
    },
    /** The schools computed again and the département's figures: a class parameter leaves most schools alone. */
    setReferential(seq: number, referential: Referential): Sequenced<GapSummaryDelta> {
      return timed(seq, () => delta(need().setReferential(referential)));
    },
    schoolGaps(seq: number, uai: string): Sequenced<SchoolGaps> {
      return { seq, value: need().schoolGaps(uai) };
    },
    preview(seq: number, fiche: { id: string; uai: string; data: ClassroomData }): Sequenced<ClassroomGap> {
      return { seq, value: need().preview(fiche) };
    },
    /** The schools to equip first, in the département's order, with their rank in their chef de file. */
    priorities(seq: number): Sequenced<PriorityList> {
      return timed(seq, () => ({ referentialVersion: need().referentialVersion(), rows: need().priorities(), computeMs: 0 }));
    },
    /** The equipment plan for these budgets: computed again at each keystroke of a budget. */
    plan(seq: number, request: PlanRequest): Sequenced<PlanReport> {
      return timed(seq, () => ({ referentialVersion: need().referentialVersion(), options: request.options, plans: need().plan(request), computeMs: 0 }));
    },
    needsByArticle(seq: number): Sequenced<{ referentialVersion: string; articles: ArticleNeed[] }> {
      return { seq, value: { referentialVersion: need().referentialVersion(), articles: need().needsByArticle() } };
    },
  };
}

export type GapsApi = ReturnType<typeof createGapsApi>;
