// GET /api/v1/referential (every role): the référentiel in force, which devices compute with; a device sends back the
// ETag it was given and gets a 304 while no other version is published. The ETag is the hash of the body: every
// instance of the server answers the same one for the same référentiel, whichever answers.
// PUT /api/v1/referential (role admin): publishes a référentiel (the body) under the version `?version=` or the next
// one the server numbers; 400 naming each wrong field, 409 when the version is already published.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Referential } from '../../src/model/referential';
import type { ServerContext } from './app';
import { authorize, decorateTokenOwner } from './auth';
import { sendError } from './errors';
import { matchesEtag } from './etag';
import { publishReferential, referentialInForce, versionTakenMessage } from './referential';
import { PUBLISH_REFERENTIAL, READ_REFERENTIAL } from './roles';
import { requireJson } from './sync-route';

/** A référentiel is a few kilobytes; a body far larger is no référentiel. */
export const REFERENTIAL_MAX_BYTES = 64 * 1024;

/** At most this many of a refused body's errors are answered, the first ones. */
export const REFERENTIAL_MAX_ERRORS = 20;

export function referentialBody(referential: Referential): { body: string; etag: string } {
  const body = JSON.stringify(referential);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
}

export function registerReferentialRoute(app: FastifyInstance, { store, now, territory }: ServerContext): void {
  decorateTokenOwner(app);

  app.get('/api/v1/referential', { onRequest: [authorize(store, now, READ_REFERENTIAL)] }, async (request, reply) => {
    const { body, etag } = referentialBody(await referentialInForce(store, territory));
    reply.header('etag', etag);
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.put<{ Querystring: { version?: string } }>(
    '/api/v1/referential',
    { bodyLimit: REFERENTIAL_MAX_BYTES, onRequest: [authorize(store, now, PUBLISH_REFERENTIAL), requireJson] },
    async (request, reply) => {
      const version = request.query.version;
      const outcome = await publishReferential(store, territory, { body: request.body, version: version === '' ? undefined : version, by: request.tokenOwner, via: 'api', at: now() });
      if (outcome.status === 'invalid') {
        const errors = outcome.errors.slice(0, REFERENTIAL_MAX_ERRORS);
        const more = outcome.errors.length - errors.length;
        const message = `Référentiel refusé, rien n'est publié : ${errors.map((e) => e.message).join(' ')}${more > 0 ? ` (et ${more} autres erreurs)` : ''}`;
        return reply.code(400).type('application/json; charset=utf-8').send({ error: 'invalid_referential', message, errors });
      }
      if (outcome.status === 'version-taken') return sendError(reply, 409, { error: 'version_taken', message: versionTakenMessage(outcome.version) });
      const { body, etag } = referentialBody(outcome.referential);
      return reply.code(201).header('etag', etag).type('application/json; charset=utf-8').send(body);
    },
  );
}
