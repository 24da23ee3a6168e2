// Leases on a real Redis: one holder at a time, takeover after the time to live, epochs that only
// grow, and the failures a lost or frozen Redis gives, each under its code and quickly. Then two
// lease holders (the app part) hand a role over when the first stops, and when its link is cut; the
// back office's shared jobs run on one server of a cluster at a time, and always on a single box.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LeaseHolder } from '../../../src/app/cluster/lease-holder.js';
import { openRedis, type RedisConnection } from '../../../src/adapters/redis/open-redis.js';
import { RedisError } from '../../../src/adapters/redis/redis-error.js';
import { RedisLeases } from '../../../src/adapters/redis/redis-leases.js';
import { createLogger } from '../../../src/logging/logger.js';
import { NodeTimers } from '../../../src/adapters/clock/node-timers.js';
import { backOfficeTurn } from '../../../src/boot/back-office-lease.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';
import { waitForAsync, waitUntil } from '../../helpers/wait.js';

let server: RedisServer;
let redis: RedisConnection;
let leases: RedisLeases;
let lease = 0;
const name = (): string => `test-${(lease += 1)}`;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = await startRedis();
  redis = await openRedis({ url: server.url, commandTimeoutMs: 300 });
  leases = new RedisLeases(redis, server.url);
});
afterAll(async () => {
  redis.destroy();
  await server.stop();
});

describe('RedisLeases', () => {
  it('gives a free lease to the first owner only, and renews it for that owner alone', async () => {
    const lease = name();
    expect(await leases.acquire(lease, 'a', 5_000)).toEqual({ held: true, epoch: 1 });
    expect(await leases.acquire(lease, 'b', 5_000)).toEqual({ held: false, holder: 'a' });
    expect(await leases.renew(lease, 'a', 5_000)).toEqual({ held: true, epoch: 1 });
    expect(await leases.renew(lease, 'b', 5_000)).toEqual({ held: false, holder: 'a' });
    expect(await leases.holder(lease)).toBe('a');
  });

  it('lets another owner take a lapsed lease, with a higher epoch; the old owner cannot renew it', async () => {
    const lease = name();
    await leases.acquire(lease, 'a', 150);
    await sleep(250);
    expect(await leases.renew(lease, 'a', 5_000)).toEqual({ held: false, holder: null });
    expect(await leases.acquire(lease, 'b', 5_000)).toEqual({ held: true, epoch: 2 });
    expect(await leases.renew(lease, 'a', 5_000)).toEqual({ held: false, holder: 'b' });
  });

  it('releases only for its holder', async () => {
    const lease = name();
    await leases.acquire(lease, 'a', 5_000);
    await leases.release(lease, 'b');
    expect(await leases.holder(lease)).toBe('a');
    await leases.release(lease, 'a');
    expect(await leases.holder(lease)).toBeNull();
  });

  it('fails with REDIS_TIMEOUT within the command timeout when Redis freezes, and works again after', async () => {
    const lease = name();
    server.pause();
    const started = Date.now();
    try {
      const error = await leases.acquire(lease, 'a', 5_000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedisError);
      expect((error as RedisError).code).toBe('REDIS_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      server.resume();
    }
    await waitForAsync(async () => ((await leases.acquire(lease, 'a', 5_000).catch(() => null))?.held ? true : undefined), 5_000);
  });

  it('says REDIS_UNREACHABLE at once for an address where nothing listens, and REDIS_BAD_URL for a wrong one', async () => {
    const error = await openRedis({ url: 'redis://127.0.0.1:9', connectTimeoutMs: 500 }).catch((e: unknown) => e);
    expect((error as RedisError).code).toBe('REDIS_UNREACHABLE');
    const bad = await openRedis({ url: 'http://127.0.0.1:6379' }).catch((e: unknown) => e);
    expect((bad as RedisError).code).toBe('REDIS_BAD_URL');
  });
});

describe('LeaseHolder on a real Redis', () => {
  const holders: LeaseHolder[] = [];
  const timers = new NodeTimers();
  afterEach(() => {
    for (const holder of holders.splice(0)) holder.stop();
    timers.cancelAll();
  });

  function holder(leaseName: string, owner: string, events: string[], store: RedisLeases = leases): LeaseHolder {
    const made = new LeaseHolder({
      leases: store,
      timers,
      now: () => Date.now(),
      logger: createLogger(process.env.LEASE_LOG ?? 'silent'),
      name: leaseName,
      owner,
      // A wide margin: on a loaded machine a timer can run late by tens of milliseconds.
      settings: { ttlMs: 800, renewEveryMs: 150, marginMs: 300 },
      gained: (epoch) => events.push(`${owner} gained ${epoch}`),
      lost: (reason) => events.push(`${owner} lost ${reason}`),
    });
    holders.push(made);
    made.start();
    return made;
  }

  it('gives the role to one server; a clean stop hands it to the standby at once', async () => {
    const lease = name();
    const events: string[] = [];
    const a = holder(lease, 'a', events);
    await waitUntil(() => a.holding, 2_000);
    const b = holder(lease, 'b', events);
    await sleep(400);
    expect(b.holding).toBe(false);
    a.stop();
    await waitUntil(() => b.holding, 2_000);
    expect(events).toEqual(['a gained 1', 'a lost stopped', 'b gained 2']);
  });

  it('a holder whose Redis link is cut stops acting before the standby starts', async () => {
    const lease = name();
    const events: string[] = [];
    // The first server reaches Redis through a connection of its own, which the test then cuts.
    const stalled = await openRedis({ url: server.url, commandTimeoutMs: 100 });
    const stallable = new RedisLeases(stalled, server.url);
    const a = holder(lease, 'a', events, stallable);
    await waitUntil(() => a.holding, 2_000);
    const b = holder(lease, 'b', events);
    // Cut a's link: its renewals fail, it must let go by its own deadline, then b takes over.
    stalled.destroy();
    await waitUntil(() => b.holding, 3_000);
    const aLost = events.indexOf('a lost expired');
    const bGained = events.indexOf('b gained 2');
    expect(aLost).toBeGreaterThanOrEqual(0);
    expect(bGained).toBeGreaterThan(aLost);
  });
});

describe('the back office\'s shared jobs', () => {
  it('run on one server of a cluster at a time, on another once that one stops, and always on a single box', async () => {
    const logger = createLogger('silent');
    expect(backOfficeTurn(null, null, logger).holding()).toBe(true);
    const first = backOfficeTurn({ node: 'office-a' }, leases, logger);
    await waitUntil(() => first.holding(), 2_000);
    const second = backOfficeTurn({ node: 'office-b' }, leases, logger);
    try {
      await sleep(500);
      expect([first.holding(), second.holding()]).toEqual([true, false]);
      await first.stop();
      // The second asks again within its renewal period (3 s).
      await waitUntil(() => second.holding(), 5_000);
      expect(first.holding()).toBe(false);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});
