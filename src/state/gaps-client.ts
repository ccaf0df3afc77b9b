// The page's side of the gaps worker, through the app's worker bridge: started on first use, a typed API (the
// worker's own, made asynchronous), and this thread where there is no Worker. Callers never write `new Worker`.
// Every request is numbered and an answer that a newer one of its kind has overtaken is dropped. The worker holds the
// campaign's state, which is what makes an edit cost a classroom and not a département: it is never ended when idle,
// and its calls are pipelined rather than queued (a preview does not wait behind a load).
import { createWorkerBridge, type Remote } from '../workers/worker-bridge';
import type { GapsApi, Sequenced } from '../gaps/gaps-api';
import type { GapSnapshot } from '../gaps/gap-engine';
import type { Referential } from '../model/referential';
import type { ClassroomData, Fiche } from '../model/types';
import type { ClassroomGap, GapSummary, GapSummaryDelta, SchoolGaps } from '../gaps/types';
import type { ArticleNeed, PlanReport, PlanRequest, PriorityList } from '../gaps/pilotage';

export type GapsRemote = { [K in keyof GapsApi]: (...args: Parameters<GapsApi[K]>) => Promise<ReturnType<GapsApi[K]>> };

/** Runs one request against the engine, wherever it runs. */
export type GapsCall = <T>(task: (api: GapsRemote) => Promise<T>) => Promise<T>;

const asAsync = (remote: Remote<GapsRemote>): GapsRemote => remote as unknown as GapsRemote;

/** The answers of one kind of request: one older than an answer already taken is stale. */
class Latest {
  private taken = 0;

  take<T>(answer: Sequenced<T>): T | undefined {
    if (answer.seq < this.taken) return undefined;
    this.taken = answer.seq;
    return answer.value;
  }
}

export class GapsClient {
  private seq = 0;
  /** Answers that change the engine's state (load, apply, référentiel). */
  private readonly state = new Latest();
  private readonly details = new Latest();
  private readonly previews = new Latest();
  private readonly priorityLists = new Latest();
  private readonly plans = new Latest();
  private readonly articles = new Latest();

  constructor(private readonly call: GapsCall) {}

  private async ask<T>(kind: Latest, request: (api: GapsRemote, seq: number) => Promise<Sequenced<T>>): Promise<T | undefined> {
    const seq = ++this.seq;
    return kind.take(await this.call((api) => request(api, seq)));
  }

  /** The campaign's summary; undefined when a newer state answer was already taken. */
  load(snapshot: GapSnapshot): Promise<GapSummary | undefined> {
    return this.ask(this.state, (api, seq) => api.load(seq, snapshot));
  }

  apply(fiches: Fiche[]): Promise<GapSummaryDelta | undefined> {
    return this.ask(this.state, (api, seq) => api.apply(seq, fiches));
  }

  /** The schools computed again and the département's figures; undefined when a newer state answer was taken. */
  setReferential(referential: Referential): Promise<GapSummaryDelta | undefined> {
    return this.ask(this.state, (api, seq) => api.setReferential(seq, referential));
  }

  /** One school in full; undefined when the answer to a later request for a school has already come. */
  schoolGaps(uai: string): Promise<SchoolGaps | undefined> {
    return this.ask(this.details, (api, seq) => api.schoolGaps(seq, uai));
  }

  /** The live gap of a form; undefined when a later keystroke's preview has already answered. */
  preview(fiche: { id: string; uai: string; data: ClassroomData }): Promise<ClassroomGap | undefined> {
    return this.ask(this.previews, (api, seq) => api.preview(seq, fiche));
  }

  /** The priority list; undefined when the answer to a later request for it has already come. */
  priorities(): Promise<PriorityList | undefined> {
    return this.ask(this.priorityLists, (api, seq) => api.priorities(seq));
  }

  /** The plan for these budgets; undefined when a later keystroke's plan has already answered. */
  plan(request: PlanRequest): Promise<PlanReport | undefined> {
    return this.ask(this.plans, (api, seq) => api.plan(seq, request));
  }

  needsByArticle(): Promise<{ referentialVersion: string; articles: ArticleNeed[] } | undefined> {
    return this.ask(this.articles, (api, seq) => api.needsByArticle(seq));
  }
}

/** The engine run in this thread, behind the same asynchronous API as the worker. */
export async function mainThreadGaps(): Promise<GapsRemote> {
  const { createGapsApi } = await import('../gaps/gaps-api');
  const api = createGapsApi();
  return {
    load: async (...args) => api.load(...args),
    apply: async (...args) => api.apply(...args),
    setReferential: async (...args) => api.setReferential(...args),
    schoolGaps: async (...args) => api.schoolGaps(...args),
    preview: async (...args) => api.preview(...args),
    priorities: async (...args) => api.priorities(...args),
    plan: async (...args) => api.plan(...args),
    needsByArticle: async (...args) => api.needsByArticle(...args),
  };
}

/** A client of an engine in this thread (tests, and where there is no Worker): `connect` gives its API. */
export function inThreadGapsClient(connect: () => Promise<GapsRemote> = mainThreadGaps): GapsClient {
  const bridge = createWorkerBridge<GapsRemote>({ inThread: connect, pipeline: true });
  return new GapsClient((task) => bridge.call((api) => task(asAsync(api))));
}

/** The app's client: a module worker where the browser has Worker, this thread otherwise. */
export function startGapsClient(): GapsClient {
  const bridge = createWorkerBridge<GapsRemote>({
    start: () => new Worker(new URL('../gaps/gaps.worker.ts', import.meta.url), { type: 'module' }),
    inThread: mainThreadGaps,
    pipeline: true,
  });
  return new GapsClient((task) => bridge.call((api) => task(asAsync(api))));
}
