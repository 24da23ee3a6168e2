// Live calls across a cluster's servers: the server running a PBX answers the API from its own calls
// and serves the others' relayed requests for that PBX; every server relays its requests for the
// other PBXs (a web node, all of them). None on a single box.
import { localCallControl } from '../app/calls/local-call-control.js';
import type { LiveCalls } from '../app/calls/live-calls.js';
import { CallRequestServer } from '../app/cluster/call-request-server.js';
import { CallRelay } from '../app/cluster/call-relay.js';
import { ClusterCallControl } from '../app/cluster/cluster-call-control.js';
import type { CallControl } from '../app/ports/call-control.js';
import type { MonitorControl } from '../app/ports/monitor-control.js';
import { ClusterMonitorControl } from '../app/cluster/cluster-monitor-control.js';
import { NodeTimers } from '../adapters/clock/node-timers.js';
import { openRedis, type RedisConnection } from '../adapters/redis/open-redis.js';
import { RedisStreams } from '../adapters/redis/redis-streams.js';
import type { Config } from '../config.js';
import type { Logger } from '../logging/logger.js';

export interface ClusterCalls {
  readonly control: CallControl;
  /** Supervisors' sessions on every PBX's calls. */
  readonly monitors: MonitorControl;
  /** This server runs its PBX from now on: it answers the others' requests for it. */
  readonly serve: () => void;
  readonly close: () => Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `monitoring`: this server's own sessions, once its monitoring service is made (it needs the calls first). */
export async function clusterCalls(config: Pick<Config, 'cluster'>, live: LiveCalls, runningHere: () => boolean, logger: Logger, monitoring: () => MonitorControl | null): Promise<ClusterCalls | null> {
  if (config.cluster === null) return null;
  const { redisUrl: url, pbx, pbxs, node } = config.cluster;
  const links: RedisConnection[] = [];
  const open = async (): Promise<RedisConnection> => {
    const link = await openRedis({ url, onLinkError: (error) => logger.warn({ code: error.code }, 'Redis link failed; reconnecting') });
    links.push(link);
    return link;
  };
  try {
    const [main, replies, requests] = [await open(), await open(), await open()];
    const log = logger.child({ component: 'call-relay' });
    const local = localCallControl(live);
    const timers = new NodeTimers();
    const relay = new CallRelay({ streams: new RedisStreams(main, main, url), replies: new RedisStreams(main, replies, url), node, timers, now: Date.now, sleep, logger: log });
    // A web node serves no PBX's requests.
    const server = pbx === null ? null : new CallRequestServer({ streams: new RedisStreams(main, requests, url), pbx, node, calls: local, monitoring, logger: log, now: Date.now, sleep });
    relay.start();
    const control: CallControl = new ClusterCallControl({ pbxs, own: pbx, runningOwn: runningHere, local, relayed: (id) => relay.to(id), logger: log });
    const monitors = new ClusterMonitorControl({ pbxs, own: pbx, runningOwn: runningHere, local: monitoring, relayed: (id) => relay.monitorsOf(id), logger: log });
    return {
      control,
      monitors,
      serve: () => server?.start(),
      close: async () => {
        await Promise.all([relay.stop(), server?.stop()]);
        timers.cancelAll();
        for (const link of links) link.destroy();
      },
    };
  } catch (error) {
    for (const link of links) link.destroy();
    throw error;
  }
}
