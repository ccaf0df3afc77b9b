// Guessing tokens (sync.md, "Whole-request answers"): after 20 failed authentications in a minute from one address,
// every request from it is answered 429 until that minute ends, with `Retry-After`. Only failures count (a valid
// token costs nothing), which @fastify/rate-limit cannot do: it counts every request it checks, in a window that
// starts at each address's first request, and has no check that does not count. This is a counter per address for
// the current minute of the server's clock, emptied when the minute changes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FailedAuthentication } from './auth';
import { RequestError } from './errors';

export interface FailedAuthOptions {
  /** Failed authentications in one minute from one address before it is refused. */
  maxPerMinute: number;
  now: () => Date;
  /** Told of every failed authentication (the audit log counts them per address and minute). */
  onFailedAuth?: (address: string) => void;
  /** Told of every request refused for its address's failures: the audit log counts them with the failures, so that
   * it shows an attack's real size. */
  onRefused?: (address: string) => void;
}

export const FAILED_AUTHS_PER_MINUTE = 20;

const MINUTE_MS = 60_000;
// Addresses counted in one minute: past this many (a botnet), new ones are not counted rather than hold memory.
const MAX_ADDRESSES_PER_MINUTE = 100_000;

/** One IPv4 address, or an IPv6 /64 (what one subscriber is given): `::ffff:a.b.c.d` is `a.b.c.d`. */
export function addressKey(ip: string): string {
  const address = ip.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1] as string;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('::');
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])));
  const before = groupsOf(head);
  const after = tail === undefined ? [] : groupsOf(tail);
  const groups = [...before, ...Array<string>(Math.max(0, 8 - before.length - after.length)).fill('0'), ...after];
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export class FailedAuthCounter {
  private minute = -1;
  private readonly failures = new Map<string, number>();

  constructor(private readonly maxPerMinute: number) {}

  private turn(at: Date): void {
    const minute = Math.floor(at.getTime() / MINUTE_MS);
    if (minute === this.minute) return;
    this.minute = minute;
    this.failures.clear();
  }

  /** Seconds until the address may try again (the end of the minute), or 0 when it is not refused. */
  refusedFor(key: string, at: Date): number {
    this.turn(at);
    if ((this.failures.get(key) ?? 0) < this.maxPerMinute) return 0;
    return Math.max(1, Math.ceil((MINUTE_MS - (at.getTime() % MINUTE_MS)) / 1000));
  }

  /** Counts a failure; true when it is the one that makes the address refused. */
  count(key: string, at: Date): boolean {
    this.turn(at);
    const failures = this.failures.get(key);
    if (failures === undefined && this.failures.size >= MAX_ADDRESSES_PER_MINUTE) return false;
    const next = (failures ?? 0) + 1;
    this.failures.set(key, next);
    return next === this.maxPerMinute;
  }
}

function refusal(retryAfterS: number): RequestError {
  return new RequestError(
    429,
    'too_many_failed_authentications',
    `Trop d'authentifications échouées depuis cette adresse : réessayez dans ${retryAfterS} s.`,
    { 'retry-after': String(retryAfterS) },
  );
}

/** Refuses every request of an address past its failures (first of the app's hooks), and counts the failures. */
export function limitFailedAuthentications(app: FastifyInstance, options: FailedAuthOptions): void {
  const counter = new FailedAuthCounter(options.maxPerMinute);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const retryAfterS = counter.refusedFor(addressKey(request.ip), options.now());
    if (retryAfterS > 0) {
      options.onRefused?.(request.ip);
      throw refusal(retryAfterS);
    }
  });
  app.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof FailedAuthentication)) return;
    const at = options.now();
    const key = addressKey(request.ip);
    try {
      options.onFailedAuth?.(request.ip);
    } catch (failure) {
      // The audit log failing must not change the answer, nor stop the counting.
      request.log.error({ err: failure }, "Authentification échouée non consignée dans le journal d'audit.");
    }
    // One line per address and minute: the one that starts the refusal.
    if (counter.count(key, at)) {
      request.log.warn(
        { address: key, minute: new Date(at.getTime() - (at.getTime() % MINUTE_MS)).toISOString() },
        `${options.maxPerMinute} authentifications échouées en une minute depuis ${key} : ses requêtes sont refusées (429) jusqu'à la fin de la minute.`,
      );
    }
  });
}
