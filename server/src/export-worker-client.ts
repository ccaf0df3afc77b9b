// The one owner of the export worker's life (as src/workers/worker-bridge.ts is on the tablet): it starts the worker
// on the first job, gives it one job at a time, ends it when a job outruns its time or once it has been idle a while,
// and starts a fresh one for the next job after a crash (its heap exhausted included: the server itself goes on).
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BuiltExport, ExportJob } from './export-source';
import type { ExportWorkerAnswer, ExportWorkerData, ExportWorkerRequest } from './export-worker';

/** A warm worker builds the next export faster; an idle one gives its memory back. */
export const EXPORT_WORKER_IDLE_MS = 30_000;
/** The generated département (10,200 fiches) takes about 2 s: far past it, something is wrong. */
export const EXPORT_BUILD_TIMEOUT_MS = 120_000;
/** The worker's heap; an export of the generated département peaks around 150 MB. */
export const EXPORT_WORKER_HEAP_MB = 768;
/**
 * The worker thread's nice value (Linux): with the cores busy, pushes and /health go first and the export takes longer.
 * On the 2-core machine, sync kept 20 requests/s during four export loops at 10, against 10 requests/s at 0.
 */
export const EXPORT_WORKER_NICE = 10;

export type ExportFailure = 'crashed' | 'timed-out' | 'failed' | 'closed';

export class ExportFailed extends Error {
  constructor(readonly reason: ExportFailure, message: string) {
    super(message);
  }
}

export interface ExportWorkerOptions {
  idleMs?: number;
  timeoutMs?: number;
  heapMb?: number;
}

// '.ts' when the server runs from source (tsx, Vitest), '.js' were it compiled: the worker file sits next to this one.
const EXTENSION = extname(fileURLToPath(import.meta.url));
const WORKER_URL = new URL(`./export-worker${EXTENSION}`, import.meta.url);

function startWorker(data: ExportWorkerData, heapMb: number): Worker {
  const options = { workerData: data, resourceLimits: { maxOldGenerationSizeMb: heapMb } };
  if (EXTENSION !== '.ts') return new Worker(WORKER_URL, options);
  // Node 20 does not hand tsx's loader (npm start, npm run serve) or Vitest's on to a worker thread: the worker loads
  // its TypeScript through tsx's API, resolved here, where the project's node_modules are known.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const url = JSON.stringify(WORKER_URL.href);
  return new Worker(`import(${tsx}).then((tsx) => tsx.tsImport(${url}, ${url}));`, { ...options, eval: true });
}

interface Running {
  id: number;
  resolve(built: BuiltExport): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class ExportWorkerClient {
  private worker: Worker | null = null;
  private running: Running | null = null;
  private idleTimer: NodeJS.Timeout | undefined;
  private lastId = 0;
  private closed = false;
  private readonly idleMs: number;
  private readonly timeoutMs: number;
  private readonly heapMb: number;

  constructor(
    private readonly location: string,
    options: ExportWorkerOptions = {},
  ) {
    this.idleMs = options.idleMs ?? EXPORT_WORKER_IDLE_MS;
    this.timeoutMs = options.timeoutMs ?? EXPORT_BUILD_TIMEOUT_MS;
    this.heapMb = options.heapMb ?? EXPORT_WORKER_HEAP_MB;
  }

  /** Builds one export in the worker; the caller waits for it before giving the next (export-queue.ts does). */
  build(job: ExportJob): Promise<BuiltExport> {
    if (this.closed) return Promise.reject(new ExportFailed('closed', 'export worker closed'));
    if (this.running !== null) return Promise.reject(new Error('one export at a time: wait for the running one'));
    clearTimeout(this.idleTimer);
    const worker = this.worker ?? this.start();
    const id = (this.lastId += 1);
    return new Promise<BuiltExport>((resolve, reject) => {
      const timer = setTimeout(() => this.stop(new ExportFailed('timed-out', `export still running after ${this.timeoutMs} ms`)), this.timeoutMs);
      this.running = { id, resolve, reject, timer };
      worker.postMessage({ id, job } satisfies ExportWorkerRequest);
    });
  }

  /** Ends the worker; a running build is rejected ('closed'). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    await this.stop(new ExportFailed('closed', 'export worker closed'));
  }

  private start(): Worker {
    const worker = startWorker({ location: this.location, nice: EXPORT_WORKER_NICE }, this.heapMb);
    // The HTTP server keeps the process alive, not this worker: a CLI or a test ends without closing it.
    worker.unref();
    worker.on('message', (answer: ExportWorkerAnswer) => this.settle(answer));
    // 'error' (an uncaught exception, ERR_WORKER_OUT_OF_MEMORY) is followed by 'exit'; both leave a fresh start next.
    let crash: Error | undefined;
    worker.on('error', (error) => (crash = error));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.fail(new ExportFailed('crashed', `export worker exited (code ${code}): ${crash?.message ?? 'no error'}`));
    });
    this.worker = worker;
    return worker;
  }

  private settle(answer: ExportWorkerAnswer): void {
    const running = this.running;
    if (running === null || running.id !== answer.id) return;
    clearTimeout(running.timer);
    this.running = null;
    if (answer.ok) running.resolve(answer.built);
    else running.reject(new ExportFailed('failed', answer.message));
    this.idleTimer = setTimeout(() => void this.stop(), this.idleMs).unref();
  }

  private fail(error: ExportFailed): void {
    const running = this.running;
    if (running === null) return;
    clearTimeout(running.timer);
    this.running = null;
    running.reject(error);
  }

  /** Terminates the worker, if any, failing the running build with `error`. */
  private async stop(error?: ExportFailed): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (error !== undefined) this.fail(error);
    await worker?.terminate();
  }
}
