// Timers the ACD asked the application to run. Each start gets a fresh id, and a firing is honoured
// only while its id is still booked, so a timer that fires after being cancelled (a race the
// application cannot always avoid) changes nothing.
import type { AcdCommand } from './acd-protocol.js';
import type { CallTimer } from './call-record.js';

export type TimerPurpose =
  | { readonly kind: 'call'; readonly timer: CallTimer; readonly callId: string }
  | { readonly kind: 'wrap'; readonly agentId: string };

/** A timer still booked: what it is for and when it was asked to fire (a snapshot restarts it then). */
export interface BookedTimer {
  readonly timerId: string;
  readonly purpose: TimerPurpose;
  readonly at: number;
}

export class TimerBook {
  private readonly active = new Map<string, { readonly purpose: TimerPurpose; readonly at: number }>();
  /** Timers started so far: the suffix that keeps every id unique, so it is saved with the book. */
  issued = 0;

  constructor(private readonly emit: (command: AcdCommand) => void) {}

  start(purpose: TimerPurpose, at: number): string {
    this.issued += 1;
    const subject = purpose.kind === 'call' ? `${purpose.timer}:${purpose.callId}` : `wrap:${purpose.agentId}`;
    const timerId = `acd:${subject}:${this.issued}`;
    this.book({ timerId, purpose, at });
    return timerId;
  }

  /** Books a timer under an id it already has (a restored one) and asks for it to be run again. */
  book(timer: BookedTimer): void {
    this.active.set(timer.timerId, { purpose: timer.purpose, at: timer.at });
    this.emit({ type: 'StartTimer', timerId: timer.timerId, at: timer.at });
  }

  /** The booked timers in the order they were started. */
  booked(): BookedTimer[] {
    return [...this.active].map(([timerId, { purpose, at }]) => ({ timerId, purpose, at }));
  }

  cancel(timerId: string | null | undefined): void {
    if (!timerId || !this.active.delete(timerId)) return;
    this.emit({ type: 'CancelTimer', timerId });
  }

  /** The purpose of a timer that fired, once; undefined for unknown or cancelled ids. */
  take(timerId: string): TimerPurpose | undefined {
    const purpose = this.active.get(timerId)?.purpose;
    this.active.delete(timerId);
    return purpose;
  }

  get size(): number {
    return this.active.size;
  }
}
