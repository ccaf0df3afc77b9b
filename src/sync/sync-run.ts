// One sync run (sync.md v2): the outbox pushed batch by batch, each answer applied before the next batch leaves; then
// the heads changed since the cursor pulled page by page, each page written with its cursor; then what the pull
// merged pushed in turn. A run stops at the first answer that says "not now" (401, 403, 429, 503, other 5xx,
// network); what it had not sent stays in the outbox and the cursor stays at the last page written, so a crash,
// a reload or a dropped response at any moment loses nothing and skips nothing.
import type { AuditDb } from '../storage/db';
import { applyPushResults, listSendable, markSent, refuseBatch, unmarkSent, type Sendable } from '../storage/outbox';
import { applyPulledPage, cursorKey, getCursor } from '../storage/pulled';
import type { Merger } from '../storage/heads';
import { CHANGES_PAGE, SYNC_PROTOCOL } from '../model/sync-protocol';
import { makeBatches } from './batches';
import { fetchChanges, sendBatch, type Endpoint, type Outcome } from './transport';
import { putAttachment } from './attachments';
import { photoRefusalMessage, resendMissingPhotos, uploadPhotos } from './photo-upload';

export type RunEnd =
  | { kind: 'done' }
  /** The token is missing, unknown, revoked or expired; `message`: the server's French sentence saying which. */
  | { kind: 'auth'; message?: string }
  /** The token's role may not do this; `pulled`: the pull went through all the same (only the push was refused). */
  | { kind: 'forbidden'; message: string; pulled?: true }
  | { kind: 'later'; retryAfterMs: number | undefined; reason: string };

export interface RunReport {
  end: RunEnd;
  sent: number;
  /** Images of photos the server answered for (200 or 201), uploaded before the fiches naming them. */
  uploaded: number;
  acknowledged: number;
  refused: number;
  /** Heads the pull brought, whatever became of them (taken, merged, held, or already known). */
  received: number;
  /** Heads taken from the server, and fiches merged (on a push's conflict or a pull). */
  pulled: number;
  merged: number;
  /** Fiches left "À arbitrer" by this run. */
  arbitrated: number;
}

export interface RunOptions {
  db: AuditDb;
  endpoint: Endpoint;
  deviceId: string;
  /** The campaign pulled, and the circonscriptions it is limited to (none: the whole département). */
  campaign: string;
  scope?: readonly string[];
  merger: Merger;
  signal?: AbortSignal;
  /** Replaceable in tests (fault injection); the real requests otherwise. */
  send?: typeof sendBatch;
  fetchPage?: typeof fetchChanges;
  upload?: typeof putAttachment;
  maxRecords?: number;
  pageSize?: number;
  /** Told when a pull has written its last page (timing marks, read by bench/sync.ts). */
  onPulled?: (stats: PullStats) => void;
}

/** One pull of a run: when it started (performance.now()), how long until its last page was written, round trips
 * included, the pages and the heads received. */
export interface PullStats {
  startedAt: number;
  ms: number;
  pages: number;
  fiches: number;
}

const TOO_LARGE = "Cette fiche est trop volumineuse pour être envoyée (plus de 1 Mio) : réduisez ses remarques.";
/** Push and pull rounds in one run: a merge queues an edit pushed in the next round; a bound against a server that
 * keeps answering conflicts. */
const MAX_ROUNDS = 4;

type Refused = Extract<Outcome<unknown>, { kind: 'refused' }>;

function refusalMessage(outcome: Refused): string {
  return outcome.error?.message ?? `Le serveur a refusé la demande (erreur ${outcome.status}).`;
}

/** What a refusal or an unreachable server ends the run with; null when the caller handles the status itself. */
function endOf(outcome: Exclude<Outcome<unknown>, { kind: 'answered' }>): RunEnd {
  if (outcome.kind === 'unreachable') return { kind: 'later', retryAfterMs: undefined, reason: outcome.reason };
  if (outcome.status === 401) return outcome.error?.message ? { kind: 'auth', message: outcome.error.message } : { kind: 'auth' };
  if (outcome.status === 403) return { kind: 'forbidden', message: refusalMessage(outcome) };
  return { kind: 'later', retryAfterMs: outcome.retryAfterMs, reason: refusalMessage(outcome) };
}

export async function runSync(options: RunOptions): Promise<RunReport> {
  const report: RunReport = { end: { kind: 'done' }, sent: 0, uploaded: 0, acknowledged: 0, refused: 0, received: 0, pulled: 0, merged: 0, arbitrated: 0 };
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const pushed = await push(options, report);
    // A token whose role may not push (lecteur) may still pull: the edits stay, visible, and the colleagues' come in.
    if (pushed && pushed.kind !== 'forbidden') return { ...report, end: pushed };
    const pulled = await pull(options, report);
    if (pulled.end) return { ...report, end: pulled.end };
    if (pushed) return { ...report, end: { ...pushed, pulled: true } };
    if (!pulled.queued && (await listSendable(options.db)).length === 0) break;
  }
  return report;
}

