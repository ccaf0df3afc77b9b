// PUT and GET /api/v1/attachments/<sha256> (sync.md v2): the photos of fiches, by the SHA-256 of their bytes. A device
// uploads each photo before the fiche that references it, as many times as its retries take: the first upload
// answers 201, any later one 200, and the server keeps one copy. The token, its role, the name, the media type and a
// declared size are checked before the body is read; then the bytes themselves (attachments.ts): their first bytes
// must be the declared type's, their hash the name. Every role reads (a lecteur sees the fiches, so their photos);
// auditeur and admin write. Not through the store's work queue, which orders pushes and pulls: a photo is hashed in a
// few milliseconds and written by the file system or the database off the thread, and no push waits for it.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from './app';
import { authorize, decorateTokenOwner } from './auth';
import { ATTACHMENT_CACHE_CONTROL, isPhotoType, isSha256, NAME_PROBLEM, PHOTO_MAX_BYTES, PHOTO_TYPES, TOO_LARGE_PROBLEM, TYPE_PROBLEM, uploadProblem, type UploadProblem } from './attachments';
import { handleError, RequestError } from './errors';
import { matchesEtag } from './etag';
import { GET_ATTACHMENT, PUT_ATTACHMENT } from './roles';
import type { PhotoType } from '../../src/model/types';

export const ATTACHMENT_PATH = '/api/v1/attachments/:sha256';

type Params = { Params: { sha256: string } };

const refused = (status: number, problem: UploadProblem) => new RequestError(status, problem.code, problem.message);

function mediaTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

async function requireSha256Name(request: FastifyRequest<Params>): Promise<void> {
  if (!isSha256(request.params.sha256)) throw refused(400, NAME_PROBLEM);
}

async function requirePhotoType(request: FastifyRequest): Promise<void> {
  if (!isPhotoType(mediaTypeOf(request))) throw refused(415, TYPE_PROBLEM);
}

// Fastify refuses a declared Content-Length past the route's limit before reading, and a body that grows past it while
// it is read, with its own error: told here in the photo's terms (Fastify's word for the sync route says 1 Mio).
function answerUploadError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return handleError(refused(413, TOO_LARGE_PROBLEM), request, reply);
  return handleError(error, request, reply);
}

export function registerAttachmentRoutes(app: FastifyInstance, { store, now }: ServerContext): void {
  decorateTokenOwner(app);
  // The two image types are read as bytes, whatever the route; every other route refuses them before its body is read
  // (requireJson, or a method it does not take), so this parser only ever runs for an upload. The size limit is the
  // route's (bodyLimit below), which Fastify applies in place of the parser's.
  if (!app.hasContentTypeParser(PHOTO_TYPES[0])) {
    app.addContentTypeParser([...PHOTO_TYPES], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  }

  app.put<Params>(
    ATTACHMENT_PATH,
    {
      bodyLimit: PHOTO_MAX_BYTES,
      onRequest: [authorize(store, now, PUT_ATTACHMENT), requireSha256Name, requirePhotoType],
      errorHandler: answerUploadError,
    },
    async (request, reply) => {
      const { sha256 } = request.params;
      const type = mediaTypeOf(request) as PhotoType;
      // A request that declares a type and sends no body at all is not parsed: no bytes.
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const problem = uploadProblem(sha256, type, bytes);
      if (problem !== null) throw refused(400, problem);
      const outcome = await store.attachments.put(sha256, type, bytes);
      return reply.code(outcome === 'created' ? 201 : 200).send({ sha256, type, bytes: bytes.length });
    },
  );

  app.get<Params>(ATTACHMENT_PATH, { onRequest: [authorize(store, now, GET_ATTACHMENT), requireSha256Name] }, async (request, reply) => {
    const { sha256 } = request.params;
    const notHeld = () => new RequestError(404, 'not_found', `Photo ${sha256} inconnue du serveur : elle n'a pas été reçue.`);
    // The name is the content's hash, so it is the strong validator: a device holding it needs nothing more.
    const etag = `"${sha256}"`;
    if (matchesEtag(request.headers['if-none-match'], etag)) {
      if ((await store.attachments.held([sha256])).size === 0) throw notHeld();
      return reply.code(304).header('etag', etag).header('cache-control', ATTACHMENT_CACHE_CONTROL).send();
    }
    const photo = await store.attachments.get(sha256);
    if (photo === undefined) throw notHeld();
    return reply
      .header('etag', etag)
      .header('cache-control', ATTACHMENT_CACHE_CONTROL)
      .type(photo.type)
      .send(Buffer.from(photo.bytes.buffer, photo.bytes.byteOffset, photo.bytes.byteLength));
  });
}
