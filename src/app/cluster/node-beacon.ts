// This server's presence in the cluster: written every 2 s with a 10 s time to live, so a server
// that dies drops out of the list within 10 s by itself, and taken away at a clean stop. A failed
// write is logged once per run of failures (Redis away is already told by the links' own logs).
import type { Logger } from '../../logging/logger.js';
import type { NodePresence, NodePresences } from '../ports/cluster-status.js';
import type { Timers } from '../ports/timers.js';

export const PRESENCE_EVERY_MS = 2_000;
export const PRESENCE_TTL_MS = 10_000;

export interface NodeBeaconDeps {
  readonly presences: NodePresences;
  readonly timers: Timers;
  readonly logger: Logger;
  /** What this server is now (its PBX role changes over time). */
  readonly presence: () => NodePresence;
  readonly everyMs?: number;
  readonly ttlMs?: number;
}

export class NodeBeacon {
  private stopped = false;
  private failing = false;
  private writing: Promise<void> = Promise.resolve();
  private readonly timerId: string;

  constructor(private readonly deps: NodeBeaconDeps) {
    this.timerId = `presence:${deps.presence().node}`;
  }

  start(): void {
    this.beat();
  }

  /** Stops writing and takes the presence away (resolves once Redis answered, or failed to). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.deps.timers.cancel(this.timerId);
    await this.writing;
    await this.deps.presences.remove(this.deps.presence().node).catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not take this server out of the cluster list; it lapses by itself'));
  }

  private beat(): void {
    if (this.stopped) return;
    const { presences, presence, timers, logger } = this.deps;
    this.writing = presences.publish(presence(), this.deps.ttlMs ?? PRESENCE_TTL_MS).then(
      () => {
        if (this.failing) logger.info('this server is in the cluster list again');
        this.failing = false;
      },
      (error: unknown) => {
        if (!this.failing) logger.warn({ err: error }, 'could not write this server into the cluster list; trying again');
        this.failing = true;
      },
    );
    timers.start(this.timerId, this.deps.everyMs ?? PRESENCE_EVERY_MS, () => this.beat());
  }
}
