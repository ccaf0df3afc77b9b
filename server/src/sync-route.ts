// POST /api/v1/sync: the token and the media type are checked before the body is read, so that a request without
// a valid token costs the server nothing; then the envelope, then the batch (sync.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BATCH_MAX_BYTES } from '../../src/model/sync-protocol';
import type { SyncResponse } from '../../src/model/sync-protocol';
import { parseEnvelope } from './envelope';
import { authenticate, decorateTokenOwner } from './auth';
import { RequestError } from './errors';
import type { Store } from './store/store';
import { handleBatch } from './sync';

export function registerSyncRoute(app: FastifyInstance, store: Store, now: () => Date): void {
  decorateTokenOwner(app);
  app.post(
    '/api/v1/sync',
    { bodyLimit: BATCH_MAX_BYTES, onRequest: [authenticate(store), requireJson] },
    async (request): Promise<SyncResponse> => handleBatch(store, parseEnvelope(request.body), request.tokenOwner, now()),
  );
}

// Fastify would also parse text/plain; the protocol accepts JSON only.
async function requireJson(request: FastifyRequest): Promise<void> {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new RequestError(415, 'unsupported_media_type', 'Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json).');
  }
}
