// One export at a time per server process (sync.md, "Other endpoints"), behind a short queue, and the last file of
// each kind kept by its data version:
// - an export asked again while its data version is unchanged is answered from the kept bytes (or 304): no build;
// - asked while the same kind waits its turn, it joins that job (which reads after it was asked); while it runs, it
//   joins too when the data version it was asked at is the one the running job was asked at (nothing changed between);
// - past EXPORT_QUEUE_MAX_JOBS waiting, it is refused at once with the seconds to wait (a 503, never a time-out).
import { createHash } from 'node:crypto';
import type { ExportFile } from '../../src/export/run-export';
import { parisDateTime } from '../../src/export/paris-time';
import { sourceDigest } from './etag';
import type { BuiltExport, ExportJob } from './export-source';

/** Jobs that may wait while one runs: beyond, the wait would outlast what a person waits for a download. */
export const EXPORT_QUEUE_MAX_JOBS = 2;
/** Kinds (campaign × file) whose last file is kept: two campaigns × (workbook + five CSV sheets). */
export const EXPORT_CACHE_MAX_FILES = 12;
const DEFAULT_BUILD_MS = 2_000;
const RETRY_AFTER_MAX_S = 120;

// A file made by this code may differ from one another version of it made from the same data: the tag names the code
// (the export's, and the model and gaps it computes with), so that a tag given before an upgrade, or by an instance not
// upgraded yet, is never taken for this one's; and two instances of the same code give the same file the same tag.
const EXPORT_CODE = sourceDigest(new URL('../../', import.meta.url), ['src/export', 'src/model', 'src/gaps', 'server/src/export-source.ts']);

export type BuildExport = (job: ExportJob) => Promise<BuiltExport>;

export interface ReadyExport {
  etag: string;
  file: ExportFile;
}

export class ExportQueueFull extends Error {
  constructor(readonly retryAfterS: number) {
    super(`export queue full: retry after ${retryAfterS} s`);
  }
}

/** Which file: the campaign and the format (and the CSV's sheet). */
export const exportKind = (job: Pick<ExportJob, 'campaign' | 'format' | 'sheet'>): string => `${job.campaign}/${job.format}/${job.sheet ?? ''}`;

/**
 * The ETag of the file of `kind` built from data and référentiel `version` (`exportDataVersion`) on the Paris day of
 * `at`: the day too, since the file gives its export date and computes equipment ages from its year.
 */
export function exportEtag(kind: string, version: string, at: Date): string {
  const day = (parisDateTime(at) ?? at.toISOString()).slice(0, 10);
  const named = [kind, version, day, EXPORT_CODE].join('\n');
  return `"${createHash('sha256').update(named).digest('base64url').slice(0, 27)}"`;
}

interface Pending {
  kind: string;
  /** The data version when it was asked: the job reads that or a later one. */
  askedAt: string;
  job: ExportJob;
  promise: Promise<ReadyExport>;
  resolve(ready: ReadyExport): void;
  reject(error: unknown): void;
}

export class ExportQueue {
  private running: Pending | null = null;
  private readonly waiting: Pending[] = [];
  /** The last file of each kind, least recently used first. */
  private readonly kept = new Map<string, ReadyExport>();
  private lastBuildMs = DEFAULT_BUILD_MS;

  constructor(
    private readonly build: BuildExport,
    private readonly onStart: (job: ExportJob) => void = () => {},
  ) {}

  /** The kept file of `kind` if its tag is `etag`, else undefined. */
  keptFile(kind: string, etag: string): ReadyExport | undefined {
    const ready = this.kept.get(kind);
    if (ready?.etag !== etag) return undefined;
    this.kept.delete(kind);
    this.kept.set(kind, ready);
    return ready;
  }

  /** The file of `job`'s kind built from data `version` or a later one: the kept one, or the job's (queued). */
  answer(job: ExportJob, version: string): Promise<ReadyExport> {
    const kind = exportKind(job);
    const ready = this.keptFile(kind, exportEtag(kind, version, new Date(job.exportedAt)));
    if (ready !== undefined) return Promise.resolve(ready);
    const joined = this.waiting.find((p) => p.kind === kind) ?? (this.running?.kind === kind && this.running.askedAt === version ? this.running : undefined);
    if (joined !== undefined) return joined.promise;
    if (this.waiting.length >= EXPORT_QUEUE_MAX_JOBS) throw new ExportQueueFull(this.retryAfterS());
    let settle!: Pick<Pending, 'resolve' | 'reject'>;
    const promise = new Promise<ReadyExport>((resolve, reject) => (settle = { resolve, reject }));
    this.waiting.push({ kind, askedAt: version, job, promise, ...settle });
    this.next();
    return promise;
  }

  /** Refuses every job still waiting (the server is closing); the running one ends with its builder. */
  close(error: Error): void {
    for (const pending of this.waiting.splice(0)) pending.reject(error);
  }

  /** The seconds until a job asked now would start, were it queued behind the ones waiting. */
  private retryAfterS(): number {
    const ms = (this.waiting.length + 1) * this.lastBuildMs;
    return Math.min(RETRY_AFTER_MAX_S, Math.max(1, Math.ceil(ms / 1000)));
  }

  private next(): void {
    if (this.running !== null) return;
    const pending = this.waiting.shift();
    if (pending === undefined) return;
    this.running = pending;
    this.onStart(pending.job);
    const started = performance.now();
    // The next job starts before this one's requests are answered: a request arriving meanwhile sees it running.
    const done = () => {
      this.running = null;
      this.next();
    };
    this.build(pending.job).then(
      (built) => {
        this.lastBuildMs = performance.now() - started;
        const ready = { etag: exportEtag(pending.kind, built.version, new Date(pending.job.exportedAt)), file: built.file };
        this.keep(pending.kind, ready);
        done();
        pending.resolve(ready);
      },
      (error: unknown) => {
        done();
        pending.reject(error);
      },
    );
  }

  private keep(kind: string, ready: ReadyExport): void {
    this.kept.delete(kind);
    this.kept.set(kind, ready);
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= EXPORT_CACHE_MAX_FILES) break;
      this.kept.delete(oldest);
    }
  }
}
