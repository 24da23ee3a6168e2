// Writes made while calls go on (a call starts, moves on, is answered), gathered for a moment and
// committed together in one transaction: one fsync for every call that moved in that window, not one
// per step, so the event loop does not stall on the disk under load (measured by the SIPp
// benchmark). A later write with the same key replaces an earlier one not yet committed (only a
// call's last path matters). What a killed server loses is the last window's steps at most; the
// ticket at hang-up takes its call's writes out of here and commits them with the ticket.
import type { Logger } from '../../logging/logger.js';
import type { CallWrite } from '../ports/call-records.js';
import type { Timers } from '../ports/timers.js';

export interface ProgressWrite {
  /** What the write replaces, e.g. `<call id>:path`. */
  readonly key: string;
  readonly callId: string;
  readonly what: string;
  /**
   * The write, built when it is taken to be committed: a call that moved ten times in the window
   * has its facts put together once.
   */
  readonly write: () => CallWrite;
}

/** Applies `writes` in order as one transaction (all or none). */
export type Batch = (writes: readonly CallWrite[]) => Promise<void>;

const FLUSH_TIMER = 'progress-flush';

export class ProgressWriter {
  private readonly pending = new Map<string, ProgressWrite>();
  private waiting = false;
  /** The last flush asked for; each runs after the one before it, so two never overlap. */
  private last: Promise<void> = Promise.resolve();
  private inFlight = 0;

  constructor(
    private readonly batch: Batch,
    private readonly logger: Logger,
    private readonly timers: Timers,
    private readonly windowMs = 100,
  ) {}

  queue(write: ProgressWrite): void {
    this.pending.set(write.key, write);
    if (this.waiting) return;
    this.waiting = true;
    this.timers.start(FLUSH_TIMER, this.windowMs, () => void this.flush());
  }

  /**
   * Commits what is pending when its turn comes (after any flush still in flight). A locked or full
   * database must not disturb the callers: the writes are skipped and logged, and what they held is
   * written again with each call's ticket. Never rejects.
   */
  flush(): Promise<void> {
    this.timers.cancel(FLUSH_TIMER);
    this.waiting = false;
    this.inFlight += 1;
    this.last = this.last.then(() => this.commit()).finally(() => {
      this.inFlight -= 1;
    });
    return this.last;
  }

  /** Waits for the flushes already asked for (a call's earlier writes are committed, or skipped, by then). */
  settled(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : this.last;
  }

  /**
   * Takes one call's pending writes out, in the order they were queued, for the caller to commit
   * (the ticket's transaction); the other calls' writes stay for their window.
   */
  take(callId: string): CallWrite[] {
    const writes: CallWrite[] = [];
    for (const [key, write] of this.pending) {
      if (write.callId !== callId) continue;
      this.pending.delete(key);
      try {
        writes.push(write.write());
      } catch (error) {
        // As in a failed batch: skipped and logged, the ticket carries what it held.
        this.logger.warn({ err: error, callId, what: write.what }, 'database write skipped; the ticket at hang-up will carry it');
      }
    }
    return writes;
  }

  private async commit(): Promise<void> {
    if (this.pending.size === 0) return;
    const writes = [...this.pending.values()];
    this.pending.clear();
    try {
      await this.batch(writes.map((write) => write.write()));
    } catch (error) {
      for (const write of writes) this.logger.warn({ err: error, callId: write.callId, what: write.what }, 'database write skipped; the ticket at hang-up will carry it');
    }
  }
}
