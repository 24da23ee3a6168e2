// Where the agents' phones are, shared through a real Redis: each PBX's running server writes the
// agents its box reaches, the others read it into a map they answer from at once; a standby and a web
// node write nothing; a dead server's word lapses by itself; a value that is not a list of ids counts
// as nothing said; a Redis that stops answering keeps the last map.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PhoneHomes } from '../../../src/app/cluster/phone-homes.js';
import type { PhoneHomeStore } from '../../../src/app/ports/phone-homes.js';
import { openRedis, type RedisConnection } from '../../../src/adapters/redis/open-redis.js';
import { RedisPhoneHomes } from '../../../src/adapters/redis/redis-phone-homes.js';
import { createLogger } from '../../../src/logging/logger.js';
import { FakeTimers } from '../../helpers/fake-timers.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';
import { waitForAsync } from '../../helpers/wait.js';

let server: RedisServer;
let redis: RedisConnection;
const logger = createLogger('silent');
const PBXS = ['pbx-1', 'pbx-2', 'pbx-3'];

beforeAll(async () => {
  server = await startRedis();
  redis = await openRedis({ url: server.url, commandTimeoutMs: 300 });
});
beforeEach(async () => {
  await redis.flushAll();
});
afterAll(async () => {
  redis.destroy();
  await server.stop();
});

interface Box {
  readonly homes: PhoneHomes;
  readonly timers: FakeTimers;
  reached: string[];
  running: boolean;
  changes: number;
}

function box(pbx: string | null, reached: string[] = [], store: PhoneHomeStore = new RedisPhoneHomes(redis, server.url)): Box {
  const timers = new FakeTimers();
  const state = { reached, running: true, changes: 0 };
  const homes = new PhoneHomes({
    store, timers, logger, pbx, pbxs: PBXS,
    running: () => state.running,
    reachedHere: () => state.reached,
    changed: () => void (state.changes += 1),
  });
  return Object.assign(state, { homes, timers });
}

/** One round of a box (write, then read), as its timer runs one each second. */
const round = (b: Box): Promise<void> => b.homes.refresh();

describe('RedisPhoneHomes', () => {
  it('reads what each PBX wrote, leaves out a PBX that said nothing or lapsed, and a value that is not a list of ids', async () => {
    const store = new RedisPhoneHomes(redis, server.url);
    await store.publish('pbx-1', ['8001', '8002'], 10_000);
    await store.publish('pbx-2', [], 10_000);
    await store.publish('pbx-3', ['8003'], 100);
    await redis.set('hotline:phones:pbx-4', '{"8004": true}');
    expect(await redis.pTTL('hotline:phones:pbx-1')).toBeGreaterThan(9_000);
    await waitForAsync(async () => ((await store.read(['pbx-3'])).size === 0 ? true : undefined), 3_000, 50);
    expect(await store.read(['pbx-1', 'pbx-2', 'pbx-3', 'pbx-4', 'pbx-5'])).toEqual(new Map([['pbx-1', ['8001', '8002']], ['pbx-2', []]]));
  });
});

describe('PhoneHomes on a real Redis', () => {
  it('each running box writes the agents it reaches; every other server knows the box of each, never its own', async () => {
    const one = box('pbx-1', ['8001']);
    const two = box('pbx-2', ['8002', '8003']);
    const web = box(null);
    // Each round writes first, then reads what every other box wrote by then.
    for (const b of [one, two, web]) await round(b);
    await round(one);
    expect(one.homes.homeOf('8002')).toBe('pbx-2');
    expect(one.homes.homeOf('8001')).toBeNull();
    expect(two.homes.homeOf('8001')).toBe('pbx-1');
    expect(two.homes.homeOf('8002')).toBeNull();
    expect(web.homes.homeOf('8003')).toBe('pbx-2');
    expect(web.homes.homeOf('8009')).toBeNull();
    expect(web.changes).toBeGreaterThan(0);
    expect(await redis.exists('hotline:phones:null')).toBe(0);
  });

  it('a standby writes nothing, and a box that stops writing drops out once its word lapses', async () => {
    const standby = box('pbx-1', ['8001']);
    standby.running = false;
    const reader = box('pbx-2');
    await round(standby);
    await round(reader);
    expect(await redis.exists('hotline:phones:pbx-1')).toBe(0);
    expect(reader.homes.homeOf('8001')).toBeNull();
    await new RedisPhoneHomes(redis, server.url).publish('pbx-1', ['8001'], 150);
    await round(reader);
    expect(reader.homes.homeOf('8001')).toBe('pbx-1');
    const changes = reader.changes;
    await waitForAsync(async () => ((await redis.exists('hotline:phones:pbx-1')) === 0 ? true : undefined), 3_000, 50);
    await round(reader);
    expect(reader.homes.homeOf('8001')).toBeNull();
    expect(reader.changes).toBe(changes + 1);
  });

  it('a phone that comes is written at once, without waiting for the next round', async () => {
    const one = box('pbx-1');
    await round(one);
    one.reached = ['8004'];
    one.homes.reachedChanged();
    await waitForAsync(async () => ((await redis.get('hotline:phones:pbx-1')) === '["8004"]' ? true : undefined), 2_000, 20);
  });

  it('keeps the last places while Redis does not answer, and goes on once it does', async () => {
    await new RedisPhoneHomes(redis, server.url).publish('pbx-1', ['8001'], 10_000);
    const real = new RedisPhoneHomes(redis, server.url);
    let away = false;
    const reader = box('pbx-2', [], {
      publish: (pbx, ids, ttl) => (away ? Promise.reject(new Error('Redis away')) : real.publish(pbx, ids, ttl)),
      read: (pbxs) => (away ? Promise.reject(new Error('Redis away')) : real.read(pbxs)),
    });
    await round(reader);
    expect(reader.homes.homeOf('8001')).toBe('pbx-1');
    away = true;
    await round(reader);
    expect(reader.homes.homeOf('8001')).toBe('pbx-1');
    away = false;
    await redis.del('hotline:phones:pbx-1');
    await round(reader);
    expect(reader.homes.homeOf('8001')).toBeNull();
  });

  it('starts a round at once and one every second until stopped', async () => {
    const one = box('pbx-1', ['8001']);
    one.homes.start();
    expect(one.timers.running()).toEqual(['phone-homes']);
    expect(one.timers.msOf('phone-homes')).toBe(1_000);
    await one.homes.stop();
    expect(one.timers.cancelled).toEqual(['phone-homes']);
    expect(await redis.get('hotline:phones:pbx-1')).toBe('["8001"]');
  });
});
