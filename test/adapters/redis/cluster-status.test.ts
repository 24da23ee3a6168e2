// What an operator reads of a cluster, on a real Redis: servers' presence (written, listed with SCAN,
// gone after a clean stop or once its time to live lapses, foreign values left out), the shared
// streams' length and each group's lag and pending entries, the whole view with the leases' holders,
// a frozen Redis answered as CLUSTER_UNAVAILABLE, and the lease tally counting a takeover.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClusterUnreadable, ClusterViewer } from '../../../src/app/cluster/cluster-view.js';
import { LeaseHolder } from '../../../src/app/cluster/lease-holder.js';
import { LeaseTally } from '../../../src/app/cluster/lease-tally.js';
import { NodeBeacon } from '../../../src/app/cluster/node-beacon.js';
import type { NodePresence } from '../../../src/app/ports/cluster-status.js';
import { NodeTimers } from '../../../src/adapters/clock/node-timers.js';
import { openRedis, type RedisConnection } from '../../../src/adapters/redis/open-redis.js';
import { RedisLeases } from '../../../src/adapters/redis/redis-leases.js';
import { RedisPresences } from '../../../src/adapters/redis/redis-presence.js';
import { RedisStreamFigures } from '../../../src/adapters/redis/redis-stream-figures.js';
import { createLogger } from '../../../src/logging/logger.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';
import { waitForAsync, waitUntil } from '../../helpers/wait.js';

let server: RedisServer;
let redis: RedisConnection;
const logger = createLogger('silent');

const presence = (node: string, pbxRole: NodePresence['pbxRole'] = 'running'): NodePresence => ({ node, pbx: 'pbx-1', pbxRole, mayLead: true, url: `http://127.0.0.1:${node === 'a' ? 3001 : 3002}`, startedAt: '2026-12-04T01:00:00.000Z' });

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

describe('RedisPresences', () => {
  it('lists the servers written, by id, and leaves out what is not a presence', async () => {
    const presences = new RedisPresences(redis, server.url);
    await presences.publish(presence('b', 'standby'), 10_000);
    await presences.publish(presence('a'), 10_000);
    await redis.set('hotline:node:junk', '{"node": 3}');
    await redis.set('hotline:lease:acd-leader', 'a');
    expect(await presences.list()).toEqual([presence('a'), presence('b', 'standby')]);
    expect(await redis.pTTL('hotline:node:a')).toBeGreaterThan(9_000);
  });

  it('drops a server at once on removal, and by itself once its time to live lapses', async () => {
    const presences = new RedisPresences(redis, server.url);
    await presences.publish(presence('a'), 10_000);
    await presences.publish(presence('b'), 200);
    await presences.remove('a');
    await waitForAsync(async () => ((await presences.list()).length === 0 ? true : undefined), 3_000, 50);
    expect(await presences.list()).toEqual([]);
  });

  it('a beacon writes the presence as it is now, again and again, and takes it away at its stop', async () => {
    const presences = new RedisPresences(redis, server.url);
    let role: NodePresence['pbxRole'] = 'standby';
    const beacon = new NodeBeacon({ presences, timers: new NodeTimers(), logger, presence: () => presence('a', role), everyMs: 50, ttlMs: 1_000 });
    beacon.start();
    await waitForAsync(async () => ((await presences.list())[0]?.pbxRole === 'standby' ? true : undefined), 3_000, 20);
    role = 'running';
    await waitForAsync(async () => ((await presences.list())[0]?.pbxRole === 'running' ? true : undefined), 3_000, 20);
    await beacon.stop();
    expect(await presences.list()).toEqual([]);
  });
});

