// The agents' sockets across the servers of a cluster: Socket.IO's Redis Streams adapter, and the
// desks' copies in Redis. None on a single box.
import { openRedis } from '../adapters/redis/open-redis.js';
import { RedisAgentDesks } from '../adapters/socketio/redis-agent-desks.js';
import { redisSocketAdapter } from '../adapters/socketio/redis-socket-adapter.js';
import type { GatewayDeps } from '../adapters/socketio/gateway.js';
import type { Config } from '../config.js';
import type { Logger } from '../logging/logger.js';

export interface SocketCluster {
  readonly gateway: NonNullable<GatewayDeps['cluster']>;
  readonly close: () => void;
}

export async function socketCluster(config: Pick<Config, 'cluster'>, logger: Logger): Promise<SocketCluster | null> {
  if (config.cluster === null) return null;
  const url = config.cluster.redisUrl;
  const { adapter, connection } = await redisSocketAdapter({ url });
  const desksLink = await openRedis({ url, onLinkError: (error) => logger.warn({ code: error.code }, 'Redis link failed; reconnecting') }).catch((error: unknown) => {
    connection.destroy();
    throw error;
  });
  return {
    gateway: { adapter, desks: new RedisAgentDesks(desksLink, url) },
    close: () => {
      connection.destroy();
      desksLink.destroy();
    },
  };
}
