// A proxy between the device and the real server that misbehaves like a bad school network: it answers 503 with
// Retry-After, resets connections before forwarding, and drops responses after the server has stored the batch.
// Seeded, so that a failing run can be replayed.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRandom } from '../fixtures/departement/prng';

export interface FaultRates {
  /** Answer 503 with Retry-After: 1 without forwarding. */
  unavailable: number;
  /** Reset the connection before forwarding. */
  reset: number;
  /** Forward, let the server store the batch, then drop its response (reset the connection). */
  dropAfterStore: number;
}

export interface FaultCounts {
  forwarded: number;
  unavailable: number;
  reset: number;
  droppedAfterStore: number;
}

export interface FaultProxy {
  url: string;
  counts: FaultCounts;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string, rates: FaultRates, seed: number): Promise<FaultProxy> {
  const random = createRandom(seed);
  const counts: FaultCounts = { forwarded: 0, unavailable: 0, reset: 0, droppedAfterStore: 0 };
  const server: Server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const isSync = incoming.method === 'POST';
    const roll = random.next();
    if (isSync && roll < rates.unavailable) {
      counts.unavailable += 1;
      incoming.resume();
      outgoing.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '1' });
      outgoing.end(JSON.stringify({ error: 'indisponible', message: 'Serveur momentanément indisponible.' }));
      return;
    }
    if (isSync && roll < rates.unavailable + rates.reset) {
      counts.reset += 1;
      incoming.socket.destroy();
      return;
    }
    const drop = isSync && roll < rates.unavailable + rates.reset + rates.dropAfterStore;
    const upstream = request(new URL(incoming.url ?? '/', target), { method: incoming.method, headers: incoming.headers }, (answer) => {
      counts.forwarded += 1;
      if (drop) {
        // The server has answered: the batch is stored. The device never hears it.
        counts.droppedAfterStore += 1;
        answer.resume();
        answer.on('end', () => incoming.socket.destroy());
        return;
      }
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => incoming.socket.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