describe('RedisStreamFigures', () => {
  it('gives each group its lag and pending entries, and leaves out a stream that does not exist', async () => {
    const figures = new RedisStreamFigures(redis, server.url);
    await redis.xGroupCreate('acd:events', 'acd-leader', '0', { MKSTREAM: true });
    await redis.xGroupCreate('acd:events', 'late', '$');
    for (let i = 0; i < 5; i += 1) await redis.xAdd('acd:events', '*', { body: String(i) });
    const read = await redis.xReadGroup('acd-leader', 'node-a', { key: 'acd:events', id: '>' }, { COUNT: 3 });
    const ids = (read as unknown as { messages: { id: string }[] }[])[0]?.messages.map((m) => m.id) ?? [];
    await redis.xAck('acd:events', 'acd-leader', ids.slice(0, 1));
    expect(await figures.figures(['acd:events', 'acd:commands:pbx-9'])).toEqual([
      {
        stream: 'acd:events',
        length: 5,
        groups: [
          { group: 'acd-leader', lag: 2, pending: 2, consumers: 1 },
          { group: 'late', lag: 5, pending: 0, consumers: 0 },
        ],
      },
    ]);
  });
});

describe('the cluster view', () => {
  const viewer = (link: RedisConnection): ClusterViewer =>
    new ClusterViewer(() => presence('a'), {
      presences: new RedisPresences(link, server.url),
      leases: new RedisLeases(link, server.url),
      streams: new RedisStreamFigures(link, server.url),
      leaseNames: ['acd-leader', 'back-office', 'pbx:pbx-1'],
      pbxs: ['pbx-1'],
    });

  it('lists the servers, the leases with their holders and the shared streams that exist', async () => {
    const leases = new RedisLeases(redis, server.url);
    await leases.acquire('acd-leader', 'a', 10_000);
    await leases.acquire('pbx:pbx-1', 'b', 10_000);
    await new RedisPresences(redis, server.url).publish(presence('a'), 10_000);
    await redis.xGroupCreate('acd:commands:pbx-1', 'pbx-1', '0', { MKSTREAM: true });
    expect(await viewer(redis).view()).toEqual({
      cluster: true,
      node: presence('a'),
      nodes: [presence('a')],
      leases: [
        { name: 'acd-leader', holder: 'a', held: true },
        { name: 'back-office', holder: null, held: false },
        { name: 'pbx:pbx-1', holder: 'b', held: true },
      ],
      streams: [{ stream: 'acd:commands:pbx-1', length: 0, groups: [{ group: 'pbx-1', lag: 0, pending: 0, consumers: 0 }] }],
    });
  });

  it('says the cluster cannot be read while Redis does not answer, under CLUSTER_UNAVAILABLE', async () => {
    const link = await openRedis({ url: server.url, commandTimeoutMs: 200 });
    server.pause();
    try {
      const failure = await viewer(link).view().then(() => null, (error: unknown) => error);
      expect(failure).toBeInstanceOf(ClusterUnreadable);
      expect((failure as ClusterUnreadable).code).toBe('CLUSTER_UNAVAILABLE');
    } finally {
      server.resume();
      link.destroy();
    }
  });

  it('on a single box is this server alone', async () => {
    expect(await new ClusterViewer(() => presence('a'), null).view()).toEqual({ cluster: false, node: presence('a') });
  });
});

describe('LeaseTally', () => {
  it('counts a lease held and each gain of it, a takeover after a stop included', async () => {
    const leases = new RedisLeases(redis, server.url);
    const tallies = { a: new LeaseTally(), b: new LeaseTally() };
    const timers = new NodeTimers();
    const holderOf = (owner: 'a' | 'b'): LeaseHolder =>
      new LeaseHolder({ leases, timers, now: Date.now, logger, name: 'acd-leader', owner, settings: { ttlMs: 1_000, renewEveryMs: 100, marginMs: 300 }, gained: () => undefined, lost: () => undefined, tally: tallies[owner] });
    const [a, b] = [holderOf('a'), holderOf('b')];
    a.start();
    await waitUntil(() => a.holding);
    b.start();
    expect([tallies.a.figures(), tallies.b.figures()]).toEqual([[{ lease: 'acd-leader', held: true, gained: 1 }], [{ lease: 'acd-leader', held: false, gained: 0 }]]);
    await a.stop();
    await waitUntil(() => b.holding, 5_000);
    expect([tallies.a.figures(), tallies.b.figures()]).toEqual([[{ lease: 'acd-leader', held: false, gained: 1 }], [{ lease: 'acd-leader', held: true, gained: 1 }]]);
    await b.stop();
    timers.cancelAll();
  });
});
