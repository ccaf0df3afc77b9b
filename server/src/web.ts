// What every response carries (security headers, cache policy), and the built app served on the API's origin,
// with every other path answered by index.html so that a deep link opens the app.
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { handleError, notFound } from './errors';

// No inline script anywhere; blob: workers are those the spreadsheet writer spawns (setup.md). 'wasm-unsafe-eval'
// lets the barcode decoder's WebAssembly compile (Chromium refuses it under plain 'self'); it allows no eval() of JS.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

// Vite names the files under /assets/ by their content: they never change under one name.
const IMMUTABLE = 'public, max-age=31536000, immutable';

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/';
}

function isApi(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * API answers are never cached (they hold audits, and a token may have been sent), except where the route says how
 * (a photo, which never changes under its name: attachments-route.ts). The app's files are revalidated on every load,
 * sw.js included, so that a new version is found; the service worker keeps the app offline.
 */
function cacheControl(request: FastifyRequest, reply: FastifyReply): string {
  const path = pathOf(request);
  if (isApi(path)) {
    const own = reply.getHeader('cache-control');
    return typeof own === 'string' && reply.statusCode < 400 ? own : 'no-store';
  }
  if (reply.statusCode === 200 && path.startsWith('/assets/')) return IMMUTABLE;
  return 'no-cache';
}

function setResponseHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(SECURITY_HEADERS);
  reply.header('cache-control', cacheControl(request, reply));
}

export function addResponseHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    setResponseHeaders(request, reply);
    return payload;
  });
}

/** Fastify's `frameworkErrors` (a URL it cannot decode): answered outside any route, so no hook adds the headers. */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  setResponseHeaders(request, reply);
  return handleError(error, request, reply);
}

/**
 * Serves `staticDir` (the built app, dist/) on `/`, or answers unknown paths with a JSON 404 when there is none.
 * The build writes a Brotli (.br) and a gzip (.gz) copy next to each text file: a browser that accepts one gets it,
 * with `Vary: Accept-Encoding`, so that nothing is compressed while a tablet waits.
 */
export async function serveApp(app: FastifyInstance, staticDir: string | undefined): Promise<void> {
  if (staticDir !== undefined) {
    await app.register(fastifyStatic, { root: staticDir, wildcard: true, cacheControl: false, preCompressed: true });
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (staticDir !== undefined && isAppRoute(request)) return reply.sendFile('index.html');
    return notFound(reply);
  });
}

// A navigation to a screen of the app, not a missing file (/assets/x.js stays a 404).
function isAppRoute(request: FastifyRequest): boolean {
  const path = pathOf(request);
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  return (request.method === 'GET' || request.method === 'HEAD') && !isApi(path) && !lastSegment.includes('.');
}
