// The export worker (node:worker_threads), started by export-worker-client.ts and never imported otherwise: it reads
// a campaign through a read-only connection of its own and builds the file, so that neither the read nor the second
// or so of gaps, sheets and XLSX runs on the thread that answers requests. Plain data in and out: a job, then the
// file's bytes (transferred, not copied) with the data version they were read at.
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { buildExport, type BuiltExport, type ExportJob } from './export-source';
import { openCampaignReader } from './store/open-store';
import type { CampaignReader } from './store/store';

/** What the worker is started with. */
export interface ExportWorkerData {
  /** `Store.readerLocation`: the file it opens read-only. */
  location: string;
  /** The nice value of this thread, on Linux: when the cores are busy, the request thread (sync, /health) goes first. */
  nice: number;
}

export type ExportWorkerRequest = { id: number; job: ExportJob };
export type ExportWorkerAnswer = { id: number; ok: true; built: BuiltExport } | { id: number; ok: false; message: string };

const port = parentPort;
if (port === null) throw new Error('export-worker.ts runs in a worker thread (export-worker-client.ts starts it).');
const { location, nice } = workerData as ExportWorkerData;
// On Linux the nice value belongs to a thread (setpriority(2), "Bugs"): pid 0 lowers this one only. Elsewhere it
// would lower the whole server, so it is left alone; a server already started nicer is not raised (it may not be).
if (process.platform === 'linux' && getPriority() < nice) setPriority(nice);
// Opened on the first job and kept while the worker lives: each job reads in a transaction of its own.
let reader: Promise<CampaignReader> | undefined;

port.on('message', async ({ id, job }: ExportWorkerRequest) => {
  let answer: ExportWorkerAnswer;
  try {
    reader ??= openCampaignReader(location);
    answer = { id, ok: true, built: await buildExport(await reader, job) };
  } catch (error) {
    answer = { id, ok: false, message: (error as Error).message };
    // The next job opens the file again (it may have been missing, or replaced by a restored backup).
    const failed = reader;
    reader = undefined;
    void failed?.then((opened) => opened.close(), () => {});
  }
  port.postMessage(answer, answer.ok ? transferable(answer.built.file.bytes) : []);
});

/** The file's buffer moves to the main thread when the bytes are all of it; a view into a larger one is copied. */
function transferable(bytes: Uint8Array): ArrayBuffer[] {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
}
