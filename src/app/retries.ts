// Trying an operation again after fixed waits, on the app's timers: tests drive the waits, and a
// stopping server cancels them.
import type { Timers } from './ports/timers.js';

export interface RetryPlan {
  /** The waits between tries: there is one try more than there are waits. */
  readonly delaysMs: readonly number[];
  readonly timers: Timers;
  /** The id of the wait after try `failedTry` (1, 2, …). */
  readonly timerId: (failedTry: number) => string;
  /** Told of each failure that will be tried again; the wait starts once it has resolved. */
  readonly onRetry: (error: unknown, failedTry: number) => void | Promise<void>;
}

/** The operation's result once a try succeeds; the last try's error once every wait is used up. */
export async function withRetries<T>(plan: RetryPlan, operation: () => Promise<T>): Promise<T> {
  for (let tried = 1; ; tried += 1) {
    try {
      return await operation();
    } catch (error) {
      const delay = plan.delaysMs[tried - 1];
      if (delay === undefined) throw error;
      await plan.onRetry(error, tried);
      await new Promise<void>((resolve) => plan.timers.start(plan.timerId(tried), delay, resolve));
    }
  }
}
