// GET /api/v1/schools: the school directory, so that devices get it from the server. A device keeps the ETag it
// was given and sends it back in If-None-Match: an unchanged directory then costs a 304 and no body. Every role may
// read it, and so may a request without a token: the device asks for it without one (src/state/directory-import.ts),
// and it holds only published open data (annuaire, effectifs, IPS).
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from './app';
import { matchesEtag } from './etag';

export function registerSchoolsRoute(app: FastifyInstance, { store }: ServerContext): void {
  app.get('/api/v1/schools', async (request, reply) => {
    const body = JSON.stringify(await store.directory.list());
    const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
    reply.header('etag', etag);
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });
}
