// What a connection may cost the server (sync.md, "Whole-request answers"): headers within 10 s and a body within
// 30 s of the connection, else the connection is closed; at most 1,000 open connections. Node enforces these on the
// socket, before Fastify sees a request, and answers its own refusals there (timeout, header too large, bytes that are
// not HTTP): `answerOnSocket` makes those the same French JSON, with the same security headers, as every other answer.
import { STATUS_CODES, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyServerOptions } from 'fastify';
import type { SyncError } from '../../src/model/sync-protocol';
import { SECURITY_HEADERS } from './web';

export interface ConnectionLimits {
  /** From the connection (or the end of the previous request on it) to the end of the headers. */
  headersTimeoutMs: number;
  /** From the connection to the end of the body. */
  requestTimeoutMs: number;
  /** A socket on which nothing moves for this long is closed (a client that stops reading an answer, say). */
  idleTimeoutMs: number;
  /** Connections past this many are closed as soon as they open. */
  maxConnections: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 120_000,
  maxConnections: 1_000,
};

// Node looks for late requests every `connectionsCheckingInterval` (30 s by default): a 30 s limit could then take a
// minute. A few checks per limit keep it close, at the cost of a walk over the open connections.
const CHECKS_PER_TIMEOUT = 4;
const MAX_CHECK_INTERVAL_MS = 1_000;

/** Fastify's options that carry the limits to Node's HTTP server; `maxConnections` is set on the server itself. */
export function connectionOptions(limits: ConnectionLimits): Pick<FastifyServerOptions, 'requestTimeout' | 'connectionTimeout'> & {
  http: ServerOptions;
} {
  const checkEveryMs = Math.max(10, Math.min(MAX_CHECK_INTERVAL_MS, Math.floor(limits.headersTimeoutMs / CHECKS_PER_TIMEOUT)));
  return {
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: checkEveryMs,
    },
  };
}

const seconds = (ms: number) => Math.round(ms / 1000);

/** What Node's refusal means, as the one who sent the request can act on it. */
function refusalOf(error: NodeJS.ErrnoException, limits: ConnectionLimits): { status: number; body: SyncError } {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        body: {
          error: 'request_timeout',
          message: `Requête reçue trop lentement : les en-têtes doivent arriver en ${seconds(limits.headersTimeoutMs)} s et le corps en ${seconds(limits.requestTimeoutMs)} s. La connexion est fermée.`,
        },
      };
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        body: { error: 'headers_too_large', message: 'En-têtes de la requête trop volumineux. La connexion est fermée.' },
      };
    default:
      return { status: 400, body: { error: 'invalid_request', message: "Requête HTTP mal formée. La connexion est fermée." } };
  }
}

/** The headers of an answer Fastify does not send itself: JSON, the security headers, never cached. */
function jsonHeaders(json: string): Record<string, string | number> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  };
}

/** A whole answer written on the socket, after which the connection is closed. */
function rawAnswer(status: number, body: SyncError): string {
  const json = JSON.stringify(body);
  const lines = Object.entries({ ...jsonHeaders(json), connection: 'close' }).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${lines.join('\r\n')}\r\n\r\n${json}`;
}

/** Node's socket carries the answer in progress; a refusal must not be written after an answer has begun. */
function answerBegun(socket: Socket): boolean {
  const response = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return response?.headersSent === true;
}

/** Fastify's `clientErrorHandler`: Node's refusals in French, then the connection closed. */
export function answerOnSocket(limits: ConnectionLimits) {
  return (error: NodeJS.ErrnoException, socket: Socket): void => {
    // A connection reset leaves nobody to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (socket.writable && !answerBegun(socket)) {
      const { status, body } = refusalOf(error, limits);
      socket.write(rawAnswer(status, body));
    }
    socket.destroy();
  };
}

/** An `Expect` header other than `100-continue`: Node would answer a bare 417 on its own. */
export function refuseExpectation(_request: IncomingMessage, response: ServerResponse): void {
  const body: SyncError = { error: 'expectation_failed', message: "En-tête Expect non pris en charge : n'envoyez que « Expect: 100-continue »." };
  const json = JSON.stringify(body);
  response.writeHead(417, jsonHeaders(json)).end(json);
}
