// HTTP spoken by hand, for what fetch will not send (a URL it would re-encode, a 100 KB header, a body never
// finished) and for a request from another loopback address. A whole answer of the API to a request with a request
// line is checked against the OpenAPI document, as fetch's are (setup-openapi.ts).
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { checkResponse, isApiAddress } from './openapi-check';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  /** The body as received (JSON when the server answered one). */
  text: string;
}

/** Reads a whole HTTP/1.1 answer (headers and a Content-Length body) out of the bytes a socket received. */
export function parseAnswer(bytes: string): RawAnswer | null {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine = '', ...lines] = bytes.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, text: bytes.slice(end + 4) };
}

export interface OpenSocket {
  socket: Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves once the server has closed the connection. */
  closed: Promise<void>;
  isClosed(): boolean;
}

/** Connects to `url`'s host and port and writes `head` (and `body`, if any) as it is. */
export function openSocket(url: string, head: string, body?: Buffer): Promise<OpenSocket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let received = '';
    let closed = false;
    const socket = connect(Number(port), hostname);
    const whenClosed = new Promise<void>((done) => socket.once('close', () => ((closed = true), done())));
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    // The server may close while bytes are still being written: that is an answer, not a test failure.
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      socket.write(head);
      if (body !== undefined) socket.write(body);
      resolve({ socket, received: () => received, closed: whenClosed, isClosed: () => closed });
    });
    socket.once('error', reject);
  });
}

/** Sends `head` on a new connection and reads until the server closes it. */
export async function exchange(url: string, head: string): Promise<RawAnswer> {
  const open = await openSocket(url, head);
  await open.closed;
  const answer = parseAnswer(open.received());
  if (answer === null) throw new Error(`no answer: ${JSON.stringify(open.received().slice(0, 200))}`);
  const [, method, target] = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r\n/.exec(head) ?? [];
  if (method !== undefined && target !== undefined && isApiAddress(new URL(target, url).href)) {
    checkResponse(method, new URL(target, url).href, answer.status, answer.headers, answer.text);
  }
  return answer;
}

/** A request from `localAddress` (another loopback address is another client). */
export function requestFrom(
  localAddress: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { localAddress, headers, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        const answer = { status: response.statusCode ?? 0, headers: response.headers, text };
        try {
          if (isApiAddress(url)) checkResponse('GET', url, answer.status, answer.headers, answer.text);
          resolve(answer);
        } catch (mismatch) {
          reject(mismatch as Error);
        }
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}
