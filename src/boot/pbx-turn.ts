// Which server runs a PBX's calls in a cluster: one at a time, the holder of the lease `pbx:<id>`.
// A standby does nothing with the PBX (no ARI, no AMI, no ACD commands) until it gains the lease;
// then it takes the PBX as a restarted server does: connect, then settle the calls the database says
// the previous holder left (restart-recovery), then carry out the ACD's commands. A holder that loses
// the lease must stop acting on the PBX at once, since another server is taking it: its clients are
// closed for good and `lost` tells the process, which stops and is started again by its supervisor
// (then as a standby). A server stopping on purpose releases the lease, so a standby takes over at
// its next ask instead of after the time to live.
import { LeaseHolder } from '../app/cluster/lease-holder.js';
import type { Leases } from '../app/ports/leases.js';
import type { Timers } from '../app/ports/timers.js';
import type { LeaseTally } from '../app/cluster/lease-tally.js';
import type { LeaseSettings } from '../domain/cluster/lease-keeper.js';
import type { PbxRole } from '../contract/api/health.js';
import type { Logger } from '../logging/logger.js';

export interface PbxTurnDeps {
  readonly leases: Leases;
  readonly timers: Timers;
  readonly now: () => number;
  readonly logger: Logger;
  /** This server's id in the cluster. */
  readonly owner: string;
  readonly pbx: string;
  readonly lease: LeaseSettings;
  /** Connects to the PBX and settles what the previous holder left; resolves once the calls are this server's. */
  readonly take: (stillHeld: () => boolean) => Promise<void>;
  /** Stops acting on the PBX at once (closes ARI and AMI). */
  readonly drop: () => Promise<void>;
  /** The lease was lost while running the PBX (not on a stop): the process should stop. */
  readonly lost: () => void;
  /** Where the lease's holding and takeovers are counted (GET /metrics). */
  readonly tally?: LeaseTally;
}

export const pbxLeaseName = (pbx: string): string => `pbx:${pbx}`;

export class PbxTurn {
  private readonly holder: LeaseHolder;
  private phase: PbxRole = 'standby';
  private taking: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(private readonly deps: PbxTurnDeps) {
    this.holder = new LeaseHolder({
      leases: deps.leases, timers: deps.timers, now: deps.now, logger: deps.logger, name: pbxLeaseName(deps.pbx), owner: deps.owner, settings: deps.lease,
      ...(deps.tally ? { tally: deps.tally } : {}),
      gained: () => this.gained(),
      lost: () => void this.lostLease(),
    });
  }

  start(): void {
    this.holder.start();
  }

  /** What this server does with its PBX: waits for the lease, takes it over, runs it, or gave it up. */
  get state(): PbxRole {
    return this.phase;
  }

  /** Releases the lease (a standby takes over at its next ask); the caller has closed the PBX's links before. */
  stop(): Promise<void> {
    this.stopping = true;
    return this.holder.stop();
  }

  private gained(): void {
    if (this.phase !== 'standby') return;
    this.phase = 'taking';
    this.deps.logger.info({ pbx: this.deps.pbx }, 'taking the PBX over');
    this.taking = this.deps.take(() => this.holder.holding).then(
      () => {
        if (this.phase === 'taking') this.phase = 'running';
        this.deps.logger.info({ pbx: this.deps.pbx }, 'running the PBX');
      },
      (error: unknown) => this.deps.logger.error({ err: error, pbx: this.deps.pbx }, 'taking the PBX over failed; its calls are settled at the next takeover'),
    );
  }

  private async lostLease(): Promise<void> {
    if (this.stopping || this.phase === 'standby' || this.phase === 'dropped') return;
    this.phase = 'dropped';
    this.deps.logger.error({ pbx: this.deps.pbx, code: 'PBX_LEASE_LOST' }, 'the PBX lease was lost: this server stops acting on the PBX now');
    await this.deps.drop().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'closing the PBX links failed'));
    // A takeover still under way ends now that its links are closed.
    await this.taking;
    this.deps.lost();
  }
}
