// One POST of a batch to the endpoint, and what came back, without interpretation beyond HTTP.
import type { SyncError, SyncRequest, SyncResponse } from '../model/sync-protocol';
import { retryAfterMs } from './backoff';

export const SYNC_REQUEST_TIMEOUT_MS = 60_000;

export type SendOutcome =
  | { kind: 'answered'; response: SyncResponse }
  | { kind: 'refused'; status: number; error: SyncError | null; retryAfterMs: number | undefined }
  | { kind: 'unreachable'; reason: string };

export interface Endpoint {
  url: string;
  token: string;
}

async function errorBody(response: Response): Promise<SyncError | null> {
  try {
    const body = (await response.json()) as Partial<SyncError>;
    return typeof body.message === 'string' ? { error: String(body.error ?? ''), message: body.message } : null;
  } catch {
    return null;
  }
}

export async function sendBatch(endpoint: Endpoint, request: SyncRequest, signal?: AbortSignal): Promise<SendOutcome> {
  const timeout = AbortSignal.timeout(SYNC_REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${endpoint.token}` },
      body: JSON.stringify(request),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (response.ok) {
      const body = (await response.json()) as SyncResponse;
      if (!Array.isArray(body.results)) return { kind: 'unreachable', reason: 'réponse du serveur illisible' };
      return { kind: 'answered', response: body };
    }
    return { kind: 'refused', status: response.status, error: await errorBody(response), retryAfterMs: retryAfterMs(response.headers.get('Retry-After')) };
  } catch (error) {
    if (signal?.aborted) throw error;
    // The browser's own words ("Failed to fetch") are English: the user reads what happened, in French.
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return { kind: 'unreachable', reason: timedOut ? "le serveur n'a pas répondu à temps" : 'la connexion au serveur a été coupée' };
  }
}

/** GET …/health next to the sync endpoint: the device's judge of being online (navigator.onLine can be wrong). */
export async function probeHealth(endpoint: Endpoint, timeoutMs = 5000): Promise<boolean> {
  try {
    const response = await fetch(new URL('health', endpoint.url), { signal: AbortSignal.timeout(timeoutMs), cache: 'no-store' });
    return response.ok;
  } catch {
    return false;
  }
}
