// POST /api/v1/sync (role auditeur or admin): the token, its role and the media type are checked before the body is
// read, so that a request without a valid token costs the server nothing, and so is the store's work queue (full, it
// answers 503 at once); then the envelope, then the batch (sync.ts) in its turn.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BATCH_MAX_BYTES } from '../../src/model/sync-protocol';
import type { SyncResponse } from '../../src/model/sync-protocol';
import { parseEnvelope } from './envelope';
import type { ServerContext } from './app';
import { authorize, decorateTokenOwner } from './auth';
import { RequestError } from './errors';
import { queued, refuseWhenQueueFull } from './load-shedding';
import { PUSH } from './roles';
import { handleBatch } from './sync';

export function registerSyncRoute(app: FastifyInstance, { store, now, territory, work }: ServerContext): void {
  decorateTokenOwner(app);
  app.post(
    '/api/v1/sync',
    { bodyLimit: BATCH_MAX_BYTES, onRequest: [authorize(store, now, PUSH), requireJson, refuseWhenQueueFull(work)] },
    async (request): Promise<SyncResponse> => {
      const batch = parseEnvelope(request.body);
      // The records' validation and the store's transaction: the thread's work, taken in turn with the others'.
      return queued(work, () => handleBatch(store, batch, request.tokenOwner, now(), territory));
    },
  );
}

// Fastify would also parse text/plain; the protocol accepts JSON only.
export async function requireJson(request: FastifyRequest): Promise<void> {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new RequestError(415, 'unsupported_media_type', 'Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json).');
  }
}
