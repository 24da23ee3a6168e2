// Where the agents' phones are in a cluster, put together: the Redis store, the sharing every second
// (app/cluster/phone-homes.ts), what this box reaches (its lines and registered phones), and the put
// -through of callers of other boxes to agents here. Null on a single box: every phone is its own.
import { NodeTimers } from '../adapters/clock/node-timers.js';
import type { RedisConnection } from '../adapters/redis/open-redis.js';
import { RedisPhoneHomes } from '../adapters/redis/redis-phone-homes.js';
import { PhoneHomes } from '../app/cluster/phone-homes.js';
import type { ClusterConfig } from '../config.js';
import type { Logger } from '../logging/logger.js';

export interface PhoneHomeParts {
  readonly agentIds: readonly string[];
  /** Whether this box reaches the agent's phone now (a line up, a phone registered). */
  readonly reachesHere: (agentId: string) => boolean;
  readonly running: () => boolean;
  /** Told when some agent's phone moved between other boxes (the ACD hears of reachability again). */
  readonly changed: () => void;
  readonly logger: Logger;
}

export function startPhoneHomes(cluster: ClusterConfig | null, redis: RedisConnection | null, parts: PhoneHomeParts): PhoneHomes | null {
  if (cluster === null || redis === null) return null;
  const homes = new PhoneHomes({
    store: new RedisPhoneHomes(redis, cluster.redisUrl),
    timers: new NodeTimers(),
    logger: parts.logger.child({ component: 'phone-homes' }),
    pbx: cluster.pbx,
    pbxs: cluster.pbxs,
    running: parts.running,
    reachedHere: () => parts.agentIds.filter((agentId) => parts.reachesHere(agentId)),
    changed: () => {
      if (parts.running()) parts.changed();
    },
  });
  homes.start();
  return homes;
}
