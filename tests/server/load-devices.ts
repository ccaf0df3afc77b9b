// The load of bench/server-load.ts (issue 14), shared with the tests that attack the server under it: devices each
// pushing batches of 100 new fiches one after the other (waiting as `Retry-After` says when answered 503 or 429),
// and one export loop asking for the departmental workbook again and again (waiting as told when answered 503).
// Each device records what the server acknowledged (id, rev and seq of every `stored` or `duplicate` result) and
// every batch it sent that got no answer (a time-out, or the connection gone): what a device would send again.
import { setMaxListeners } from 'node:events';
import type { SyncRequest, SyncResponse } from '../../src/model/sync-protocol';
import { pushRecordOf } from '../../src/model/sync-protocol';
import type { Fiche } from '../../src/model/types';

export const BATCH = 100;
/** A device's sync request gives up after this long; a person waits EXPORT_TIMEOUT_MS for the workbook. */
export const REQUEST_TIMEOUT_MS = 10_000;
export const EXPORT_TIMEOUT_MS = 120_000;

export interface Timed {
  ms: number;
  status: number | 'timeout' | 'network';
  retryAfter: boolean;
  /** Retry-After in seconds (0 when absent). */
  retryAfterS: number;
}

export async function timed(url: string, init: RequestInit, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Timed & { body?: unknown }> {
  const start = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = response.headers.get('content-type')?.includes('json') ? await response.json() : await response.arrayBuffer();
    const retryAfter = response.headers.get('retry-after');
    return { ms: performance.now() - start, status: response.status, retryAfter: retryAfter !== null, retryAfterS: Number(retryAfter ?? 0), body };
  } catch (error) {
    const timeout = error instanceof DOMException && error.name === 'TimeoutError';
    return { ms: performance.now() - start, status: timeout ? 'timeout' : 'network', retryAfter: false, retryAfterS: 0 };
  }
}

/** Fiches new to the server, as many as asked, made from the generated département's classrooms with fresh ids. */
export function* freshFiches(templates: readonly Fiche[]): Generator<Fiche> {
  for (let n = 0; ; n += 1) {
    const template = templates[n % templates.length] as Fiche;
    if (template.kind === 'classroom') yield { ...template, id: crypto.randomUUID(), updatedAt: new Date().toISOString() };
  }
}

/** A revision the server acknowledged: a `stored` or `duplicate` result of a 200 answer. */
export interface Acknowledged {
  id: string;
  rev: number;
  seq: number;
}

/** A batch sent that got no answer: the server may have stored it (whole) or not. */
export interface Unanswered {
  request: SyncRequest;
  status: 'timeout' | 'network';
}

export interface DeviceLog {
  deviceId: string;
  acknowledged: Acknowledged[];
  /** The batch sent and not answered yet; undefined while the device waits, or once it has stopped. */
  inFlight: SyncRequest | undefined;
  unanswered: Unanswered[];
  /** Batches answered 200. */
  batchesAnswered: number;
  /** The last batch that ended, and how (its answer's status, or how it failed). */
  last: { batchId: string; status: Timed['status'] } | undefined;
}

export interface LoadFigures {
  /** Every sync request's outcome, in the order they came. */
  sync: Timed[];
  /** Every export request's outcome. */
  exports: Timed[];
  /** Export requests sent. */
  exportsAsked: number;
  /** The export loop has a request sent and not answered yet. */
  exportInFlight: boolean;
  devices: DeviceLog[];
}

export interface LoadOptions {
  /** The server; several instances of it: each batch goes to one of them at random (a balancer without affinity). */
  url: string | readonly string[];
  /** The export loop runs alongside the devices unless false. */
  exports?: boolean;
  token: string;
  devices: number;
  /** The device id of device number `d` (0-based). */
  deviceId: (d: number) => string;
  fiches: Iterator<Fiche>;
  /** No device sends another batch, nor the export loop another request, past this long. */
  durationMs: number;
  /**
   * Stops the load early: once aborted, no device sends another batch, nor the export loop another request, and a
   * wait for Retry-After is cut short. The requests in flight are not aborted: they end as the server makes them
   * end (answered, or the connection gone), which is what a test that kills the server needs.
   */
  signal?: AbortSignal;
  /** Called, synchronously, after every answer or failure is recorded (a device's or the export loop's). */
  onAnswer?: (figures: LoadFigures) => void;
}

/** Resolves after `ms`, or at once when `signal` is aborted. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}

/**
 * Runs the devices and the export loop against `url` until `durationMs` has passed or `signal` is aborted. Returns
 * the figures at once (they fill as the load goes) and `done`, which resolves when every loop has stopped.
 */
export function runLoad(options: LoadOptions): { figures: LoadFigures; done: Promise<LoadFigures> } {
  const { signal, onAnswer } = options;
  const urls = typeof options.url === 'string' ? [options.url] : options.url;
  const pick = () => urls[Math.floor(Math.random() * urls.length)] as string;
  const url = urls[0] as string;
  // Every device and the export loop may wait on the signal at once.
  if (signal !== undefined) setMaxListeners(options.devices + 1, signal);
  const figures: LoadFigures = { sync: [], exports: [], exportsAsked: 0, exportInFlight: false, devices: [] };
  const until = performance.now() + options.durationMs;
  const going = () => performance.now() < until && !signal?.aborted;
  const auth = { authorization: `Bearer ${options.token}` };
  const device = async (log: DeviceLog) => {
    while (going()) {
      const batch = Array.from({ length: BATCH }, () => options.fiches.next().value as Fiche);
      const request: SyncRequest = { protocol: 2, deviceId: log.deviceId, batchId: crypto.randomUUID(), records: batch.map((f) => pushRecordOf(f, 0)) };
      log.inFlight = request;
      const answer = await timed(`${pick()}/api/v1/sync`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(request) });
      log.inFlight = undefined;
      log.last = { batchId: request.batchId, status: answer.status };
      figures.sync.push(answer);
      if (answer.status === 200) {
        log.batchesAnswered += 1;
        for (const result of (answer.body as SyncResponse).results) {
          if (result.status === 'stored' || result.status === 'duplicate') log.acknowledged.push({ id: result.id, rev: result.rev as number, seq: result.seq as number });
        }
      } else if (answer.status === 'timeout' || answer.status === 'network') {
        log.unanswered.push({ request, status: answer.status });
      }
      onAnswer?.(figures);
      if (answer.status === 503 || answer.status === 429) await wait(answer.retryAfterS * 1000, signal); // as a device waits: as told
    }
  };
  const exportLoop = async () => {
    while (going()) {
      figures.exportsAsked += 1;
      figures.exportInFlight = true;
      const answer = await timed(`${url}/api/v1/export.xlsx`, { headers: auth }, EXPORT_TIMEOUT_MS);
      figures.exportInFlight = false;
      figures.exports.push(answer);
      onAnswer?.(figures);
      if (answer.status === 503) await wait(answer.retryAfterS * 1000, signal);
    }
  };
  figures.devices = Array.from({ length: options.devices }, (_, d) => ({ deviceId: options.deviceId(d), acknowledged: [], inFlight: undefined, unanswered: [], batchesAnswered: 0, last: undefined }));
  const done = Promise.all([...figures.devices.map(device), ...(options.exports === false ? [] : [exportLoop()])]).then(() => figures);
  return { figures, done };
}
