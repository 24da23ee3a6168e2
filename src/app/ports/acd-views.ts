// What the ACD leader shows the other servers: its queue figures and agents' views, published
// every second with a short time to live, so a server that does not lead (a web node, a worker)
// can draw the wallboard and answer GET /api/queues, and sees nothing rather than stale figures
// once no server leads.
import type { AgentView } from '../../domain/acd/acd-engine.js';
import type { QueueStats } from '../../domain/acd/queue-stats.js';

export interface AcdViewsSnapshot {
  /** The epoch of the leader that published it. */
  readonly epoch: number;
  /** When it was taken (epoch ms). */
  readonly at: number;
  readonly queues: readonly QueueStats[];
  readonly agents: readonly AgentView[];
}

export interface AcdViews {
  /** Replaces the published views; they vanish after `ttlMs` unless published again. */
  publish(views: AcdViewsSnapshot, ttlMs: number): Promise<void>;
  /** The latest views, or null when no leader published any lately. */
  read(): Promise<AcdViewsSnapshot | null>;
}
