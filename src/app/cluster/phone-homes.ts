// Where the agents' phones are, across the cluster. Every second the server running a PBX writes
// which agents' phones its box reaches (time to live 5 s: a dead server's word lapses), and every
// server reads what all PBXs wrote into a map it answers from at once (an offer must not wait on
// Redis). A call offered to an agent whose phone is on another box is put through over the trunk to
// that box; an agent is reachable for the ACD when any box reaches one of their phones. A failed
// write or read keeps the last map and is logged once per run of failures.
import type { Logger } from '../../logging/logger.js';
import type { PhoneHomeStore } from '../ports/phone-homes.js';
import type { Timers } from '../ports/timers.js';

export const PHONE_HOMES_EVERY_MS = 1_000;
export const PHONE_HOMES_TTL_MS = 5_000;

export interface PhoneHomesDeps {
  readonly store: PhoneHomeStore;
  readonly timers: Timers;
  readonly logger: Logger;
  /** This server's PBX (null: a web node) and every PBX of the cluster. */
  readonly pbx: string | null;
  readonly pbxs: readonly string[];
  /** Whether this server runs its PBX now (only then does it speak for the box). */
  readonly running: () => boolean;
  /** The agents whose phones this box reaches now. */
  readonly reachedHere: () => readonly string[];
  /** Told after a read that changed where some agent's phone is. */
  readonly changed: () => void;
  readonly everyMs?: number;
}

export class PhoneHomes {
  /** Agent → the other PBX that reaches their phone (this server's own PBX is never in it). */
  private homes = new Map<string, string>();
  private stopped = false;
  private failing = false;
  private round: Promise<void> = Promise.resolve();

  constructor(private readonly deps: PhoneHomesDeps) {}

  start(): void {
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.deps.timers.cancel('phone-homes');
    await this.round;
  }

  /** The other PBX that reaches this agent's phone now, or null (none does, or only this server's own). */
  homeOf(agentId: string): string | null {
    return this.homes.get(agentId) ?? null;
  }

  /** Writes at once (a phone here came or went), without waiting for the next second. */
  reachedChanged(): void {
    const { pbx } = this.deps;
    if (!this.stopped && this.deps.running() && pbx !== null) void this.write(pbx).catch(() => undefined);
  }

  /** One round: this box's word written (when it runs its PBX), then every other box's read. Never fails. */
  refresh(): Promise<void> {
    return this.once().then(
      () => this.recovered(),
      (error: unknown) => this.failed(error),
    );
  }

  private tick(): void {
    if (this.stopped) return;
    this.round = this.refresh();
    this.deps.timers.start('phone-homes', this.deps.everyMs ?? PHONE_HOMES_EVERY_MS, () => this.tick());
  }

  private async once(): Promise<void> {
    const own = this.deps.pbx;
    if (this.deps.running() && own !== null) await this.write(own);
    const said = await this.deps.store.read(this.deps.pbxs.filter((pbx) => pbx !== own));
    const next = new Map<string, string>();
    for (const [pbx, agentIds] of said) for (const agentId of agentIds) if (!next.has(agentId)) next.set(agentId, pbx);
    const same = next.size === this.homes.size && [...next].every(([agentId, pbx]) => this.homes.get(agentId) === pbx);
    this.homes = next;
    if (!same) this.deps.changed();
  }

  private write(pbx: string): Promise<void> {
    return this.deps.store.publish(pbx, this.deps.reachedHere(), PHONE_HOMES_TTL_MS);
  }

  private recovered(): void {
    if (this.failing) this.deps.logger.info('where the agents’ phones are is read from Redis again');
    this.failing = false;
  }

  private failed(error: unknown): void {
    if (!this.failing) this.deps.logger.warn({ err: error }, 'could not share where the agents’ phones are; the last known places are used');
    this.failing = true;
  }
}
