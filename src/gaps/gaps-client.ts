// The one owner of the gaps worker: starts it on first use, numbers every request, drops an answer that a
// newer one has overtaken, and runs the engine on the main thread where there is no Worker. Callers never write
// `new Worker`. The worker is not shut down when idle: it holds the campaign's state, which is what makes an edit
// cost a classroom and not a département.
import { wrap, type Endpoint, type Remote } from 'comlink';
import type { GapsApi, Sequenced } from './gaps-api';
import type { GapSnapshot } from './gap-engine';
import type { Referential } from '../model/referential';
import type { ClassroomData, Fiche } from '../model/types';
import type { ClassroomGap, GapDelta, GapReport } from './types';

type AsyncApi = { [K in keyof GapsApi]: (...args: Parameters<GapsApi[K]>) => Promise<ReturnType<GapsApi[K]>> };

const asAsync = (remote: Remote<GapsApi>): AsyncApi => remote as unknown as AsyncApi;

export class GapsClient {
  private api: AsyncApi | undefined;
  private seq = 0;
  private lastState = 0;
  private lastPreview = 0;

  constructor(private readonly connect: () => AsyncApi | Promise<AsyncApi>) {}

  private async remote(): Promise<AsyncApi> {
    this.api ??= await this.connect();
    return this.api;
  }

  /** Answers that change the engine's state; undefined when a newer one was already taken. */
  private async state<T>(call: (api: AsyncApi, seq: number) => Promise<Sequenced<T>>): Promise<T | undefined> {
    const seq = ++this.seq;
    const answer = await call(await this.remote(), seq);
    if (answer.seq < this.lastState) return undefined;
    this.lastState = answer.seq;
    return answer.value;
  }

  load(snapshot: GapSnapshot): Promise<GapReport | undefined> {
    return this.state((api, seq) => api.load(seq, snapshot));
  }

  apply(fiches: Fiche[]): Promise<GapDelta | undefined> {
    return this.state((api, seq) => api.apply(seq, fiches));
  }

  setReferential(referential: Referential): Promise<GapReport | undefined> {
    return this.state((api, seq) => api.setReferential(seq, referential));
  }

  /** The live gap of a form; undefined when a later keystroke's preview has already answered. */
  async preview(fiche: { id: string; uai: string; data: ClassroomData }): Promise<ClassroomGap | undefined> {
    const seq = ++this.seq;
    const answer = await (await this.remote()).preview(seq, fiche);
    if (answer.seq < this.lastPreview) return undefined;
    this.lastPreview = answer.seq;
    return answer.value;
  }
}

/** The engine run in this thread, behind the same asynchronous API as the worker. */
export async function mainThreadGaps(): Promise<AsyncApi> {
  const { createGapsApi } = await import('./gaps-api');
  const api = createGapsApi();
  return {
    load: async (...args) => api.load(...args),
    apply: async (...args) => api.apply(...args),
    setReferential: async (...args) => api.setReferential(...args),
    preview: async (...args) => api.preview(...args),
  };
}

/** A client over any Comlink endpoint (a worker, or a MessagePort in tests). */
export function gapsClientOver(endpoint: Endpoint): GapsClient {
  return new GapsClient(() => asAsync(wrap<GapsApi>(endpoint)));
}

/** The app's client: a module worker where the browser has Worker, the main thread otherwise. */
export function startGapsClient(): GapsClient {
  if (typeof Worker === 'undefined') return new GapsClient(mainThreadGaps);
  return new GapsClient(() => asAsync(wrap<GapsApi>(new Worker(new URL('./gaps.worker.ts', import.meta.url), { type: 'module' }))));
}
