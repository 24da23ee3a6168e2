// The sign-in limiter: failures counted within a window, a lock with its wait, a key's failures
// forgotten when they expire, and memory bounded however many keys are rotated through.
import { describe, expect, it } from 'vitest';
import { addressBlock } from '../../../src/domain/auth/address-block.js';
import { FailureLimiter } from '../../../src/domain/auth/failure-limiter.js';

const T0 = 1_000_000;
const SECOND = 1000;

describe('a failure limiter', () => {
  it('locks a key at its limit for lockMs, saying how long is left; other keys are not affected', () => {
    const limiter = new FailureLimiter({ maxFailures: 3, windowMs: 60 * SECOND, lockMs: 30 * SECOND });
    expect([limiter.fail('a', T0), limiter.fail('a', T0 + SECOND)]).toEqual([1, 2]);
    expect(limiter.retryAfterMs('a', T0 + SECOND)).toBe(0);
    expect(limiter.fail('a', T0 + 2 * SECOND)).toBe(3);
    expect(limiter.retryAfterMs('a', T0 + 2 * SECOND)).toBe(30 * SECOND);
    expect(limiter.retryAfterMs('a', T0 + 12 * SECOND)).toBe(20 * SECOND);
    expect(limiter.retryAfterMs('b', T0 + 12 * SECOND)).toBe(0);
    // Once the lock is over the key starts again from nothing.
    expect(limiter.retryAfterMs('a', T0 + 32 * SECOND)).toBe(0);
    expect(limiter.fail('a', T0 + 33 * SECOND)).toBe(1);
  });

  it('counts only the failures within the window from the first one', () => {
    const limiter = new FailureLimiter({ maxFailures: 3, windowMs: 60 * SECOND, lockMs: 30 * SECOND });
    limiter.fail('a', T0);
    limiter.fail('a', T0 + 59 * SECOND);
    expect(limiter.fail('a', T0 + 60 * SECOND)).toBe(1);
    expect(limiter.retryAfterMs('a', T0 + 60 * SECOND)).toBe(0);
  });

  it('forgets a key on request (its owner signed in)', () => {
    const limiter = new FailureLimiter({ maxFailures: 2, windowMs: 60 * SECOND, lockMs: 30 * SECOND });
    limiter.fail('a', T0);
    limiter.forget('a');
    expect(limiter.fail('a', T0 + SECOND)).toBe(1);
    expect(limiter.retryAfterMs('a', T0 + SECOND)).toBe(0);
  });

  it('drops expired keys when it looks at them', () => {
    const limiter = new FailureLimiter({ maxFailures: 5, windowMs: 10 * SECOND, lockMs: 10 * SECOND });
    limiter.fail('a', T0);
    expect(limiter.size).toBe(1);
    limiter.retryAfterMs('a', T0 + 10 * SECOND);
    expect(limiter.size).toBe(0);
  });

  it('stays bounded when keys are rotated: expired ones go first, then the ones that failed longest ago', () => {
    const limiter = new FailureLimiter({ maxFailures: 2, windowMs: 10 * SECOND, lockMs: 10 * SECOND, maxKeys: 100 });
    for (let i = 0; i < 100; i++) limiter.fail(`old-${i}`, T0);
    // The old ones have expired by now: the first key past the cap sweeps them all away.
    for (let i = 0; i < 1_000; i++) {
      limiter.fail(`new-${i}`, T0 + 20 * SECOND);
      expect(limiter.size).toBeLessThanOrEqual(100);
    }
    // All live: the keys whose last failure is oldest were forgotten, the latest kept.
    expect(limiter.retryAfterMs('new-999', T0 + 20 * SECOND)).toBe(0);
    expect(limiter.fail('new-999', T0 + 20 * SECOND)).toBe(2);
    expect(limiter.fail('new-0', T0 + 20 * SECOND)).toBe(1);
  });

  it('keeps a key that keeps failing when others are evicted around it', () => {
    const limiter = new FailureLimiter({ maxFailures: 1_000, windowMs: 60 * SECOND, lockMs: 60 * SECOND, maxKeys: 10 });
    for (let i = 0; i < 50; i++) {
      limiter.fail('target', T0 + i);
      limiter.fail(`rotated-${i}`, T0 + i);
    }
    expect(limiter.fail('target', T0 + 50)).toBe(51);
  });
});

describe('the address block a client is limited under', () => {
  it('is an IPv4 address itself, also when written IPv4-mapped', () => {
    expect(addressBlock('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBlock('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('is the /64 of an IPv6 address, however it is written', () => {
    const block = '2001:db8:0:12::/64';
    expect(addressBlock('2001:db8:0:12::1')).toBe(block);
    expect(addressBlock('2001:0DB8:0000:0012:aaaa:bbbb:cccc:dddd')).toBe(block);
    expect(addressBlock('2001:db8::12:0:0:0:9')).toBe(block);
    expect(addressBlock('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBlock('::1')).toBe('0:0:0:0::/64');
  });

  it('is anything else as given', () => {
    expect(addressBlock('not-an-address')).toBe('not-an-address');
    expect(addressBlock('1:2:3')).toBe('1:2:3');
  });
});
