// One owner for a worker's whole life, after Squoosh's WorkerBridge: the worker starts on the first call, calls
// run one at a time, a call can be aborted (the worker is ended, so the work really stops), and a worker that holds
// no state is ended after a quiet spell, which gives its memory back. Where there is no Worker (happy-dom, old
// browsers) the same API runs in this thread. A stateful worker that numbers its answers (the gap engine) sends its
// calls at once instead (`pipeline`): a keystroke's preview must not wait behind a département's load.
import { wrap, type Remote } from 'comlink';

/** Marks a callback argument (a progress report) to be called back across the worker boundary rather than copied. */
export { proxy } from 'comlink';
/** A worker's API as the page sees it: every method answers a promise. */
export type { Remote } from 'comlink';

export interface WorkerBridgeOptions<Api extends object> {
  /**
   * Starts the worker. Write it in the module that owns the bridge, exactly
   * `() => new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`: Vite bundles a worker only
   * where it sees that expression.
   */
  start?: () => Worker;
  /**
   * The worker's API (a plain object of functions) in this thread, loaded on the first call where there is no Worker,
   * or always when `start` is left out (tests).
   */
  inThread: () => Promise<Api>;
  /** Ends the worker after this long without a call. Leave it out for a worker that holds state (the gap engine). */
  idleMs?: number;
  /**
   * Posts every call at once; the worker answers them in the order they came. For a worker that holds state, which
   * must not be ended: such calls take no abort signal.
   */
  pipeline?: boolean;
}

export interface WorkerBridge<Api extends object> {
  /**
   * Calls the worker once the calls before this one are done: `bridge.call((api) => api.run(request), signal)`.
   * When `signal` aborts, the call rejects with the signal's reason (an AbortError, see isAbortError): a running call
   * ends the worker, which stops the work there and then; a waiting one is dropped. In this thread an abort can only
   * drop the answer.
   */
  call<T>(task: (api: Remote<Api>) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Ends the worker now; the next call starts another. */
  close(): void;
}

/** Whether a call was aborted (as opposed to failing). */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

export function createWorkerBridge<Api extends object>(options: WorkerBridgeOptions<Api>): WorkerBridge<Api> {
  let worker: Worker | undefined;
  let api: Promise<Remote<Api>> | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let pending = 0;

  const close = () => {
    clearTimeout(idleTimer);
    worker?.terminate();
    worker = undefined;
    api = undefined;
  };

  const connect = (): Promise<Remote<Api>> => {
    if (!options.start || typeof Worker === 'undefined') {
      // A failed load (offline, a chunk not cached) is tried again on the next call.
      api ??= options.inThread().then(asRemote, (error: unknown) => ((api = undefined), Promise.reject(error)));
      return api;
    }
    if (!api) {
      worker = options.start();
      api = Promise.resolve(wrap<Api>(worker));
    }
    return api;
  };

  // One call, the worker to itself. The worker is ended on abort, and on an error event: a worker that cannot start
  // (a script refused, no memory left) says so only there, and its call would otherwise wait for ever.
  const run = async <T>(task: (api: Remote<Api>) => Promise<T>, signal?: AbortSignal): Promise<T> => {
    signal?.throwIfAborted();
    clearTimeout(idleTimer);
    const remote = await connect();
    const current = worker;
    return new Promise<T>((resolve, reject) => {
      const stop = (error: unknown) => (close(), reject(error));
      const onAbort = () => stop(signal?.reason);
      const onError = (event: ErrorEvent) => stop(new Error(event.message || 'the worker failed'));
      signal?.addEventListener('abort', onAbort, { once: true });
      current?.addEventListener('error', onError, { once: true });
      if (signal?.aborted) return onAbort(); // while the worker's API was loading
      task(remote).then(resolve, reject).finally(() => {
        signal?.removeEventListener('abort', onAbort);
        current?.removeEventListener('error', onError);
      });
    });
  };

  const call = <T>(task: (api: Remote<Api>) => Promise<T>, signal?: AbortSignal): Promise<T> => {
    if (options.pipeline) {
      if (signal) throw new Error('a pipelined worker holds state: its calls cannot be aborted');
      return run(task);
    }
    pending += 1;
    const turn = queue.then(() => run(task, signal));
    queue = turn.catch(() => undefined);
    const done = turn.finally(() => {
      pending -= 1;
      if (pending === 0 && worker && options.idleMs !== undefined) idleTimer = setTimeout(close, options.idleMs);
    });
    return signal ? Promise.race([done, rejectOnAbort(signal)]) : done;
  };

  return { call, close };
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** The API run in this thread behind the worker's asynchronous face (every method answers a promise). */
function asRemote<Api extends object>(api: Api): Remote<Api> {
  const remote: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(api)) {
    remote[name] = typeof value === 'function' ? async (...args: unknown[]) => value.apply(api, args) : value;
  }
  return remote as Remote<Api>;
}