/** Pushes every sendable edit; a conflict merged without collision is pushed again in the same call. */
async function push(options: RunOptions, report: RunReport): Promise<RunEnd | null> {
  const { db, endpoint, deviceId, signal, merger } = options;
  const send = options.send ?? sendBatch;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const queue: Sendable[][] = makeBatches(await listSendable(db), options.maxRecords);
    if (queue.length === 0) return null;
    let merged = 0;
    while (queue.length > 0) {
      signal?.throwIfAborted();
      const batch = await withPhotosHeld(options, report, queue.shift() as Sendable[]);
      if (!Array.isArray(batch)) return batch;
      if (batch.length === 0) continue;
      const request = { protocol: SYNC_PROTOCOL, deviceId, batchId: crypto.randomUUID(), records: batch.map((s) => s.record) } as const;
      await markSent(db, batch);
      const outcome = await send(endpoint, request, signal);
      report.sent += batch.length;
      if (outcome.kind === 'answered') {
        const applied = await applyPushResults(db, batch, outcome.response.results, merger);
        // Refused for images the server lacks after all: uploaded and sent again in the next round, like a merge.
        const reopened = await resendMissingPhotos(db, batch, outcome.response.results);
        report.acknowledged += applied.acknowledged;
        report.refused += applied.refused - reopened;
        report.merged += applied.merged;
        report.arbitrated += applied.arbitrated;
        merged += applied.merged + reopened;
        continue;
      }
      // A whole-request refusal stored nothing: only an unheard answer leaves a record to be sent again as it was (one
      // sent again already stays so, its first answer may have been lost).
      if (outcome.kind === 'refused') await unmarkSent(db, batch.filter((s) => !s.entry.sent));
      if (outcome.kind === 'refused' && outcome.status === 413 && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        queue.unshift(batch.slice(0, half), batch.slice(half));
      } else if (outcome.kind === 'refused' && [400, 413, 415].includes(outcome.status)) {
        await refuseBatch(db, batch.map((s) => s.entry), outcome.status === 413 ? TOO_LARGE : refusalMessage(outcome));
        report.refused += batch.length;
      } else {
        return endOf(outcome);
      }
    }
    if (merged === 0) return null;
  }
  return null;
}

/**
 * Uploads the images the batch names that the server does not hold yet. A run that cannot (network, 5xx, 429, 503,
 * token) ends as a push would, and no fiche of the batch leaves: the server never holds a fiche naming an image it
 * lacks. A fiche naming an image the server refuses for good is refused here, visibly, saying which photo.
 */
async function withPhotosHeld(options: RunOptions, report: RunReport, batch: Sendable[]): Promise<Sendable[] | RunEnd> {
  const { db, endpoint, signal } = options;
  const photos = await uploadPhotos(db, endpoint, batch.map((s) => s.record), options.upload ?? putAttachment, signal);
  report.uploaded += photos.uploaded;
  if (photos.stopped) return endOf(photos.stopped);
  if (photos.refused.size === 0) return batch;
  const kept: Sendable[] = [];
  for (const sendable of batch) {
    const message = photoRefusalMessage(sendable.record, photos.refused);
    if (message === undefined) kept.push(sendable);
    else {
      await refuseBatch(db, [sendable.entry], message);
      report.refused += 1;
    }
  }
  return kept;
}

/** Pulls every page changed since the cursor; says whether a merge queued something to push. */
async function pull(options: RunOptions, report: RunReport): Promise<{ end?: RunEnd; queued: boolean }> {
  const { db, endpoint, signal, merger, campaign } = options;
  const scope = options.scope ?? [];
  const fetchPage = options.fetchPage ?? fetchChanges;
  const key = cursorKey(campaign, scope);
  let queued = false;
  const startedAt = performance.now();
  let pages = 0;
  let fiches = 0;
  // The next page is asked for while this one is written: it starts at the cursor this page ends at. Should the write
  // fail, that answer is dropped (the request aborted) and the next run starts again from the cursor on disk.
  const ahead = new AbortController();
  const pageSignal = signal ? AbortSignal.any([signal, ahead.signal]) : ahead.signal;
  const ask = (since: string | undefined) => {
    const asked = fetchPage(endpoint, { campaign, since, limit: options.pageSize ?? CHANGES_PAGE, circonscriptions: scope }, pageSignal);
    asked.catch(() => undefined); // awaited below, or dropped with its abort
    return asked;
  };
  signal?.throwIfAborted();
  let next = ask(await getCursor(db, key));
  try {
    for (;;) {
      const outcome = await next;
      signal?.throwIfAborted();
      if (outcome.kind !== 'answered') return { end: endOf(outcome), queued };
      const { changes, cursor, more } = outcome.response;
      if (more) next = ask(cursor);
      const page = await applyPulledPage(db, changes, key, cursor, merger);
      pages += 1;
      fiches += changes.length;
      report.received += changes.length;
      report.pulled += page.taken;
      report.merged += page.merged;
      report.arbitrated += page.arbitrate;
      if (page.merged > 0) queued = true;
      if (!more) {
        options.onPulled?.({ startedAt, ms: performance.now() - startedAt, pages, fiches });
        return { queued };
      }
    }
  } catch (error) {
    ahead.abort();
    throw error;
  }
}
