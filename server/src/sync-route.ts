// POST /api/v1/sync: the token and the media type are checked before the body is read, so that a request without
// a valid token costs the server nothing; then the envelope, then the batch (sync.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BATCH_MAX_BYTES } from '../../src/model/sync-protocol';
import type { SyncResponse } from '../../src/model/sync-protocol';
import { parseEnvelope } from './envelope';
import { RequestError } from './errors';
import type { Db } from './store';
import { handleBatch } from './sync';
import { bearerToken, ownerOfToken } from './tokens';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request's token was given to; set by the sync route's authentication. */
    tokenOwner: string;
  }
}

export function registerSyncRoute(app: FastifyInstance, db: Db, now: () => Date): void {
  app.decorateRequest('tokenOwner', '');
  app.post(
    '/api/v1/sync',
    { bodyLimit: BATCH_MAX_BYTES, onRequest: [authenticate(db), requireJson] },
    async (request): Promise<SyncResponse> => handleBatch(db, parseEnvelope(request.body), request.tokenOwner, now()),
  );
}

const BEARER = { 'www-authenticate': 'Bearer' };

function authenticate(db: Db) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request.headers.authorization);
    if (token === null) {
      throw new RequestError(401, 'unauthorized', "Jeton d'accès manquant : saisissez le jeton fourni par l'administrateur.", BEARER);
    }
    const owner = ownerOfToken(db, token);
    if (owner === null) {
      throw new RequestError(401, 'unauthorized', "Jeton d'accès inconnu : vérifiez le jeton saisi ou demandez-en un nouveau.", BEARER);
    }
    request.tokenOwner = owner;
  };
}

// Fastify would also parse text/plain; the protocol accepts JSON only.
async function requireJson(request: FastifyRequest): Promise<void> {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new RequestError(415, 'unsupported_media_type', 'Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json).');
  }
}
