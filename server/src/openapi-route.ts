// GET /api/v1/openapi.json (sync.md "Other endpoints"): the API's OpenAPI 3.1 description (openapi.ts), without a token
// since it describes the API and holds no data. Built at start, so that a schema the converter cannot read stops the
// start rather than a request; built again only when the year changes (validation bounds years by the current one).
// With an ETag, as the directory: an unchanged document costs a 304.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from './app';
import { matchesEtag } from './etag';
import { openApiDocument } from './openapi';

interface Built {
  year: number;
  body: string;
  etag: string;
}

export function registerOpenApiRoute(app: FastifyInstance, { now }: ServerContext): void {
  let built: Built | null = null;
  const documentOf = (year: number): Built => {
    if (built?.year !== year) {
      const body = JSON.stringify(openApiDocument(year));
      built = { year, body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
    }
    return built;
  };
  documentOf(now().getUTCFullYear());

  app.get('/api/v1/openapi.json', async (request, reply) => {
    const { body, etag } = documentOf(now().getUTCFullYear());
    reply.header('etag', etag);
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });
}
