// Back-pressure (sync.md, "Whole-request answers"): an overloaded server answers 503 with `Retry-After` at once rather
// than let every request wait longer. Two measures: the API requests in progress, a bounded queue counted from the
// headers to the end of the answer (a body being received holds memory, up to 1 MiB, 2 MiB for a photo), so that past
// the bound a request is refused before its body is read; and the process itself (event-loop delay, heap), sampled by
// @fastify/under-pressure. /api/v1/health takes no place in the queue: it must answer while the queue is full.
import underPressure from '@fastify/under-pressure';
import { getHeapStatistics } from 'node:v8';
import type { FastifyInstance, FastifyRequest, FastifyReply } from 'fastify';
import { RequestError } from './errors';
import { WorkQueueFull, type WorkQueue } from './work-queue';

export interface LoadLimits {
  /** API requests in progress (health aside) past which a new one is refused. */
  maxRequestsInFlight: number;
  /** Mean event-loop delay over a sample past which requests are refused. */
  maxEventLoopDelayMs: number;
  /** V8 heap in use past which requests are refused, so that the process sheds load before it runs out. */
  maxHeapUsedBytes: number;
  /** How often the event-loop delay and the heap are sampled. */
  sampleIntervalMs: number;
  /** The longest a push or a pull may be expected to wait for the store (work-queue.ts) before it is refused. */
  maxQueueWaitMs: number;
}

// The requests in progress bound what their bodies hold in memory (64 × 2 MiB at most, were they all photos); the queue's wait bounds the
// latency: a batch of 100 takes 20 to 30 ms of the thread on a small server, so about 20 batches wait at most, and a
// device has its answer within the second that sync.md's back-pressure aims at, or a 503 at once.
export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  maxRequestsInFlight: 64,
  maxQueueWaitMs: 500,
  maxEventLoopDelayMs: 200,
  maxHeapUsedBytes: Math.floor(getHeapStatistics().heap_size_limit * 0.85),
  sampleIntervalMs: 1_000,
};

// Shed devices come back spread over a few seconds rather than all at once.
const RETRY_AFTER_MIN_S = 2;
const RETRY_AFTER_MAX_S = 6;

function overloaded(): RequestError {
  const retryAfterS = RETRY_AFTER_MIN_S + Math.floor(Math.random() * (RETRY_AFTER_MAX_S - RETRY_AFTER_MIN_S + 1));
  return new RequestError(503, 'overloaded', `Serveur momentanément surchargé : réessayez dans ${retryAfterS} s.`, {
    'retry-after': String(retryAfterS),
  });
}

const HEALTH_PATH = '/api/v1/health';

function takesAPlace(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return path.startsWith('/api/') && path !== HEALTH_PATH;
}

/** Registers both measures; the process's first, as the cheaper answer when it is in trouble. */
export async function shedLoad(app: FastifyInstance, limits: LoadLimits): Promise<void> {
  await app.register(underPressure, {
    maxEventLoopDelay: limits.maxEventLoopDelayMs,
    maxHeapUsedBytes: limits.maxHeapUsedBytes,
    sampleInterval: limits.sampleIntervalMs,
    // /api/v1/health and the app's files are answered whatever the pressure: a device's probe must tell "busy, come
    // back" (a sync request's 503) from "down", and a loaded page is cheap.
    pressureHandler: async (request: FastifyRequest) => {
      if (takesAPlace(request)) throw overloaded();
    },
  });

  let inFlight = 0;
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!takesAPlace(request)) return;
    if (inFlight >= limits.maxRequestsInFlight) throw overloaded();
    inFlight += 1;
    // 'close' comes once the answer is sent or the connection is gone, whichever happens.
    reply.raw.once('close', () => (inFlight -= 1));
  });
}

/** An onRequest hook: a request whose work would wait too long in `queue` is refused before its body is read. */
export function refuseWhenQueueFull(queue: WorkQueue): () => Promise<void> {
  return async () => {
    if (queue.isFull()) throw overloaded();
  };
}

/** `task` run by `queue`; refused as overloaded (503 with Retry-After) when the queue is full. */
export async function queued<T>(queue: WorkQueue, task: () => T | Promise<T>): Promise<T> {
  try {
    return await queue.run(task);
  } catch (error) {
    throw error instanceof WorkQueueFull ? overloaded() : error;
  }
}
