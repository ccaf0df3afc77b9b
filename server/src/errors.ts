// Every whole-request answer of the API is `{ "error": "code", "message": "French sentence" }` (sync.md), Fastify's
// own refusals (body parsing, size, media type, a URL it cannot decode) included; those Node answers on the socket
// itself, before Fastify sees a request, are in http-limits.ts.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { SyncError } from '../../src/model/sync-protocol';

/** A refusal of the whole request, thrown by a handler or a hook and shaped by `sendError`. */
export class RequestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

// Fastify's error codes and the answer a device (or a person reading the logs) can act on.
const FASTIFY_ERRORS: Record<string, SyncError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { error: 'invalid_json', message: "Le corps de la requête n'est pas du JSON valide." },
  FST_ERR_CTP_EMPTY_JSON_BODY: { error: 'invalid_json', message: 'Le corps de la requête est vide.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { error: 'payload_too_large', message: 'Requête trop volumineuse : au plus 1 Mio par envoi.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    error: 'unsupported_media_type',
    message: 'Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json).',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { error: 'invalid_request', message: "La taille du corps ne correspond pas à l'en-tête Content-Length." },
  FST_ERR_BAD_URL: { error: 'invalid_url', message: "Adresse invalide : elle contient un caractère encodé (%…) qui n'est pas de l'UTF-8 valide." },
  FST_ERR_MAX_PARAM_LENGTH: { error: 'invalid_url', message: 'Adresse invalide : un de ses segments est trop long.' },
};

const BY_STATUS: Record<number, SyncError> = {
  400: { error: 'invalid_request', message: 'Requête invalide.' },
  404: { error: 'not_found', message: 'Adresse inconnue.' },
  405: { error: 'method_not_allowed', message: 'Méthode non prise en charge à cette adresse.' },
  413: { error: 'payload_too_large', message: 'Requête trop volumineuse.' },
  414: { error: 'invalid_url', message: 'Adresse trop longue.' },
  415: { error: 'unsupported_media_type', message: 'Type de contenu non pris en charge.' },
};

const INTERNAL: SyncError = { error: 'internal_error', message: 'Erreur interne du serveur : réessayez plus tard.' };

export function sendError(reply: FastifyReply, statusCode: number, body: SyncError): FastifyReply {
  return reply.code(statusCode).type('application/json; charset=utf-8').send(body);
}

/** The app's error handler: known refusals keep their status; anything else is a logged 500. */
export function handleError(error: FastifyError | RequestError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof RequestError) {
    reply.headers(error.headers);
    return sendError(reply, error.statusCode, { error: error.code, message: error.message });
  }
  const statusCode = error.statusCode ?? 500;
  if (statusCode >= 500) {
    request.log.error(error);
    return sendError(reply, 500, INTERNAL);
  }
  const known = (error.code && FASTIFY_ERRORS[error.code]) || BY_STATUS[statusCode] || BY_STATUS[400];
  return sendError(reply, statusCode, known as SyncError);
}

export function notFound(reply: FastifyReply): FastifyReply {
  return sendError(reply, 404, BY_STATUS[404] as SyncError);
}
