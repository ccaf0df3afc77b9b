// The counter behind the 429 of failed authentications (server/src/failed-auth-limit.ts): per address, per minute of
// the server's clock; an IPv6 subscriber's /64 is one address.
import { describe, expect, it } from 'vitest';
import { addressKey, FailedAuthCounter } from '../../server/src/failed-auth-limit';

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

describe('FailedAuthCounter', () => {
  it('refuses an address from its 20th failure until the minute ends, and no other address', () => {
    const counter = new FailedAuthCounter(20);
    const made = Array.from({ length: 20 }, () => counter.count('a', at('08:15:10')));
    expect(made.indexOf(true)).toBe(19);
    expect(counter.refusedFor('a', at('08:15:10'))).toBe(50);
    expect(counter.refusedFor('a', at('08:15:59.500'))).toBe(1);
    expect(counter.refusedFor('b', at('08:15:10'))).toBe(0);
    expect(counter.refusedFor('a', at('08:16:00'))).toBe(0);
  });

  it('starts each minute from nothing: 19 failures before it and 1 after do not refuse', () => {
    const counter = new FailedAuthCounter(20);
    for (let i = 0; i < 19; i += 1) counter.count('a', at('08:15:59'));
    counter.count('a', at('08:16:00'));
    expect(counter.refusedFor('a', at('08:16:01'))).toBe(0);
  });
});
