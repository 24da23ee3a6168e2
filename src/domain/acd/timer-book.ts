// Timers the ACD asked the application to run. Each start gets a fresh id, and a firing is honoured
// only while its id is still booked, so a timer that fires after being cancelled (a race the
// application cannot always avoid) changes nothing.
import type { AcdCommand } from './acd-protocol.js';
import type { CallTimer } from './call-record.js';

export type TimerPurpose =
  | { readonly kind: 'call'; readonly timer: CallTimer; readonly callId: string }
  | { readonly kind: 'wrap'; readonly agentId: string };

export class TimerBook {
  private readonly active = new Map<string, TimerPurpose>();
  private issued = 0;

  constructor(private readonly emit: (command: AcdCommand) => void) {}

  start(purpose: TimerPurpose, at: number): string {
    this.issued += 1;
    const subject = purpose.kind === 'call' ? `${purpose.timer}:${purpose.callId}` : `wrap:${purpose.agentId}`;
    const timerId = `acd:${subject}:${this.issued}`;
    this.active.set(timerId, purpose);
    this.emit({ type: 'StartTimer', timerId, at });
    return timerId;
  }

  cancel(timerId: string | null | undefined): void {
    if (!timerId || !this.active.delete(timerId)) return;
    this.emit({ type: 'CancelTimer', timerId });
  }

  /** The purpose of a timer that fired, once; undefined for unknown or cancelled ids. */
  take(timerId: string): TimerPurpose | undefined {
    const purpose = this.active.get(timerId);
    this.active.delete(timerId);
    return purpose;
  }

  get size(): number {
    return this.active.size;
  }
}
