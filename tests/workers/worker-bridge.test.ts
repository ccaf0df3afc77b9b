// The worker bridge: lazy start, one call at a time, abort, idle shutdown, a worker that cannot start, and the same
// API in this thread where there is no Worker. The "worker" is a real Comlink connection over a Node MessageChannel.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter';
import { createWorkerBridge, isAbortError } from '../../src/workers/worker-bridge';

function makeApi() {
  const calls: string[] = [];
  let release = () => {};
  return {
    calls,
    release: () => release(),
    api: {
      async double(n: number) {
        calls.push(`double ${n}`);
        return n * 2;
      },
      /** Answers only when the test releases it. */
      held(): Promise<string> {
        calls.push('held');
        return new Promise((resolve) => (release = () => resolve('released')));
      },
    },
  };
}
type Api = ReturnType<typeof makeApi>['api'];

/** A Worker as the bridge sees one: Comlink messages over a MessageChannel, error events, terminate(). */
class FakeWorker extends EventTarget {
  terminated = false;
  private readonly channel = new MessageChannel();
  private readonly page = nodeEndpoint(this.channel.port2);

  constructor(api: Api) {
    super();
    expose(api, nodeEndpoint(this.channel.port1));
  }

  postMessage(message: unknown, transfer?: Transferable[]) {
    this.page.postMessage(message, transfer);
  }

  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean) {
    if (type === 'message') this.page.addEventListener(type, listener as EventListener);
    else super.addEventListener(type, listener, options);
  }

  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null) {
    if (type === 'message') this.page.removeEventListener(type, listener as EventListener);
    else super.removeEventListener(type, listener);
  }

  terminate() {
    this.terminated = true;
    this.channel.port1.close();
    this.channel.port2.close();
  }
}

let workers: FakeWorker[] = [];
beforeEach(() => {
  workers = [];
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => {
  workers.forEach((worker) => worker.terminate());
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function bridgeOver(api: Api, idleMs?: number) {
  const start = vi.fn(() => {
    const worker = new FakeWorker(api);
    workers.push(worker);
    return worker as unknown as Worker;
  });
  return { start, bridge: createWorkerBridge<Api>({ start, inThread: async () => api, idleMs }) };
}

describe('createWorkerBridge', () => {
  it('starts the worker on the first call, not before, and keeps it for the next', async () => {
    const { api } = makeApi();
    const { start, bridge } = bridgeOver(api);
    expect(start).not.toHaveBeenCalled();
    expect(await bridge.call((remote) => remote.double(2))).toBe(4);
    expect(await bridge.call((remote) => remote.double(3))).toBe(6);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('runs the calls one at a time, in the order they were made', async () => {
    const fake = makeApi();
    const { bridge } = bridgeOver(fake.api);
    const first = bridge.call((remote) => remote.held());
    const second = bridge.call((remote) => remote.double(5));
    await vi.waitFor(() => expect(fake.calls).toEqual(['held']));
    fake.release();
    expect(await Promise.all([first, second])).toEqual(['released', 10]);
    expect(fake.calls).toEqual(['held', 'double 5']);
  });

  it('ends the worker when a running call is aborted, rejects it with an AbortError, and starts another for the next call', async () => {
    const fake = makeApi();
    const { start, bridge } = bridgeOver(fake.api);
    const controller = new AbortController();
    const running = bridge.call((remote) => remote.held(), controller.signal);
    await vi.waitFor(() => expect(fake.calls).toEqual(['held']));
    controller.abort();
    const error = await running.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(workers[0]?.terminated).toBe(true);
    expect(await bridge.call((remote) => remote.double(1))).toBe(2);
    expect(start).toHaveBeenCalledTimes(2);
  });

  it('drops a waiting call that is aborted, and leaves the running one alone', async () => {
    const fake = makeApi();
    const { bridge } = bridgeOver(fake.api);
    const running = bridge.call((remote) => remote.held());
    const controller = new AbortController();
    const waiting = bridge.call((remote) => remote.double(7), controller.signal);
    controller.abort();
    expect(isAbortError(await waiting.catch((e: unknown) => e))).toBe(true);
    await vi.waitFor(() => expect(fake.calls).toEqual(['held']));
    fake.release();
    expect(await running).toBe('released');
    expect(fake.calls).toEqual(['held']);
    expect(workers[0]?.terminated).toBe(false);
  });

  it('rejects at once a call whose signal was aborted before, without starting a worker', async () => {
    const { start, bridge } = bridgeOver(makeApi().api);
    const error = await bridge.call((remote) => remote.double(1), AbortSignal.abort()).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(start).not.toHaveBeenCalled();
  });

  it('ends a worker that holds no state after the idle time, and starts it again on the next call', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { start, bridge } = bridgeOver(makeApi().api, 10_000);
    await bridge.call((remote) => remote.double(1));
    vi.advanceTimersByTime(9_999);
    expect(workers[0]?.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(workers[0]?.terminated).toBe(true);
    expect(await bridge.call((remote) => remote.double(2))).toBe(4);
    expect(start).toHaveBeenCalledTimes(2);
  });

  it('keeps a worker that holds state (no idle time) however long it waits', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { bridge } = bridgeOver(makeApi().api);
    await bridge.call((remote) => remote.double(1));
    vi.advanceTimersByTime(24 * 3600_000);
    expect(workers[0]?.terminated).toBe(false);
  });

  it('rejects the call of a worker that cannot start, and tries a new one next time', async () => {
    const fake = makeApi();
    const { start, bridge } = bridgeOver(fake.api);
    const running = bridge.call((remote) => remote.held());
    await vi.waitFor(() => expect(start).toHaveBeenCalled());
    workers[0]?.dispatchEvent(Object.assign(new Event('error'), { message: 'script refused' }));
    await expect(running).rejects.toThrow('script refused');
    expect(workers[0]?.terminated).toBe(true);
    expect(await bridge.call((remote) => remote.double(4))).toBe(8);
  });

  it('runs the same API in this thread where there is no Worker', async () => {
    vi.stubGlobal('Worker', undefined);
    const { start, bridge } = bridgeOver(makeApi().api);
    expect(await bridge.call((remote) => remote.double(21))).toBe(42);
    expect(start).not.toHaveBeenCalled();
  });

  it('posts the calls of a pipelined worker at once (a preview does not wait behind a load), and takes no abort', async () => {
    const fake = makeApi();
    const start = vi.fn(() => {
      const worker = new FakeWorker(fake.api);
      workers.push(worker);
      return worker as unknown as Worker;
    });
    const bridge = createWorkerBridge<Api>({ start, inThread: async () => fake.api, pipeline: true });
    const held = bridge.call((remote) => remote.held());
    expect(await bridge.call((remote) => remote.double(3))).toBe(6);
    expect(fake.calls).toEqual(['held', 'double 3']);
    fake.release();
    expect(await held).toBe('released');
    expect(() => bridge.call((remote) => remote.double(1), new AbortController().signal)).toThrow('cannot be aborted');
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('runs in this thread when it is given no worker to start, even where there is Worker', async () => {
    const { api } = makeApi();
    const bridge = createWorkerBridge<Api>({ inThread: async () => api });
    expect(await bridge.call((remote) => remote.double(21))).toBe(42);
    expect(workers).toHaveLength(0);
  });
});
