// GET /api/v1/health (sync.md, "Other endpoints"): `{ "status": "ok" }` only when the store answers and accepts a
// write, since a device takes "ok" to mean its fiches can be stored; a 503 in French otherwise. The write is real
// (committed, on disk), so it is made at most once per `probeIntervalMs` and its verdict shared meanwhile: a device
// polling, or a load balancer, costs one small write a second at most. No token: it says nothing about the data.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from './app';
import { RequestError } from './errors';
import type { Store } from './store/store';

export const HEALTH_PROBE_INTERVAL_MS = 1_000;

const RETRY_AFTER_S = 30;

type Verdict = { ok: true } | { ok: false; message: string; cause: unknown };

async function probe(store: Store): Promise<Verdict> {
  try {
    await store.ping();
  } catch (cause) {
    return { ok: false, message: 'La base de données ne répond pas : les fiches envoyées ne peuvent pas être enregistrées.', cause };
  }
  try {
    await store.probeWrite();
  } catch (cause) {
    return {
      ok: false,
      message: "La base de données n'accepte plus d'écriture (disque plein ou fichier en lecture seule) : les fiches envoyées ne peuvent pas être enregistrées.",
      cause,
    };
  }
  return { ok: true };
}

/** The last verdict, or a new probe once it is older than `intervalMs`; concurrent callers share one probe. */
export function cachedProbe(store: Store, intervalMs: number): () => Promise<Verdict & { fresh: boolean }> {
  let last: { at: number; verdict: Promise<Verdict> } | null = null;
  return async () => {
    const now = performance.now();
    if (last !== null && now - last.at < intervalMs) return { ...(await last.verdict), fresh: false };
    last = { at: now, verdict: probe(store) };
    return { ...(await last.verdict), fresh: true };
  };
}

export function registerHealthRoute(app: FastifyInstance, { store, limits }: ServerContext): void {
  const check = cachedProbe(store, limits.healthProbeIntervalMs);
  app.get('/api/v1/health', async (request) => {
    const verdict = await check();
    if (verdict.ok) return { status: 'ok' };
    // Logged once per probe, not once per request.
    if (verdict.fresh) request.log.error({ err: verdict.cause }, `Santé : ${verdict.message}`);
    throw new RequestError(503, 'storage_unavailable', verdict.message, { 'retry-after': String(RETRY_AFTER_S) });
  });
}
