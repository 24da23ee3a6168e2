// A small ACD cluster on a real Redis for the adapters tier: servers that may lead (each with its own
// connections, so a test can cut them), with the roster and queues of the unit tests' ACD harness.
// Everything made is stopped and every connection closed by `clear()`; `redisPerFile` gives a test
// file its redis-server, emptied before each test.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { AcdLeader } from '../../src/app/cluster/acd-leader.js';
import type { MessageStreams } from '../../src/app/ports/message-streams.js';
import { NodeTimers } from '../../src/adapters/clock/node-timers.js';
import { openRedis, type RedisConnection } from '../../src/adapters/redis/open-redis.js';
import { RedisAcdViews } from '../../src/adapters/redis/redis-acd-views.js';
import { RedisCheckpoints } from '../../src/adapters/redis/redis-checkpoints.js';
import { RedisLeases } from '../../src/adapters/redis/redis-leases.js';
import { RedisStreams } from '../../src/adapters/redis/redis-streams.js';
import type { AcdConfig } from '../../src/domain/acd/acd-config.js';
import { AcdEngine } from '../../src/domain/acd/acd-engine.js';
import { createLogger } from '../../src/logging/logger.js';
import { agent, config, standardQueues } from '../unit/acd/acd-harness.js';
import { startRedis, type RedisServer } from './redis-server.js';

export const acdConfig = config(standardQueues({ ringTimeoutSeconds: 1 }));
export const acdAgents = [agent('8001', { general: 3, elderly: 3 }), agent('8002', { general: 3 }), agent('8003', { general: 3, enterprise: 3 })];
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
export const clusterLogger = createLogger(process.env.ACD_LOG ?? 'silent');

/** Engines of a configuration, fresh or restored from a checkpoint (a leader of another configuration: a change between leaders). */
export const enginesOf = (config: AcdConfig) => (saved: Parameters<typeof AcdEngine.restore>[2] | null) =>
  saved ? AcdEngine.restore(config, acdAgents, saved) : { engine: new AcdEngine(config, acdAgents), commands: [] };

export class AcdCluster {
  readonly timers = new NodeTimers();
  private readonly connections: RedisConnection[] = [];
  private readonly running: { stop: () => Promise<void> | void }[] = [];

  constructor(readonly url: string) {}

  async connection(): Promise<RedisConnection> {
    const made = await openRedis({ url: this.url, commandTimeoutMs: 300 });
    this.connections.push(made);
    return made;
  }

  /** Streams over two connections of their own (one for blocking reads). */
  async streams(): Promise<RedisStreams> {
    return new RedisStreams(await this.connection(), await this.connection(), this.url);
  }

  /** Stopped (in reverse order) by `clear()`. */
  keep(one: { stop: () => Promise<void> | void }): void {
    this.running.push(one);
  }

  /** A server that may lead, with connections of its own (the test cuts them to kill it). */
  async leader(owner: string, wrap: (streams: MessageStreams) => MessageStreams = (streams) => streams, config: AcdConfig = acdConfig): Promise<{ leader: AcdLeader; links: RedisConnection[] }> {
    const links = [await this.connection(), await this.connection(), await this.connection()];
    const [main, reader, leaseLink] = links as [RedisConnection, RedisConnection, RedisConnection];
    const made = new AcdLeader({
      leases: new RedisLeases(leaseLink, this.url),
      streams: wrap(new RedisStreams(main, reader, this.url)),
      checkpoints: new RedisCheckpoints(main, this.url),
      timers: this.timers, now: () => Date.now(), sleep, logger: clusterLogger, owner,
      lease: { ttlMs: 1500, renewEveryMs: 300, marginMs: 300 },
      engine: enginesOf(config),
      views: { store: new RedisAcdViews(main, this.url), agentIds: acdAgents.map((a) => a.id) },
      settings: { checkpointEveryMs: 150, consumer: { blockMs: 100, reclaimIdleMs: 300 } },
    });
    this.keep({ stop: () => made.stop().catch(() => undefined) });
    made.start();
    return { leader: made, links };
  }

  async clear(): Promise<void> {
    for (const one of this.running.splice(0).reverse()) await one.stop();
    this.timers.cancelAll();
    for (const made of this.connections.splice(0)) made.destroy();
  }
}

export interface RedisForFile {
  readonly server: RedisServer;
  /** A connection of the test's own, for looking at what the servers wrote. */
  readonly admin: RedisConnection;
  readonly cluster: AcdCluster;
}

/** A redis-server for the test file (handed to `use` once it runs), emptied before each test; what a test made is stopped after it. */
export function redisPerFile(use: (parts: RedisForFile) => void): void {
  let parts: RedisForFile | undefined;
  beforeAll(async () => {
    const server = await startRedis();
    parts = { server, admin: await openRedis({ url: server.url, commandTimeoutMs: 1000 }), cluster: new AcdCluster(server.url) };
    use(parts);
  });
  beforeEach(async () => {
    await parts?.admin.flushAll();
  });
  afterEach(async () => {
    await parts?.cluster.clear();
  });
  afterAll(async () => {
    parts?.admin.destroy();
    await parts?.server.stop();
  });
}
