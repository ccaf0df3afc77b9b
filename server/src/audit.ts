// What the server and its CLIs write to the audit log (store.audit): who ran a CLI, a failed authentication and an
// export. Writing the log never changes a request's answer: a failure to write it is logged, and the request goes on.
import { userInfo } from 'node:os';
import type { FastifyRequest } from 'fastify';
import type { SheetSlug } from '../../src/export/sheet';
import { RequestError } from './errors';
import type { Store } from './store/store';

/** The system account running a CLI: who created a token, imported the directory or made a backup. */
export function cliActor(): string {
  try {
    return userInfo().username;
  } catch {
    // A container's user may have no entry in /etc/passwd.
    return process.env.USER ?? process.env.LOGNAME ?? `uid ${process.getuid?.() ?? '?'}`;
  }
}

/**
 * For `validToken(…).catch(…)`: counts a refused token (401) of `request`'s address in the minute of `at`, then
 * rethrows whatever was thrown, so that the request gets the answer it would have had.
 */
export function recordFailedAuth(store: Store, request: FastifyRequest, at: Date): (error: unknown) => Promise<never> {
  return async (error) => {
    if (error instanceof RequestError && error.statusCode === 401) {
      await store.audit.failedAuth(request.ip, at).catch((cause: unknown) => request.log.error({ err: cause }, 'audit log: failed authentication not counted'));
    }
    throw error;
  };
}

/** Records an export sent to the owner of `request`'s token. */
export async function recordExport(
  store: Store,
  request: FastifyRequest,
  at: Date,
  file: { campaign: string; format: 'xlsx' | 'csv'; sheet?: SheetSlug },
): Promise<void> {
  const event = { kind: 'export', at: at.toISOString(), by: request.tokenOwner, campaign: file.campaign, format: file.format, sheet: file.sheet ?? null } as const;
  await store.audit.record(event).catch((cause: unknown) => request.log.error({ err: cause }, 'audit log: export not recorded'));
}
