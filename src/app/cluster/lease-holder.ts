// Holds one shared role's lease for this server: runs the pure lease keeper (domain/cluster) with
// the lease store and timers, and tells its owner when the role is gained and when it is lost.
// The owner must stop acting on "lost" at once: the keeper already gave itself a margin.
import type { Logger } from '../../logging/logger.js';
import { INITIAL_LEASE_STATE, stepLease, type LeaseCommand, type LeaseEvent, type LeaseSettings, type LeaseState, type LossReason } from '../../domain/cluster/lease-keeper.js';
import type { Leases } from '../ports/leases.js';
import type { Timers } from '../ports/timers.js';
import type { LeaseTally } from './lease-tally.js';

export interface LeaseHolderDeps {
  readonly leases: Leases;
  readonly timers: Timers;
  readonly now: () => number;
  readonly logger: Logger;
  /** The lease's name, e.g. `acd-leader` or `pbx:<id>`. */
  readonly name: string;
  /** This server's id: unique among the servers sharing the lease. */
  readonly owner: string;
  readonly settings: LeaseSettings;
  readonly gained: (epoch: number) => void;
  readonly lost: (reason: LossReason) => void;
  /** Where this process counts its leases held and gained (GET /metrics); none in most tests. */
  readonly tally?: LeaseTally;
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'LEASE_REQUEST_FAILED';
}

export class LeaseHolder {
  private state: LeaseState = INITIAL_LEASE_STATE;
  private readonly log: Logger;
  /** The release in flight, if any: a server closing its Redis links waits for it. */
  private released: Promise<void> = Promise.resolve();

  constructor(private readonly deps: LeaseHolderDeps) {
    this.log = deps.logger.child({ lease: deps.name });
    deps.tally?.compete(deps.name, () => this.holding);
  }

  start(): void {
    this.handle({ type: 'Started', at: this.deps.now() });
  }

  /** Stops renewing; a held lease is released so a standby can take it at once (resolves once Redis answered the release). */
  stop(): Promise<void> {
    this.handle({ type: 'Stopped', at: this.deps.now() });
    return this.released;
  }

  get holding(): boolean {
    return this.state.kind === 'holding';
  }

  private handle(event: LeaseEvent): void {
    const { state, commands } = stepLease(this.state, event, this.deps.settings);
    this.state = state;
    for (const command of commands) this.run(command);
  }

  private run(command: LeaseCommand): void {
    const { deps } = this;
    switch (command.type) {
      case 'Ask':
        return void this.ask(command.request, command.sentAt);
      case 'Release':
        this.released = deps.leases.release(deps.name, deps.owner).then(
          () => undefined,
          (error: unknown) => this.log.warn({ err: error }, 'could not release the lease; it lapses by itself'),
        );
        return;
      case 'StartTimer':
        return deps.timers.start(this.timerId(command.timer), command.ms, () => this.handle({ type: 'TimerFired', timer: command.timer, at: deps.now() }));
      case 'CancelTimer':
        return deps.timers.cancel(this.timerId(command.timer));
      case 'Gained':
        this.log.info({ epoch: command.epoch }, 'lease gained');
        deps.tally?.gained(deps.name);
        return deps.gained(command.epoch);
      case 'Lost':
        this.log.warn({ reason: command.reason }, 'lease lost');
        return deps.lost(command.reason);
      case 'Log':
        return this.log[command.level](command.fields ?? {}, command.message);
    }
  }

  /** Unique per lease and owner: several holders may share one Timers (tests, several roles). */
  private timerId(timer: string): string {
    return `lease:${this.deps.name}:${this.deps.owner}:${timer}`;
  }

  private async ask(request: 'acquire' | 'renew', sentAt: number): Promise<void> {
    const { leases, name, owner, settings } = this.deps;
    try {
      const answer = request === 'acquire' ? await leases.acquire(name, owner, settings.ttlMs) : await leases.renew(name, owner, settings.ttlMs);
      this.handle({ type: 'Answered', request, sentAt, answer, at: this.deps.now() });
    } catch (error) {
      this.handle({ type: 'RequestFailed', request, sentAt, code: codeOf(error), at: this.deps.now() });
    }
  }
}
