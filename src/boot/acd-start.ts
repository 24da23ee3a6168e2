// The ACD this server uses: on a single box the engine in this process; with Redis (several servers)
// the cluster's ACD as seen from here, and, when this server may lead, a candidate for leading it.
// A Redis that cannot be reached at start stops the start with REDIS_UNAVAILABLE: a server that
// cannot reach the cluster's ACD would take calls it can give to nobody.
import { AcdService } from '../app/acd-service.js';
import { AcdLeader } from '../app/cluster/acd-leader.js';
import type { LeaseTally } from '../app/cluster/lease-tally.js';
import { RemoteAcd } from '../app/cluster/remote-acd.js';
import type { Acd } from '../app/ports/acd.js';
import type { Leases } from '../app/ports/leases.js';
import { NodeTimers } from '../adapters/clock/node-timers.js';
import { openRedis, type RedisConnection } from '../adapters/redis/open-redis.js';
import { RedisAcdViews } from '../adapters/redis/redis-acd-views.js';
import { RedisCheckpoints } from '../adapters/redis/redis-checkpoints.js';
import { RedisError } from '../adapters/redis/redis-error.js';
import { RedisLeases } from '../adapters/redis/redis-leases.js';
import { RedisStreams } from '../adapters/redis/redis-streams.js';
import type { ClusterConfig, Config } from '../config.js';
import type { AcdConfig, AgentProfile } from '../domain/acd/acd-config.js';
import { AcdEngine } from '../domain/acd/acd-engine.js';
import type { Logger } from '../logging/logger.js';
import { StartupError } from './startup-error.js';

export interface StartedAcd {
  readonly acd: Acd;
  /** The leader candidate, when this server may lead. */
  readonly leader: AcdLeader | null;
  /** The cluster's leases (the PBX's among them); null on a single box. */
  readonly leases: Leases | null;
  /** The link for Redis's short commands (the operators' view reads through it); null on a single box. Closed by `close`. */
  readonly redis: RedisConnection | null;
  /** This server runs its PBX's calls from now on: the ACD's commands for them come here (a no-op on a single box). */
  readonly runPbx: () => void;
  /** Stops reading and leading (a last checkpoint, the lease given up) and closes Redis. */
  readonly close: () => Promise<void>;
}

/** The `acd-leader` lease: a dead leader is replaced within about 3 s. */
const LEASE = { ttlMs: 3_000, renewEveryMs: 1_000, marginMs: 500 };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function startAcd(config: Pick<Config, 'cluster'>, acdConfig: AcdConfig, agents: readonly AgentProfile[], logger: Logger, tally?: LeaseTally): Promise<StartedAcd> {
  const roster = new Map(agents.map((agent) => [agent.id, agent]));
  if (config.cluster === null) {
    const acd = new AcdService(new AcdEngine(acdConfig, agents), roster, logger, new NodeTimers());
    return { acd, leader: null, leases: null, redis: null, runPbx: () => undefined, close: () => Promise.resolve(acd.stop()) };
  }
  const cluster = config.cluster;
  const links = await connect(cluster, logger);
  const { main, leaseLink, leaderReader } = links;
  const readerOn = (link: RedisConnection): RedisStreams => new RedisStreams(main, link, cluster.redisUrl);
  const timers = new NodeTimers();
  const now = (): number => Date.now();
  const views = new RedisAcdViews(main, cluster.redisUrl);
  const leases = new RedisLeases(leaseLink, cluster.redisUrl);
  const leader = cluster.mayLead
    ? new AcdLeader({
        leases, streams: new RedisStreams(main, leaderReader, cluster.redisUrl), checkpoints: new RedisCheckpoints(main, cluster.redisUrl),
        timers, now, sleep, logger, owner: cluster.node, lease: LEASE,
        engine: (saved) => (saved ? AcdEngine.restore(acdConfig, agents, saved) : { engine: new AcdEngine(acdConfig, agents), commands: [] }),
        views: { store: views, agentIds: agents.map((agent) => agent.id) },
        ...(tally ? { tally } : {}),
      })
    : null;
  const acd = new RemoteAcd({
    streams: new RedisStreams(main, main, cluster.redisUrl), readers: { commands: readerOn(links.commands), replies: readerOn(links.replies), agents: readerOn(links.agents) }, views, node: cluster.node, pbx: cluster.pbx,
    agents: roster, queueIds: new Set(acdConfig.queues.map((queue) => queue.id)), timers, now, sleep, logger,
  });
  leader?.start();
  acd.start();
  logger.info({ node: cluster.node, pbx: cluster.pbx, mayLead: cluster.mayLead }, 'ACD shared through Redis');
  return {
    acd,
    leader,
    leases,
    redis: main,
    runPbx: () => acd.runPbx(),
    close: async () => {
      await acd.close();
      await leader?.stop();
      timers.cancelAll();
      for (const link of Object.values(links)) link.destroy();
    },
  };
}

type Link = 'main' | 'leaseLink' | 'leaderReader' | 'commands' | 'replies' | 'agents';

/** One connection per blocking reader (the leader's log, and this server's three streams), one for the lease, one for the rest. */
async function connect(cluster: ClusterConfig, logger: Logger): Promise<Record<Link, RedisConnection>> {
  const links: RedisConnection[] = [];
  const open = async (): Promise<RedisConnection> => {
    const link = await openRedis({ url: cluster.redisUrl, onLinkError: (error) => logger.warn({ code: error.code }, 'Redis link failed; reconnecting') });
    links.push(link);
    return link;
  };
  try {
    return { main: await open(), leaseLink: await open(), leaderReader: await open(), commands: await open(), replies: await open(), agents: await open() };
  } catch (error) {
    for (const link of links) link.destroy();
    const code = error instanceof RedisError ? error.code : 'REDIS_UNREACHABLE';
    throw new StartupError('REDIS_UNAVAILABLE', `Redis could not be used (${code}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
