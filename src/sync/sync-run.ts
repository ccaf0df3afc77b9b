// One sync run: the outbox drained batch by batch, each answer applied before the next batch leaves. A run stops at
// the first answer that says "not now" (401, 429, 503, other 5xx, network); what it had not sent stays in the
// outbox, so a crash, a reload or a dropped response at any moment loses nothing and the next run sends again.
import type { AuditDb, OutboxEntry } from '../storage/db';
import { applySyncResults, listSendable, refuseBatch } from '../storage/outbox';
import { SYNC_PROTOCOL } from '../model/sync-protocol';
import { makeBatches } from './batches';
import { sendBatch, type Endpoint, type SendOutcome } from './transport';

export type RunEnd =
  | { kind: 'done' }
  | { kind: 'auth' }
  | { kind: 'later'; retryAfterMs: number | undefined; reason: string };

export interface RunReport {
  end: RunEnd;
  sent: number;
  acknowledged: number;
  refused: number;
}

export interface RunOptions {
  db: AuditDb;
  endpoint: Endpoint;
  deviceId: string;
  signal?: AbortSignal;
  /** Replaceable in tests (fault injection); the real POST otherwise. */
  send?: typeof sendBatch;
  maxRecords?: number;
}

const TOO_LARGE = "Cette fiche est trop volumineuse pour être envoyée (plus de 1 Mio) : réduisez ses remarques.";

function refusalMessage(outcome: Extract<SendOutcome, { kind: 'refused' }>): string {
  return outcome.error?.message ?? `Le serveur a refusé l'envoi (erreur ${outcome.status}).`;
}

export async function runSync(options: RunOptions): Promise<RunReport> {
  const { db, endpoint, deviceId, signal } = options;
  const send = options.send ?? sendBatch;
  const report: RunReport = { end: { kind: 'done' }, sent: 0, acknowledged: 0, refused: 0 };
  const queue: OutboxEntry[][] = makeBatches(await listSendable(db), options.maxRecords);
  while (queue.length > 0) {
    signal?.throwIfAborted();
    const batch = queue.shift() as OutboxEntry[];
    const request = { protocol: SYNC_PROTOCOL, deviceId, batchId: crypto.randomUUID(), records: batch.map((e) => e.record) } as const;
    const outcome = await send(endpoint, request, signal);
    report.sent += batch.length;
    if (outcome.kind === 'answered') {
      const applied = await applySyncResults(db, outcome.response.results);
      report.acknowledged += applied.acknowledged;
      report.refused += applied.refused;
      continue;
    }
    if (outcome.kind === 'unreachable') return { ...report, end: { kind: 'later', retryAfterMs: undefined, reason: outcome.reason } };
    const { status } = outcome;
    if (status === 401) return { ...report, end: { kind: 'auth' } };
    if (status === 413 && batch.length > 1) {
      const half = Math.ceil(batch.length / 2);
      queue.unshift(batch.slice(0, half), batch.slice(half));
    } else if (status === 413 || status === 400 || status === 415) {
      await refuseBatch(db, batch, status === 413 ? TOO_LARGE : refusalMessage(outcome));
      report.refused += batch.length;
    } else {
      return { ...report, end: { kind: 'later', retryAfterMs: outcome.retryAfterMs, reason: refusalMessage(outcome) } };
    }
  }
  return report;
}
