// The 429 of failed authentications (server/src/failed-auth-limit.ts): per address, per minute of the server's clock,
// an IPv6 subscriber's /64 being one address; counted in the store, so that two instances of the server on one store
// (two apps here, each with its own connection to one SQLite file or one PostgreSQL database) refuse an address
// whichever of them saw its failures.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { addressKey, refusedFor } from '../../server/src/failed-auth-limit';
import { openStore } from '../../server/src/store/open-store';
import { requestFrom } from './raw-http';
import { makeTempDir, removeTempDir, startServer, type TestServer } from './support';
import { STORE_KIND, storeLocation } from './store-under-test';

const at = (time: string) => new Date(`2026-10-05T${time}Z`);

describe('addressKey', () => {
  it('keeps an IPv4 address, and reads one mapped into IPv6 as itself', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts every address of an IPv6 /64 as one, however it is written', () => {
    expect(addressKey('2001:db8:0:12::1')).toBe('2001:db8:0:12::/64');
    expect(addressKey('2001:0DB8:0000:0012:ffff:1:2:3')).toBe('2001:db8:0:12::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});

describe('refusedFor', () => {
  it('refuses from the 20th failure until the minute ends, never for less than a second', () => {
    expect(refusedFor(19, 20, at('08:15:10'))).toBe(0);
    expect(refusedFor(20, 20, at('08:15:10'))).toBe(50);
    expect(refusedFor(57, 20, at('08:15:10.200'))).toBe(50);
    expect(refusedFor(20, 20, at('08:15:59.500'))).toBe(1);
    expect(refusedFor(20, 20, at('08:16:00'))).toBe(60);
  });
});

/** A store for one test: where it is, and how to remove it. */
type Made = { location: string; remove(): Promise<void> };

// The store of the project running the file (store-under-test.ts): the server suite runs once on each.
const STORES: Record<string, () => Promise<Made>> = {
  [STORE_KIND]: async () => {
    const dir = makeTempDir();
    return { location: join(dir, 'tne13.sqlite'), remove: async () => removeTempDir(dir) };
  },
};

describe.each(Object.keys(STORES))('two instances of the server on one store (%s)', (kind) => {
  let made: Made;
  let clock: Date;
  let logLines: string[];
  let servers: TestServer[];

  beforeEach(async () => {
    made = await (STORES[kind] as () => Promise<Made>)();
    clock = at('08:15:30');
    logLines = [];
    const dbPath = made.location;
    const options = { now: () => clock, logger: { level: 'warn', stream: { write: (line: string) => logLines.push(line) } } };
    // One after the other: the first creates the file and its schema.
    servers = [await startServer(dbPath, options)];
    servers.push(await startServer(dbPath, options));
  });

  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await made.remove();
  });

  const changesOf = (server: TestServer) => `${server.url}/api/v1/changes?campaign=2026-2027`;
  const ask = async (server: TestServer, token: string) => {
    const response = await fetch(changesOf(server), { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { error: string; message: string } };
  };

  it('20 failures on A: the next request to B is refused 429 with Retry-After, a good token too, until the minute ends', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    for (let i = 0; i < 20; i += 1) expect((await ask(a, `devine-${i}`)).status).toBe(401);

    const refused = await ask(b, b.token);
    expect(refused).toEqual({
      status: 429,
      retryAfter: '30',
      body: { error: 'too_many_failed_authentications', message: "Trop d'authentifications échouées depuis cette adresse : réessayez dans 30 s." },
    });
    // Another address goes on working on both.
    for (const server of servers) expect((await requestFrom('127.0.0.2', changesOf(server), { authorization: `Bearer ${server.token}` })).status).toBe(200);

    clock = at('08:16:00');
    expect((await ask(b, b.token)).status).toBe(200);
    expect((await ask(a, a.token)).status).toBe(200);
  });

  it('failures split between A and B add up: neither saw 20, the 21st request to either is refused, logged once', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await ask(i % 2 === 0 ? a : b, `devine-${i}`)).status);
    statuses.push((await ask(a, a.token)).status, (await ask(b, b.token)).status);

    expect(statuses).toEqual([...Array(20).fill(401), 429, 429]);
    // The line that starts the refusal is written by whichever instance counted the 20th failure, and by it alone.
    expect(logLines.filter((line) => line.includes('authentifications échouées en une minute depuis 127.0.0.1'))).toHaveLength(1);
  });

  it('forgets the minutes before the last two as failures come, whichever instance counts them', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    expect((await ask(a, 'devine')).status).toBe(401);
    clock = at('08:16:10');
    expect((await ask(b, 'devine')).status).toBe(401);
    clock = at('08:17:10');
    expect((await ask(a, 'devine')).status).toBe(401);

    const store = await openStore(storeLocation(made.location));
    try {
      const counts = await Promise.all(['08:15:00', '08:16:00', '08:17:00'].map((minute) => store.throttle.failures('127.0.0.1', at(minute))));
      // 08:15 is gone; 08:16 is kept for an instance whose clock is a little behind.
      expect(counts).toEqual([0, 1, 1]);
    } finally {
      await store.close();
    }
  });
});
