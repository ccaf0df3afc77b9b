// The API's access tokens (sync.md): a request without a known token is refused before anything else is read.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RequestError } from './errors';
import type { Store } from './store/store';
import { bearerToken, ownerOfToken } from './tokens';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request's token was given to; set by `authenticate`. */
    tokenOwner: string;
  }
}

const BEARER = { 'www-authenticate': 'Bearer' };

export function decorateTokenOwner(app: FastifyInstance): void {
  if (!app.hasRequestDecorator('tokenOwner')) app.decorateRequest('tokenOwner', '');
}

export function authenticate(store: Store) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request.headers.authorization);
    if (token === null) {
      throw new RequestError(401, 'unauthorized', "Jeton d'accès manquant : saisissez le jeton fourni par l'administrateur.", BEARER);
    }
    const owner = await ownerOfToken(store, token);
    if (owner === null) {
      throw new RequestError(401, 'unauthorized', "Jeton d'accès inconnu : vérifiez le jeton saisi ou demandez-en un nouveau.", BEARER);
    }
    request.tokenOwner = owner;
  };
}
