// The operators' side of one server: its Prometheus exposition (GET /metrics) and its cluster view
// (GET /api/cluster), and, in a cluster, its presence in Redis from the moment it listens until it
// stops. Built before the ACD so the lease holders count into its tally.
import os from 'node:os';
import { ClusterViewer } from '../app/cluster/cluster-view.js';
import { ACD_LEADER_LEASE } from '../app/cluster/acd-leader.js';
import { LeaseTally } from '../app/cluster/lease-tally.js';
import { NodeBeacon } from '../app/cluster/node-beacon.js';
import type { Acd } from '../app/ports/acd.js';
import type { NodePresence, NodePresences } from '../app/ports/cluster-status.js';
import type { Leases } from '../app/ports/leases.js';
import type { LiveCalls } from '../app/calls/live-calls.js';
import { NodeTimers } from '../adapters/clock/node-timers.js';
import { EventLoopDelay } from '../adapters/metrics/event-loop-delay.js';
import { hotlineExposition } from '../adapters/metrics/hotline-exposition.js';
import type { RedisConnection } from '../adapters/redis/open-redis.js';
import { RedisPresences } from '../adapters/redis/redis-presence.js';
import { RedisStreamFigures } from '../adapters/redis/redis-stream-figures.js';
import type { Config } from '../config.js';
import type { PbxRole } from '../contract/api/health.js';
import type { MetricsReply } from '../contract/api/metrics.js';
import type { OpsDeps } from '../http/routes/ops-routes.js';
import type { Logger } from '../logging/logger.js';
import { BACK_OFFICE_LEASE } from './back-office-lease.js';
import { pbxLeaseName } from './pbx-turn.js';

export interface ServerParts {
  readonly pbxRole: () => PbxRole;
  readonly callService: Pick<LiveCalls, 'activeCalls' | 'onTicket'>;
  readonly acd: Pick<Acd, 'queueStats' | 'agents' | 'agentState'>;
  /** The cluster's shared Redis link and leases; null on a single box. */
  readonly shared: { readonly redis: RedisConnection; readonly leases: Leases } | null;
  readonly logger: Logger;
}

export class ServerOps {
  /** Shared by every lease holder of this process (the ACD leader's, the PBX's, the back office's). */
  readonly tally = new LeaseTally();
  private readonly startedAt = Date.now();
  private url = '';
  private beacon: NodeBeacon | null = null;
  private parts: ServerParts | null = null;
  private viewer: ClusterViewer | null = null;
  private presences: NodePresences | null = null;
  private readonly timers = new NodeTimers();
  private readonly loopDelay = new EventLoopDelay();

  constructor(private readonly config: Pick<Config, 'cluster' | 'metricsToken'>) {}

  /** Once the server's parts exist: counts its tickets from now on. */
  attach(parts: ServerParts): void {
    this.parts = parts;
    let written = 0;
    parts.callService.onTicket(() => void (written += 1));
    this.ticketsWritten = () => written;
    const { cluster } = this.config;
    const shared = cluster && parts.shared ? { ...parts.shared, url: cluster.redisUrl, pbxs: cluster.pbxs } : null;
    const presences = shared && new RedisPresences(shared.redis, shared.url);
    this.presences = presences;
    this.viewer = new ClusterViewer(() => this.presence(), shared && presences && {
      presences,
      leases: shared.leases,
      streams: new RedisStreamFigures(shared.redis, shared.url),
      leaseNames: [ACD_LEADER_LEASE, BACK_OFFICE_LEASE, ...shared.pbxs.map(pbxLeaseName)],
      pbxs: shared.pbxs,
    });
    if (presences) this.beacon = new NodeBeacon({ presences, timers: this.timers, logger: parts.logger.child({ component: 'presence' }), presence: () => this.presence() });
  }

  /** The routes' side; `figures` are GET /api/metrics's (ARI timings, admission, browser phones). */
  routes(figures: () => MetricsReply): OpsDeps {
    return {
      metricsToken: this.config.metricsToken,
      exposition: () => this.exposition(figures),
      cluster: () => this.viewerOf().view(),
    };
  }

  /**
   * Where another server running `pbx` listens, from the cluster's presences (null on a single box,
   * when this server runs it, or when none does now).
   */
  async serverRunning(pbx: string): Promise<string | null> {
    if (!this.presences) return null;
    const found = (await this.presences.list()).find((presence) => presence.pbx === pbx && presence.pbxRole === 'running' && presence.url !== this.url);
    return found?.url ?? null;
  }

  /** The server listens at `url`: it shows itself to the cluster from now on. */
  listening(url: string): void {
    this.url = this.config.cluster?.url ?? url;
    this.beacon?.start();
  }

  /** Takes this server out of the cluster's list (before the Redis links close). */
  async stop(): Promise<void> {
    await this.beacon?.stop();
    this.timers.cancelAll();
    this.loopDelay.stop();
  }

  private ticketsWritten: () => number = () => 0;

  private viewerOf(): ClusterViewer {
    if (!this.viewer) throw new Error('the server parts are not attached yet');
    return this.viewer;
  }

  private presence(): NodePresence {
    const cluster = this.config.cluster;
    return {
      node: cluster?.node ?? os.hostname(),
      pbx: cluster?.pbx ?? null,
      pbxRole: this.parts?.pbxRole() ?? 'standby',
      mayLead: cluster?.mayLead ?? true,
      url: this.url,
      startedAt: new Date(this.startedAt).toISOString(),
    };
  }

  private exposition(figures: () => MetricsReply): Promise<string> {
    const parts = this.parts;
    if (!parts) throw new Error('the server parts are not attached yet');
    const cluster = this.config.cluster;
    const viewer = this.viewerOf();
    return hotlineExposition({
      pbx: cluster === null ? 'single-box' : (cluster.pbx ?? 'none'),
      pbxRole: parts.pbxRole,
      startedAt: this.startedAt,
      callsActive: () => parts.callService.activeCalls().length,
      ticketsWritten: this.ticketsWritten,
      figures,
      queues: () => parts.acd.queueStats(),
      agentStates: () => [...parts.acd.agents.keys()].flatMap((id) => parts.acd.agentState(id)?.state ?? []),
      leases: cluster === null ? null : () => this.tally.figures(),
      streams: cluster === null ? null : async () => (await viewer.streamFigures()) ?? [],
      eventLoopDelay: () => this.loopDelay.figures(),
    });
  }
}
