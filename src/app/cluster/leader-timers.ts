// The ACD's timers while this server leads: run here, and on expiry logged in the event log as
// `TimerFired` (not applied in place), so they take their turn with the workers' events and the log
// stays the ACD's whole input. A logging that fails is tried again until the term ends.
import type { AcdCommand } from '../../domain/acd/acd-protocol.js';
import { ACD_EVENTS_STREAM, LEADER_SOURCE, type AcdEventMessage } from '../../domain/cluster/acd-messages.js';
import type { Logger } from '../../logging/logger.js';
import type { MessageStreams } from '../ports/message-streams.js';
import type { Timers } from '../ports/timers.js';

export interface LeaderTimersDeps {
  readonly timers: Timers;
  readonly streams: MessageStreams;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: Logger;
  readonly streamLength: number;
}

export class LeaderTimers {
  private readonly booked = new Set<string>();

  constructor(private readonly deps: LeaderTimersDeps) {}

  /** Carries out the engine's StartTimer and CancelTimer commands; `live` says whether the term goes on. */
  run(commands: readonly AcdCommand[], live: () => boolean): void {
    const { timers, now } = this.deps;
    for (const command of commands) {
      if (command.type === 'StartTimer') {
        this.booked.add(command.timerId);
        timers.start(command.timerId, Math.max(0, command.at - now()), () => {
          this.booked.delete(command.timerId);
          void this.log(command.timerId, live);
        });
      } else if (command.type === 'CancelTimer') this.forget(command.timerId);
    }
  }

  /** Its expiry is in the log already (a replay, or a former leader's timer): nothing left to run. */
  forget(timerId: string): void {
    if (this.booked.delete(timerId)) this.deps.timers.cancel(timerId);
  }

  /** The term ended: none of its timers fires. */
  cancelAll(): void {
    for (const timerId of this.booked) this.deps.timers.cancel(timerId);
    this.booked.clear();
  }

  private async log(timerId: string, live: () => boolean): Promise<void> {
    const message: AcdEventMessage = { pbx: LEADER_SOURCE, event: { type: 'TimerFired', timerId, at: this.deps.now() } };
    for (let attempt = 0; live(); attempt += 1) {
      try {
        await this.deps.streams.append(ACD_EVENTS_STREAM, JSON.stringify(message), this.deps.streamLength);
        return;
      } catch (error) {
        this.deps.log.warn({ err: error, timerId, attempt }, 'could not log a timer; trying again');
        await this.deps.sleep(Math.min(100 * 2 ** attempt, 2000));
      }
    }
  }
}
