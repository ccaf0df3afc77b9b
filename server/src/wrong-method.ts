// A method an API address does not take is a 405 naming those it does (`Allow`), not a 404 that says the address
// does not exist (RFC 9110 §15.5.6). The API's routes are noted as they are registered; `answerWrongMethods` then
// gives every API address a route for each other method, so the router itself matches the address, parameters
// included. OPTIONS is left alone: it is CORS's preflight when an origin is allowed.
import type { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify';
import { RequestError } from './errors';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Starts noting the API's routes; call the function it answers once they are all registered. */
export function noteApiRoutes(app: FastifyInstance): () => void {
  const methodsOf = new Map<string, Set<string>>();
  let noting = true;
  app.addHook('onRoute', (route) => {
    if (!noting || !route.url.startsWith('/api/')) return;
    const methods = methodsOf.get(route.url) ?? new Set<string>();
    for (const method of [route.method].flat()) methods.add(method.toUpperCase());
    // Fastify answers HEAD for every GET route.
    if (methods.has('GET')) methods.add('HEAD');
    methodsOf.set(route.url, methods);
  });
  return () => {
    noting = false;
    for (const [url, methods] of methodsOf) answerWrongMethods(app, url, methods);
  };
}

function answerWrongMethods(app: FastifyInstance, url: string, allowed: ReadonlySet<string>): void {
  const others = METHODS.filter((method) => !allowed.has(method));
  if (others.length === 0) return;
  const allow = METHODS.filter((method) => allowed.has(method));
  const refuse = async (request: FastifyRequest) => {
    const message = `Méthode ${request.method} non prise en charge à cette adresse : ${allow.join(', ')} seulement.`;
    throw new RequestError(405, 'method_not_allowed', message, { allow: allow.join(', ') });
  };
  // Refused before the body is read, whatever its media type and size.
  app.route({ method: others as HTTPMethods[], url, onRequest: refuse, handler: refuse });
}
