// Guessing tokens (sync.md, "Whole-request answers"): after 20 failed authentications in a minute from one address,
// every request from it is answered 429 until that minute ends, with `Retry-After`. Only failures count (a valid
// token costs nothing), which @fastify/rate-limit cannot do: it counts every request it checks, in a window that
// starts at each address's first request, and has no check that does not count.
//
// The counts are the store's (`store.throttle`, per address and minute of the server's clock), not this process's:
// behind a load balancer, failures sent to one instance refuse the address on every other. So every request costs one
// indexed read of its address's count for the minute, and a failure one write, awaited before the 401 leaves: the next
// request, to whichever instance, sees it. Minutes past are forgotten as failures come.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FailedAuthentication } from './auth';
import { RequestError } from './errors';
import type { ThrottleStore } from './store/store';

export interface FailedAuthOptions {
  /** Where every instance counts the failures. */
  throttle: ThrottleStore;
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

/** Seconds until an address with `failures` this minute may try again (the end of the minute), or 0 when it is not refused. */
export function refusedFor(failures: number, maxPerMinute: number, at: Date): number {
  if (failures < maxPerMinute) return 0;
  return Math.max(1, Math.ceil((MINUTE_MS - (at.getTime() % MINUTE_MS)) / 1000));
}

const minuteOf = (at: Date) => Math.floor(at.getTime() / MINUTE_MS);

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
  const { throttle, maxPerMinute, now } = options;
  // The last minute this process forgot the ones before of: it spares a delete per failure. Every instance forgets at
  // its first failure of a minute; a delete another instance already made finds nothing.
  let forgotten = -1;
  const forgetPast = async (at: Date, request: FastifyRequest) => {
    const minute = minuteOf(at);
    if (minute === forgotten) return;
    forgotten = minute;
    // The minute before this one is kept too: another instance whose clock is a little behind still counts in it.
    await throttle
      .forgetBefore(new Date((minute - 1) * MINUTE_MS))
      .catch((error: unknown) => request.log.error({ err: error }, "Comptes d'authentifications échouées des minutes passées non effacés."));
  };

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const at = now();
    let failures: number;
    try {
      failures = await throttle.failures(addressKey(request.ip), at);
    } catch (error) {
      // A store that cannot be read refuses the token check too: the request gets that answer (a 500, or the health
      // route's 503), not a 429 it has not earned.
      request.log.error({ err: error }, "Comptes d'authentifications échouées illisibles : requête laissée passer.");
      return;
    }
    const retryAfterS = refusedFor(failures, maxPerMinute, at);
    if (retryAfterS > 0) {
      options.onRefused?.(request.ip);
      throw refusal(retryAfterS);
    }
  });
  app.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof FailedAuthentication)) return;
    const at = now();
    const key = addressKey(request.ip);
    try {
      options.onFailedAuth?.(request.ip);
    } catch (failure) {
      // The audit log failing must not change the answer, nor stop the counting.
      request.log.error({ err: failure }, "Authentification échouée non consignée dans le journal d'audit.");
    }
    let failures: number;
    try {
      failures = await throttle.addFailure(key, at);
    } catch (failure) {
      request.log.error({ err: failure }, 'Authentification échouée non comptée (429).');
      return;
    }
    await forgetPast(at, request);
    // One line per address and minute, whichever instance counted the failure that starts the refusal.
    if (failures === maxPerMinute) {
      request.log.warn(
        { address: key, minute: new Date(minuteOf(at) * MINUTE_MS).toISOString() },
        `${maxPerMinute} authentifications échouées en une minute depuis ${key} : ses requêtes sont refusées (429) jusqu'à la fin de la minute.`,
      );
    }
  });
}
