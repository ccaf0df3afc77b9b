// Who may call a route (sync.md "Roles and tokens"): a request without a valid token is refused (401) before anything
// else is read, and one whose token's role the route does not list is refused whole (403), naming what that role may
// not do. The token's owner is kept on the request: every revision records it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordFailedAuth } from './audit';
import { RequestError } from './errors';
import { refusalMessage, type Access } from './roles';
import type { Store, TokenRecord } from './store/store';
import { bearerToken, findToken, frenchDay, parisDay, tokenState } from './tokens';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request's token was given to; set by `authorize`. */
    tokenOwner: string;
  }
}

const BEARER = { 'www-authenticate': 'Bearer' };
const ASK_AGAIN = "demandez un nouveau jeton à l'administrateur.";

export function decorateTokenOwner(app: FastifyInstance): void {
  if (!app.hasRequestDecorator('tokenOwner')) app.decorateRequest('tokenOwner', '');
}

function unauthorized(message: string): RequestError {
  return new RequestError(401, 'unauthorized', message, BEARER);
}

/** A token was sent and is not one that lets in (unknown, revoked, expired): counted per address (failed-auth-limit.ts). */
export class FailedAuthentication extends RequestError {
  constructor(message: string) {
    super(401, 'unauthorized', message, BEARER);
  }
}

/** The request's token as held, or a 401 naming why there is none (missing, unknown, revoked or expired). */
async function validToken(request: FastifyRequest, store: Store, now: Date): Promise<TokenRecord> {
  const token = bearerToken(request.headers.authorization);
  if (token === null) throw unauthorized("Jeton d'accès manquant : saisissez le jeton fourni par l'administrateur.");
  const record = await findToken(store, token);
  if (record === null) throw new FailedAuthentication("Jeton d'accès inconnu : vérifiez le jeton saisi ou demandez-en un nouveau.");
  switch (tokenState(record, now)) {
    case 'revoked':
      throw new FailedAuthentication(`Jeton révoqué le ${frenchDay(parisDay(new Date(record.revokedAt as string)))} : ${ASK_AGAIN}`);
    case 'expired':
      throw new FailedAuthentication(`Jeton expiré le ${frenchDay(record.expiresOn as string)} à 24 h (heure de Paris) : ${ASK_AGAIN}`);
    case 'valid':
      return record;
  }
}

/** An `onRequest` hook that lets in only a valid token of one of `access.roles`, and keeps its owner on the request. */
export function authorize(store: Store, now: () => Date, access: Access) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = await validToken(request, store, now()).catch(recordFailedAuth(store, request, now()));
    if (!access.roles.includes(token.role)) throw new RequestError(403, 'forbidden', refusalMessage(token.role, access));
    request.tokenOwner = token.owner;
  };
}
