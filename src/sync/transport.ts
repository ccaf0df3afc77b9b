// One POST of a batch to the endpoint, or one GET of a page of changes, and what came back, without interpretation
// beyond HTTP.
import type { ChangesResponse, SyncError, SyncRequest, SyncResponse } from '../model/sync-protocol';
import { retryAfterMs } from './backoff';

export const SYNC_REQUEST_TIMEOUT_MS = 60_000;

export type Outcome<T> =
  | { kind: 'answered'; response: T }
  | { kind: 'refused'; status: number; error: SyncError | null; retryAfterMs: number | undefined }
  | { kind: 'unreachable'; reason: string };

export type SendOutcome = Outcome<SyncResponse>;

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

export function sendBatch(endpoint: Endpoint, request: SyncRequest, signal?: AbortSignal): Promise<SendOutcome> {
  const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) };
  return call<SyncResponse>(endpoint.url, endpoint, init, (body) => Array.isArray(body.results), signal);
}

export interface ChangesQuery {
  campaign: string;
  since: string | undefined;
  limit: number;
  /** Circonscription labels; none: the whole département. */
  circonscriptions: readonly string[];
}

/** GET …/changes next to the sync endpoint: one page of heads changed since the cursor. */
export function fetchChanges(endpoint: Endpoint, query: ChangesQuery, signal?: AbortSignal): Promise<Outcome<ChangesResponse>> {
  const url = new URL('changes', endpoint.url);
  url.searchParams.set('campaign', query.campaign);
  if (query.since !== undefined) url.searchParams.set('since', query.since);
  url.searchParams.set('limit', String(query.limit));
  for (const label of query.circonscriptions) url.searchParams.append('circonscription', label);
  return call<ChangesResponse>(url.href, endpoint, { method: 'GET', cache: 'no-store' }, (body) => Array.isArray(body.changes) && typeof body.cursor === 'string', signal);
}

function call<T>(url: string, endpoint: Endpoint, init: RequestInit, readable: (body: T) => boolean, signal?: AbortSignal): Promise<Outcome<T>> {
  return request(url, endpoint, init, async (response) => {
    const body = (await response.json()) as T;
    return readable(body) ? body : undefined;
  }, signal);
}

/**
 * One authorised request and what came back. `read` turns a 2xx answer into its value, or undefined when it cannot
 * (then `unreachable`, "réponse du serveur illisible"); any other status is `refused`, with the server's French error.
 */
export async function request<T>(
  url: string,
  endpoint: Endpoint,
  init: RequestInit,
  read: (response: Response) => Promise<T | undefined>,
  signal?: AbortSignal,
): Promise<Outcome<T>> {
  const timeout = AbortSignal.timeout(SYNC_REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string> | undefined), Authorization: `Bearer ${endpoint.token}` },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (response.ok) {
      const value = await read(response);
      if (value === undefined) return { kind: 'unreachable', reason: 'réponse du serveur illisible' };
      return { kind: 'answered', response: value };
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

export type ReferentialOutcome = { kind: 'unchanged' } | { kind: 'answered'; body: unknown; etag: string | null } | { kind: 'failed' };

/**
 * GET …/referential next to the sync endpoint, sending back the ETag of the one held: a 304 while the Département
 * publishes nothing new. A failure is only `failed`: the device keeps computing with what it has.
 */
export async function fetchReferential(endpoint: Endpoint, etag: string | null, signal?: AbortSignal): Promise<ReferentialOutcome> {
  const timeout = AbortSignal.timeout(SYNC_REQUEST_TIMEOUT_MS);
  try {
    const headers: Record<string, string> = { Authorization: `Bearer ${endpoint.token}` };
    if (etag !== null) headers['If-None-Match'] = etag;
    const response = await fetch(new URL('referential', endpoint.url), { headers, cache: 'no-store', signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    if (response.status === 304) return { kind: 'unchanged' };
    if (!response.ok) return { kind: 'failed' };
    return { kind: 'answered', body: await response.json(), etag: response.headers.get('ETag') };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { kind: 'failed' };
  }
}
