// A proxy between the devices and the real server that misbehaves like a bad school network, on the push
// (POST /api/v1/sync), the pull (GET /api/v1/changes) and the photos' upload (PUT /api/v1/attachments/…) alike: it
// answers 503 with Retry-After, resets connections before forwarding, and drops the server's answer after the server
// acted on the request (a batch stored, a page read, a photo kept), either before its first byte or half-way through
// its body. Other requests pass untouched. Seeded, so that a failing run can be replayed; the rates can change while
// it runs (the tests end with the faults off).
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRandom } from '../fixtures/departement/prng';

export interface FaultRates {
  /** Answer 503 with Retry-After: 1 without forwarding. */
  unavailable: number;
  /** Reset the connection before forwarding: the server never sees the request. */
  reset: number;
  /** Forward, let the server act (store the batch, read the page), then drop its answer. */
  dropAnswer: number;
}

export const NO_FAULTS: FaultRates = { unavailable: 0, reset: 0, dropAnswer: 0 };

export interface FaultCounts {
  forwarded: number;
  unavailable: number;
  reset: number;
  droppedAnswer: number;
  /** Of the answers dropped, those cut half-way through their body (the device read a truncated JSON). */
  truncated: number;
}

export type Route = 'push' | 'pull' | 'upload';

export interface FaultProxy {
  url: string;
  counts: Record<Route, FaultCounts>;
  setRates(rates: FaultRates): void;
  close(): Promise<void>;
}

const zero = (): FaultCounts => ({ forwarded: 0, unavailable: 0, reset: 0, droppedAnswer: 0, truncated: 0 });

function routeOf(incoming: IncomingMessage): Route | null {
  const path = (incoming.url ?? '').split('?')[0];
  if (incoming.method === 'POST' && path === '/api/v1/sync') return 'push';
  if (incoming.method === 'GET' && path === '/api/v1/changes') return 'pull';
  if (incoming.method === 'PUT' && path?.startsWith('/api/v1/attachments/')) return 'upload';
  return null;
}

export async function startFaultProxy(target: string, initial: FaultRates, seed: number): Promise<FaultProxy> {
  const random = createRandom(seed);
  let rates = initial;
  const counts: Record<Route, FaultCounts> = { push: zero(), pull: zero(), upload: zero() };
  const server: Server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    // A device that gave up (its run aborted) closes its side: nothing to report.
    incoming.on('error', () => undefined);
    outgoing.on('error', () => undefined);
    const route = routeOf(incoming);
    const roll = route ? random.next() : 1;
    const count = route ? counts[route] : zero();
    if (roll < rates.unavailable) {
      count.unavailable += 1;
      incoming.resume();
      outgoing.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '1' });
      outgoing.end(JSON.stringify({ error: 'unavailable', message: 'Serveur momentanément indisponible.' }));
      return;
    }
    if (roll < rates.unavailable + rates.reset) {
      count.reset += 1;
      incoming.socket.destroy();
      return;
    }
    const drop = roll < rates.unavailable + rates.reset + rates.dropAnswer;
    const truncate = drop && random.chance(0.5);
    const upstream = request(new URL(incoming.url ?? '/', target), { method: incoming.method, headers: incoming.headers }, (answer) => {
      count.forwarded += 1;
      if (!drop) {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
        return;
      }
      // The server has answered: the batch is stored, the page read. The device never hears all of it.
      count.droppedAnswer += 1;
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        if (truncate && body.length > 1) {
          count.truncated += 1;
          const { 'transfer-encoding': _chunked, ...headers } = answer.headers;
          outgoing.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(body.length) });
          outgoing.write(body.subarray(0, Math.floor(body.length / 2)), () => incoming.socket.destroy());
        } else {
          incoming.socket.destroy();
        }
      });
    });
    upstream.on('error', () => incoming.socket.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    setRates(next) {
      rates = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
