// The store's work for requests (a batch pushed, a page pulled), one task at a time and each in its own turn of the
// event loop. Two things follow. The thread answers other requests between two tasks: /api/v1/health, the 503s and
// the headers of the next requests wait for one task at most, not for every batch whose body came in the same
// turn (Node runs a turn's ready requests back to back). And the queue knows how long a new task would wait, from
// the tasks' measured durations: past `maxWaitMs` the request is refused at once (503 with Retry-After) instead of
// waiting longer than a device's answer should take, and a task whose turn comes later than that anyway is refused
// then, not run: the bounded queue of sync.md's back-pressure. The wait counts from the task's queueing, once the
// request's body is in: a tablet on a slow network takes longer to send, and is not refused for it.
//
// The queue is one process's and stays so with several instances of the server on one store: it sheds the load of
// this process's thread, which another instance does not share. The order of the writes themselves, whichever
// instance receives them, is the store's transactions'.

/** A new task would wait longer than the queue's bound. */
export class WorkQueueFull extends Error {
  constructor(readonly expectedWaitMs: number) {
    super(`work queue full: a new task would wait ${Math.round(expectedWaitMs)} ms`);
  }
}

interface Waiting {
  task: () => unknown;
  /** When it was queued (the queue's clock). */
  since: number;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** How much one measure moves the estimate of the next: a few tasks make it follow a change of load. */
const SMOOTHING = 0.2;

export interface WorkQueueOptions {
  /** A task's cost until one has been measured. */
  firstEstimateMs?: number;
  /** Milliseconds from any fixed origin; tests give their own. */
  clock?: () => number;
}

export class WorkQueue {
  private readonly waiting: Waiting[] = [];
  private running = false;
  private scheduled = false;
  private estimateMs: number;
  private readonly clock: () => number;
  /** When the task running, or the last one, started. */
  private lastStart = 0;
  /** Whether the last task ended with others waiting: then the next start measures the whole turn. */
  private chained = false;

  /** `maxWaitMs`: the longest a task may be expected to wait before it starts. */
  constructor(
    private readonly maxWaitMs: number,
    { firstEstimateMs = 20, clock = () => performance.now() }: WorkQueueOptions = {},
  ) {
    this.estimateMs = firstEstimateMs;
    this.clock = clock;
  }

  /** Tasks waiting or running. */
  get length(): number {
    return this.waiting.length + (this.running ? 1 : 0);
  }

  /**
   * How long a task queued now is expected to wait before it starts: the tasks before it times what one costs.
   * While tasks follow each other, a task's cost is measured from its start to the next one's, so that what the
   * thread does between two tasks (reading requests, parsing bodies, sending answers, collecting garbage) counts.
   */
  expectedWaitMs(): number {
    return this.length * this.estimateMs;
  }

  /** Whether a task queued now would be refused: asked before a request's body is read, so a refusal costs nothing. */
  isFull(): boolean {
    // A task alone in the queue is never refused, however long the last one took.
    return this.length > 0 && this.expectedWaitMs() > this.maxWaitMs;
  }

  /**
   * Runs `task` after those queued before it, in a turn of its own; rejects with WorkQueueFull when the queue is, or
   * when its turn comes more than `maxWaitMs` after it was queued (it is then not run).
   */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    if (this.isFull()) return Promise.reject(new WorkQueueFull(this.expectedWaitMs()));
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ task, since: this.clock(), resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private observe(ms: number): void {
    this.estimateMs += SMOOTHING * (ms - this.estimateMs);
  }

  private schedule(): void {
    if (this.running || this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    // setImmediate runs after the turn's I/O: the requests that came meanwhile are read before the next task.
    setImmediate(() => void this.next());
  }

  /** The next task that has not waited too long; those that have are refused (their requests answered 503). */
  private nextInTime(now: number): Waiting | undefined {
    for (let item = this.waiting.shift(); item !== undefined; item = this.waiting.shift()) {
      const waited = now - item.since;
      if (waited <= this.maxWaitMs) return item;
      item.reject(new WorkQueueFull(waited));
    }
    return undefined;
  }

  private async next(): Promise<void> {
    this.scheduled = false;
    const start = this.clock();
    // The estimate can be wrong (a task far longer than the others, the cores taken by other work): a task whose
    // turn comes later than the bound is refused rather than answered late, so that no request waits longer.
    const item = this.nextInTime(start);
    if (item === undefined) {
      this.chained = false;
      return;
    }
    const followed = this.chained;
    if (followed) this.observe(start - this.lastStart);
    this.lastStart = start;
    this.running = true;
    try {
      item.resolve(await item.task());
    } catch (error) {
      item.reject(error);
    } finally {
      this.running = false;
      this.chained = this.waiting.length > 0;
      // A task that neither followed another nor is followed costs its own duration.
      if (!followed && !this.chained) this.observe(this.clock() - start);
      this.schedule();
    }
  }
}

/**
 * Resolves in the next turn of the event loop, after its I/O: a task awaits it to let the thread answer others
 * (/health, refusals, headers) without giving up its place, since the queue starts no other task meanwhile.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
